#pragma once

#include <QByteArray>
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
};

} // namespace unblur::io
