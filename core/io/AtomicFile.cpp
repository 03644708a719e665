#include "AtomicFile.h"

#include "ImageError.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QString>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace unblur::io {

namespace {

QString qPath(const std::string& path)
{
    return QString::fromStdString(path);
}

/** Makes the rename itself durable (POSIX); best effort. */
void syncFolder(const QString& folder)
{
    const int fd = ::open(QFile::encodeName(folder).constData(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

} // namespace

bool AtomicFile::sameFile(const std::string& a, const std::string& b)
{
    if (a.empty() || b.empty()) {
        return false;
    }
    struct stat first = {};
    struct stat second = {};
    if (::stat(QFile::encodeName(qPath(a)).constData(), &first) != 0 ||
        ::stat(QFile::encodeName(qPath(b)).constData(), &second) != 0) {
        return false;
    }
    return first.st_dev == second.st_dev && first.st_ino == second.st_ino;
}

void AtomicFile::checkTarget(const std::string& path, const std::string& source, bool allowSource)
{
    const QFileInfo info(qPath(path));
    if (info.isDir()) {
        throw ImageError("cannot write " + path + ": is a directory");
    }
    const QDir folder = info.absoluteDir();
    if (!folder.exists()) {
        throw ImageError("cannot write " + path + ": folder " +
                         QDir::toNativeSeparators(folder.path()).toStdString() + " does not exist");
    }
    if (!allowSource && sameFile(path, source)) {
        throw ImageError("cannot write " + path +
                         ": it is the input file (overwriting the "
                         "original must be asked for explicitly)");
    }
}

void AtomicFile::write(const std::string& path, const QByteArray& bytes)
{
    QSaveFile file(qPath(path));
    if (!file.open(QIODevice::WriteOnly)) {
        throw ImageError("cannot write " + path + ": " + file.errorString().toStdString());
    }
    std::string reason;
    errno = 0;
    if (file.write(bytes) != bytes.size() || !file.flush()) {
        reason = errno != 0 ? std::strerror(errno) : file.errorString().toStdString();
    } else if (file.handle() >= 0 && ::fsync(file.handle()) != 0) {
        reason = std::strerror(errno);
    }
    if (!reason.empty()) {
        file.cancelWriting(); // the temporary file is removed with `file`
        throw ImageError("cannot write " + path + ": " + reason);
    }
    if (!file.commit()) {
        throw ImageError("cannot write " + path + ": " + file.errorString().toStdString());
    }
    syncFolder(QFileInfo(qPath(path)).absolutePath());
}

} // namespace unblur::io
