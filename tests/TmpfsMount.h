// A small real file system for disk-full tests (header only, Linux only).
#pragma once

#include <QFile>
#include <QString>
#include <cerrno>
#include <cstring>
#include <string>
#include <sys/mount.h>

namespace batchtest {

/**
 * While alive, a tmpfs of `size` (e.g. "1m") is mounted on the existing folder `path`; the
 * destructor unmounts it (lazily, so that a test that failed half-way cannot block it). Needs
 * root with CAP_SYS_ADMIN; check ok() and error().
 */
class TmpfsMount
{
public:
    TmpfsMount(const QString& path, const QString& size) : m_path(QFile::encodeName(path))
    {
        const std::string options = "size=" + size.toStdString();
        m_ok = ::mount("tmpfs", m_path.constData(), "tmpfs", 0, options.c_str()) == 0;
        if (!m_ok) {
            m_error = QString::fromLocal8Bit(std::strerror(errno));
        }
    }
    ~TmpfsMount()
    {
        if (m_ok) {
            ::umount2(m_path.constData(), MNT_DETACH);
        }
    }
    TmpfsMount(const TmpfsMount&) = delete;
    TmpfsMount& operator=(const TmpfsMount&) = delete;

    bool ok() const { return m_ok; }
    const QString& error() const { return m_error; }

private:
    QByteArray m_path;
    bool m_ok = false;
    QString m_error;
};

} // namespace batchtest
