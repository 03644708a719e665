#include "ModelFolders.h"

#include "io/BundledModel.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace unblur::ui {

QString ModelFolders::bundled()
{
    return io::bundledModelFolder();
}

QString ModelFolders::problem(const QString& folder)
{
    if (!QFileInfo(folder).isDir()) {
        return QCoreApplication::translate("ModelFolders", "%1: not a folder").arg(folder);
    }
    QStringList missing;
    for (const char* file : {"net_g.pth", "net_le_dm.pth", "net_d.pth"}) {
        if (!QFileInfo(QDir(folder).filePath(QLatin1String(file))).isFile()) {
            missing << QLatin1String(file);
        }
    }
    if (!missing.isEmpty()) {
        return QCoreApplication::translate(
                   "ModelFolders", "%1: not a HI-Diff model folder (%n file(s) missing: %2)",
                   nullptr, int(missing.size()))
            .arg(folder, missing.join(QStringLiteral(", ")));
    }
    return {};
}

QString ModelFolders::displayName(const QString& folder)
{
    QFile json(QDir(folder).filePath(QStringLiteral("model.json")));
    if (json.size() < (1 << 20) && json.open(QIODevice::ReadOnly)) {
        const QJsonObject card = QJsonDocument::fromJson(json.readAll()).object();
        const QString name = card.value(QStringLiteral("name")).toString();
        const QString version = card.value(QStringLiteral("version")).toString();
        if (!name.isEmpty()) {
            return version.isEmpty() ? name : name + QLatin1Char(' ') + version;
        }
    }
    return QFileInfo(folder).fileName();
}

} // namespace unblur::ui
