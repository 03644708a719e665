#include "OutputCheck.h"

#include <QDir>
#include <QFileInfo>
#include <QStorageInfo>
#include <QTemporaryFile>

namespace unblur::io {

namespace {

QString native(const QString& path)
{
    return QDir::toNativeSeparators(path);
}

/** "3 MB", "1.5 GB": whole megabytes below 10 GB, rounded `up` or down. */
QString sizeText(qint64 bytes, bool up)
{
    constexpr qint64 kMegabyte = 1000 * 1000;
    if (bytes >= 10000 * kMegabyte) {
        return QStringLiteral("%1 GB").arg(double(bytes) / (1000.0 * kMegabyte), 0, 'f', 1);
    }
    const qint64 megabytes = up ? (bytes + kMegabyte - 1) / kMegabyte : bytes / kMegabyte;
    return QStringLiteral("%1 MB").arg(megabytes);
}

/** The nearest of `folder` and its parents that exists (the root at worst). */
QString nearestExisting(const QString& folder)
{
    QString path = QDir::cleanPath(QFileInfo(folder).absoluteFilePath());
    while (!QFileInfo::exists(path)) {
        const QString parent = QFileInfo(path).absolutePath();
        if (parent == path) {
            break;
        }
        path = parent;
    }
    return path;
}

/** Why outputs cannot go into `folder`, or an empty string. */
QString folderProblem(const QString& folder, qint64 expectedBytes)
{
    const QString wanted = QDir::cleanPath(QFileInfo(folder).absoluteFilePath());
    const QString existing = nearestExisting(wanted);
    const bool missing = existing != wanted;
    const QString cannotCreate = "the folder " + native(wanted) + " cannot be created: ";
    if (!QFileInfo(existing).isDir()) {
        const QString notFolder = native(existing) + " is not a folder";
        return missing ? cannotCreate + notFolder : notFolder;
    }
    QTemporaryFile probe(existing + QStringLiteral("/.unblur-check-XXXXXX"));
    if (!probe.open()) {
        return missing ? cannotCreate + probe.errorString()
                       : "the folder " + native(wanted) + " is not writable (" +
                             probe.errorString() + ")";
    }
    probe.close();
    const QStorageInfo storage(existing);
    if (storage.isValid() && storage.isReady() && storage.bytesAvailable() >= 0 &&
        storage.bytesAvailable() < expectedBytes) {
        return "only " + sizeText(storage.bytesAvailable(), false) + " free in " +
               native(storage.rootPath()) + ", about " + sizeText(expectedBytes, true) + " needed";
    }
    return {};
}

} // namespace

qint64 expectedOutputBytes(int width, int height, int channels, int bitsPerSample)
{
    constexpr qint64 kHeaders = 1 << 20;
    const qint64 bytesPerSample = (qMax(bitsPerSample, 8) + 7) / 8;
    return qint64(qMax(width, 0)) * qMax(height, 0) * qMax(channels, 1) * bytesPerSample + kHeaders;
}

QString checkOutput(const QString& outputFile, qint64 expectedBytes)
{
    const QFileInfo info(outputFile);
    const QString prefix = "cannot write " + native(outputFile) + ": ";
    if (info.isDir()) {
        return prefix + "is a folder";
    }
    const QString problem = folderProblem(info.absolutePath(), expectedBytes);
    return problem.isEmpty() ? QString() : prefix + problem;
}

QString checkOutputFolder(const QString& folder, qint64 expectedBytes)
{
    const QString problem = folderProblem(folder, expectedBytes);
    return problem.isEmpty() ? QString() : "cannot write into " + native(folder) + ": " + problem;
}

} // namespace unblur::io
