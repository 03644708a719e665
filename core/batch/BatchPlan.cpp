#include "BatchPlan.h"

#include "OutputNamer.h"
#include "io/ImageFormat.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <algorithm>

namespace unblur::batch {

namespace {

/** A photo found, before it is named. */
struct Found
{
    QString input;    ///< absolute, cleaned
    QString relative; ///< below its input folder, '/'-separated
    QString error;    ///< set for an input that does not exist
};

class Scanner
{
public:
    Scanner(const BatchOptions& options, const QString& outputFolder)
        : m_recursive(options.recursive), m_output(outputFolder)
    {
        for (const QString& glob : options.includes) {
            m_globs.append(QRegularExpression(QRegularExpression::wildcardToRegularExpression(glob),
                                              QRegularExpression::CaseInsensitiveOption));
        }
    }

    void scanFolder(const QDir& root, const QDir& folder, std::vector<Found>& found) const
    {
        if (folder != root && QFileInfo(folder.path()).canonicalFilePath() == m_output) {
            return; // the outputs of an earlier run are not photos to deblur
        }
        const QFileInfoList entries =
            folder.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        for (const QFileInfo& entry : entries) {
            if (entry.isDir()) {
                if (m_recursive && !entry.isSymLink()) { // links could loop
                    scanFolder(root, QDir(entry.filePath()), found);
                }
            } else if (accepts(entry.fileName())) {
                found.push_back({QDir::cleanPath(entry.absoluteFilePath()),
                                 root.relativeFilePath(entry.absoluteFilePath()),
                                 {}});
            }
        }
    }

private:
    bool accepts(const QString& fileName) const
    {
        if (m_globs.isEmpty()) {
            return BatchPlan::hasPhotoExtension(fileName);
        }
        return std::any_of(m_globs.begin(), m_globs.end(), [&](const QRegularExpression& glob) {
            return glob.match(fileName).hasMatch();
        });
    }

    bool m_recursive;
    QString m_output; ///< canonical; empty while it does not exist
    QList<QRegularExpression> m_globs;
};

/** `path` with "-2" (or `number`) before its extension. */
QString numbered(const QString& path, int number)
{
    const QFileInfo info(path);
    const QString suffix = info.suffix();
    const QString base = suffix.isEmpty() ? path : path.left(path.size() - suffix.size() - 1);
    return base + QLatin1Char('-') + QString::number(number) +
           (suffix.isEmpty() ? QString() : QLatin1Char('.') + suffix);
}

} // namespace

bool BatchPlan::hasPhotoExtension(const QString& fileName)
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    if (suffix == QLatin1String("bmp") ||
        io::canEncode(io::formatForExtension(fileName.toStdString()))) {
        return true;
    }
    const std::vector<std::string>& raw = io::rawExtensions();
    return std::find(raw.begin(), raw.end(), suffix.toStdString()) != raw.end();
}

int BatchPlan::shardOf(const QString& relative, int count)
{
    // FNV-1a over the UTF-8 path: the same on every machine and every run.
    uint64_t hash = 14695981039346656037ULL;
    for (const char byte : QDir::fromNativeSeparators(relative).toUtf8()) {
        hash ^= uint8_t(byte);
        hash *= 1099511628211ULL;
    }
    return count <= 1 ? 0 : int(hash % uint64_t(count));
}

int BatchPlan::queued() const
{
    return int(std::count_if(m_items.begin(), m_items.end(), [](const BatchItem& item) {
        return item.state == ItemState::Queued;
    }));
}

std::vector<BatchItem> BatchPlan::findPhotos(const BatchOptions& options)
{
    const QString outputRoot =
        options.outputFolder.isEmpty()
            ? QString()
            : QFileInfo(QDir(options.outputFolder).absolutePath()).canonicalFilePath();
    const Scanner scanner(options, outputRoot);
    std::vector<Found> found;
    for (const QString& input : options.inputs) {
        const QFileInfo info(input);
        if (info.isDir()) {
            scanner.scanFolder(QDir(info.absoluteFilePath()), QDir(info.absoluteFilePath()), found);
        } else {
            found.push_back({QDir::cleanPath(info.absoluteFilePath()), info.fileName(),
                             info.exists() ? QString() : QStringLiteral("no such file or folder")});
        }
    }
    std::stable_sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
        return a.relative != b.relative ? a.relative < b.relative : a.input < b.input;
    });
    // The same file named twice (a folder and a file in it) is one photo.
    QSet<QString> seen;
    std::vector<BatchItem> items;
    for (const Found& f : found) {
        const QString canonical = QFileInfo(f.input).canonicalFilePath();
        const QString key = canonical.isEmpty() ? f.input : canonical;
        if (seen.contains(key)) {
            continue;
        }
        seen.insert(key);
        BatchItem item;
        item.input = f.input;
        item.relative = f.relative;
        if (!f.error.isEmpty()) {
            item.state = ItemState::Failed;
            item.reason = f.error;
        }
        items.push_back(item);
    }
    return items;
}

BatchPlan BatchPlan::make(const BatchOptions& options, const QDate& date)
{
    const QString outputRoot = QDir::cleanPath(QDir(options.outputFolder).absolutePath());
    const std::vector<BatchItem> found = findPhotos(options);
    QSet<QString> inputs;
    for (const BatchItem& f : found) {
        inputs.insert(f.input);
        inputs.insert(QFileInfo(f.input).canonicalFilePath());
    }

    // Names over the whole list, before sharding, so that every shard agrees on them.
    const OutputNamer namer(options, date);
    QSet<QString> planned;
    BatchPlan plan;
    for (BatchItem item : found) {
        const QString parent = QFileInfo(item.relative).path();
        const QString folder =
            parent == QLatin1String(".") ? outputRoot : outputRoot + '/' + parent;
        QString output = folder + '/' + namer.fileName(item.input);
        for (int n = 2; planned.contains(output); ++n) {
            output = numbered(folder + '/' + namer.fileName(item.input), n);
        }
        planned.insert(output);
        item.output = output;
        if (shardOf(item.relative, options.shardCount) == options.shardIndex - 1) {
            plan.m_items.push_back(item);
        }
    }

    for (BatchItem& item : plan.m_items) {
        if (item.state != ItemState::Queued) {
            continue;
        }
        const QFileInfo target(item.output);
        if (inputs.contains(item.output) ||
            (target.exists() && inputs.contains(target.canonicalFilePath()))) {
            item.state = ItemState::Failed;
            item.reason = QStringLiteral("the output %1 would overwrite an input photo")
                              .arg(QDir::toNativeSeparators(item.output));
        } else if (target.exists() || target.isSymLink()) {
            if (options.collision == Collision::SkipExisting) {
                item.state = ItemState::Skipped;
                item.reason = QStringLiteral("output exists");
            } else if (options.collision == Collision::Suffix) {
                QString free;
                for (int n = 2; free.isEmpty() || QFileInfo::exists(free) || planned.contains(free);
                     ++n) {
                    free = numbered(item.output, n);
                }
                planned.insert(free);
                item.output = free;
            }
        }
    }
    return plan;
}

} // namespace unblur::batch
