#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace unblur::model {

/** One record of a zip archive as its central directory describes it. */
struct ZipEntry
{
    std::string name;
    uint16_t flags = 0;  ///< general-purpose bit flags
    uint16_t method = 0; ///< 0 stored, 8 deflated
    uint32_t crc32 = 0;
    uint64_t compressedSize = 0;
    uint64_t size = 0; ///< once extracted
    uint64_t localHeaderOffset = 0;
    /// A folder to miniz (a name ending in '/' or the DOS folder attribute): LibTorch's reader
    /// then hands back its size in bytes without writing them.
    bool folder = false;
};

/**
 * The central directory of the zip file `path` (of `fileSize` bytes), found as miniz finds
 * it: the last end-of-directory record, and the zip64 one where a locator precedes it. Lets
 * the checkpoint reader check an archive before LibTorch's zip reader allocates or reads
 * anything. Throws ModelError naming the file for a directory it cannot walk.
 */
std::vector<ZipEntry> readZipDirectory(const std::string& path, uint64_t fileSize);

/** The bytes of a stored (uncompressed) entry, CRC checked; throws ModelError. */
std::string readStoredEntry(const std::string& path, uint64_t fileSize, const ZipEntry& entry);

} // namespace unblur::model
