#include "BundledModel.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace unblur::io {

QString bundledModelFolder()
{
    const QByteArray fromEnv = qgetenv("UNBLUR_MODEL_DIR");
    if (!fromEnv.isEmpty()) {
        return QString::fromLocal8Bit(fromEnv);
    }
    const QString programDir = QCoreApplication::applicationDirPath();
    for (const char* relative :
         {"/../share/unblur/models/default", "/../../resources/models/default"}) {
        const QString candidate = QDir::cleanPath(programDir + QLatin1String(relative));
        if (QFileInfo(candidate).isDir()) {
            return candidate;
        }
    }
    return {};
}

} // namespace unblur::io
