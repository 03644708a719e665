#include "AtomicFile.h"

#include "ImageError.h"
#include "WriteError.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QString>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace unblur::io {

namespace {

std::mutex faultMutex;
AtomicFile::WriteFault writeFault;

/** The simulated failure for `path`, or 0. */
int simulatedFailure(const std::string& path, qint64 bytes)
{
    const std::lock_guard<std::mutex> lock(faultMutex);
    return writeFault ? writeFault(path, bytes) : 0;
}

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

/**
 * Why a temporary file could not be created in `folder`: the folder is gone (ENOENT), or
 * refuses this process's effective user (EACCES, EROFS); else `openErrno`.
 */
int openFailureOf(const QString& folder, int openErrno)
{
    const QByteArray name = QFile::encodeName(folder);
    struct stat info = {};
    if (::stat(name.constData(), &info) != 0) {
        return errno;
    }
    if (::faccessat(AT_FDCWD, name.constData(), W_OK, AT_EACCESS) != 0) {
        return errno;
    }
    return openErrno;
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
        throw WriteError("cannot write " + path + ": folder " +
                             QDir::toNativeSeparators(folder.path()).toStdString() +
                             " does not exist",
                         ENOENT);
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
    errno = 0;
    if (!file.open(QIODevice::WriteOnly)) {
        const int error = openFailureOf(QFileInfo(qPath(path)).absolutePath(), errno);
        throw WriteError("cannot write " + path + ": " + file.errorString().toStdString(), error);
    }
    std::string reason;
    int error = 0;
    errno = 0;
    if (file.write(bytes) != bytes.size() || !file.flush()) {
        error = errno;
        reason = errno != 0 ? std::strerror(errno) : file.errorString().toStdString();
    } else if (file.handle() >= 0 && ::fsync(file.handle()) != 0) {
        error = errno;
        reason = std::strerror(errno);
    } else if (const int simulated = simulatedFailure(path, bytes.size())) {
        error = simulated;
        reason = std::strerror(simulated);
    }
    if (!reason.empty()) {
        file.cancelWriting(); // the temporary file is removed with `file`
        throw WriteError("cannot write " + path + ": " + reason, error);
    }
    errno = 0;
    if (!file.commit()) {
        throw WriteError("cannot write " + path + ": " + file.errorString().toStdString(), errno);
    }
    syncFolder(QFileInfo(qPath(path)).absolutePath());
}

void AtomicFile::setWriteFault(WriteFault fault)
{
    const std::lock_guard<std::mutex> lock(faultMutex);
    writeFault = std::move(fault);
}

} // namespace unblur::io
