#pragma once

#include <QByteArray>
#include <functional>
#include <string>

namespace unblur::io {

/** Whole-file writes that either fully happen or leave nothing behind. */
class AtomicFile
{
public:
    /**
     * Writes `bytes` to a temporary file in `path`'s folder, syncs it, renames it over
     * `path` and syncs the folder. On any failure (read-only folder, full disk, file size
     * limit) the temporary file is removed and WriteError names `path` and the reason, with
     * the system's error number (ENOSPC, ENOENT for a vanished folder, EROFS, EACCES...).
     */
    static void write(const std::string& path, const QByteArray& bytes);

    /**
     * Throws ImageError naming `path` when it cannot be an output: it is a folder, its folder
     * does not exist (a WriteError with ENOENT), or it is the file `source` (unless
     * `allowSource`).
     */
    static void checkTarget(const std::string& path, const std::string& source, bool allowSource);

    /** Whether both paths name the same existing file (links and "./" resolved). */
    static bool sameFile(const std::string& a, const std::string& b);

    /**
     * Simulated write failures, for tests on machines where no small file system can be
     * mounted: called with each output path and size once its bytes are in the temporary
     * file; a non-zero errno (ENOSPC...) fails that write as the file system would, the
     * temporary file is removed. An empty function (the default) turns it off.
     */
    using WriteFault = std::function<int(const std::string& path, qint64 bytes)>;
    static void setWriteFault(WriteFault fault);
};

} // namespace unblur::io
