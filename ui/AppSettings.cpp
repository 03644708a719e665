#include "AppSettings.h"

#include <QSettings>
#include <QStandardPaths>
#include <QStringList>
#include <memory>

namespace unblur::ui {

namespace {

struct Entry
{
    const char* name;
    QVariant fallback;
};

const Entry& entry(AppSettings::Key key)
{
    static const Entry table[AppSettings::KeyCount] = {
        {"files/lastFolder", QStandardPaths::writableLocation(QStandardPaths::PicturesLocation)},
        {"files/recent", QStringList()},
        {"model/folder", QString()},
        {"model/extra", QStringList()},
        {"engine/device", QStringLiteral("auto")},
        {"engine/precision", QStringLiteral("auto")},
        {"engine/tileSize", 0},
        {"engine/views", 1},
        {"engine/refine", QStringLiteral("auto")},
        {"engine/protectSharp", true},
        {"view/compareMode", QStringLiteral("split")},
        {"view/splitDirection", QStringLiteral("leftRight")},
        {"view/blurMap", false},
        {"window/geometry", QByteArray()},
        {"window/state", QByteArray()},
        {"export/format", QString()},
        {"export/quality", 95},
        {"export/bitDepth", 0},
        {"export/metadata", 0},
        {"ui/language", QString()},
        {"batch/outputFolder", QString()},
        {"batch/template", QStringLiteral("{name}_unblur.{ext}")},
        {"batch/recursive", true},
        {"batch/collision", QStringLiteral("skip-existing")},
        {"batch/onlyBlurry", false},
        {"batch/protectSharp", true},
    };
    return table[key];
}

QString& iniFile()
{
    static QString file;
    return file;
}

std::unique_ptr<QSettings> open()
{
    if (!iniFile().isEmpty()) {
        return std::make_unique<QSettings>(iniFile(), QSettings::IniFormat);
    }
    return std::make_unique<QSettings>(QStringLiteral("Unblur"), QStringLiteral("Unblur"));
}

} // namespace

QVariant AppSettings::value(Key key)
{
    const Entry& e = entry(key);
    return open()->value(QLatin1String(e.name), e.fallback);
}

void AppSettings::setValue(Key key, const QVariant& value)
{
    open()->setValue(QLatin1String(entry(key).name), value);
}

void AppSettings::useFile(const QString& file)
{
    iniFile() = file;
}

void AppSettings::addRecentFile(const QString& path, int limit)
{
    QStringList recent = value(RecentFiles).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > limit) {
        recent.removeLast();
    }
    setValue(RecentFiles, recent);
}

} // namespace unblur::ui
