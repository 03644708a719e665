#pragma once

#include <QString>
#include <QVariant>

namespace unblur::ui {

/**
 * Every persisted setting in one table: an enum key, its QSettings name and its default.
 * Backed by QSettings (organisation "Unblur"), or by one file when tests ask for it.
 */
class AppSettings
{
public:
    enum Key
    {
        LastFolder,
        RecentFiles,
        ModelFolder,
        ExtraModels,
        Device,
        Precision,
        TileSize,
        EnsembleViews,
        Refine,       ///< "auto", "on" or "off": camera-shake refinement
        ProtectSharp, ///< blend the restored photo through the blur map; on by default
        CompareMode,
        SplitDirection,
        BlurMap, ///< View > Blur map shown
        WindowGeometry,
        WindowState,
        ExportFormat,
        ExportQuality,
        ExportBitDepth,
        ExportMetadata,
        Language, ///< "" follows the system locale, else a catalogue code ("en", "de", "zh_CN")
        BatchOutputFolder,
        BatchTemplate,
        BatchRecursive,
        BatchCollision,
        BatchOnlyBlurry,
        BatchProtectSharp, ///< the batch window's Protect sharp areas; on by default
        KeyCount
    };

    static QVariant value(Key key);
    static void setValue(Key key, const QVariant& value);

    /** Stores everything in `iniFile` instead of the user's configuration (tests). */
    static void useFile(const QString& iniFile);

    /** Adds `path` at the head of the recent files (at most `limit`), removing duplicates. */
    static void addRecentFile(const QString& path, int limit = 10);
};

} // namespace unblur::ui
