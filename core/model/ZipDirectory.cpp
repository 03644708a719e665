#include "ZipDirectory.h"

#include "ModelError.h"

#include <algorithm>
#include <array>
#include <fstream>

namespace unblur::model {

namespace {

constexpr uint32_t kEndSignature = 0x06054b50, kLocatorSignature = 0x07064b50,
                   kEnd64Signature = 0x06064b50, kEntrySignature = 0x02014b50,
                   kLocalSignature = 0x04034b50;
constexpr uint64_t kEndSize = 22, kLocatorSize = 20, kEnd64Size = 56, kEntrySize = 46,
                   kLocalSize = 30;

uint64_t littleEndian(const std::string& bytes, size_t at, size_t width)
{
    uint64_t value = 0;
    for (size_t i = 0; i < width; ++i)
        value |= uint64_t(static_cast<unsigned char>(bytes[at + i])) << (8 * i);
    return value;
}

uint32_t crc32(const std::string& bytes)
{
    static const std::array<uint32_t, 256> table = [] {
        std::array<uint32_t, 256> t{};
        for (uint32_t i = 0; i < 256; ++i) {
            uint32_t c = i;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    uint32_t crc = 0xffffffffu;
    for (unsigned char byte : bytes)
        crc = table[(crc ^ byte) & 0xff] ^ (crc >> 8);
    return crc ^ 0xffffffffu;
}

/** Reads byte ranges of the archive, refusing any that reach past its end. */
class ArchiveFile
{
public:
    ArchiveFile(const std::string& path, uint64_t size)
        : m_path(path), m_size(size), m_in(path, std::ios::binary)
    {
    }

    ModelError corrupt(const std::string& what) const
    {
        return ModelError(m_path + ": truncated or corrupt zip archive (" + what + ")");
    }

    std::string read(uint64_t offset, uint64_t size)
    {
        if (offset > m_size || size > m_size - offset)
            throw corrupt("a record or directory reaches past the end of the file");
        std::string bytes(size, '\0');
        m_in.seekg(std::streamoff(offset));
        m_in.read(bytes.data(), std::streamsize(size));
        if (uint64_t(m_in.gcount()) != size)
            throw corrupt("cannot read " + std::to_string(size) + " bytes at " +
                          std::to_string(offset));
        return bytes;
    }

private:
    const std::string& m_path;
    uint64_t m_size;
    std::ifstream m_in;
};

/** Overrides the fields a zip64 extra block (0x0001) holds: those saved as 0xffffffff. */
void readZip64Extra(const std::string& dir, size_t from, size_t to, ZipEntry& entry)
{
    for (size_t at = from; at + 4 <= to;) {
        const size_t length = littleEndian(dir, at + 2, 2);
        if (littleEndian(dir, at, 2) == 0x0001) {
            size_t field = at + 4;
            const size_t end = std::min(to, field + length);
            for (uint64_t* value : {&entry.size, &entry.compressedSize, &entry.localHeaderOffset})
                if (*value == 0xffffffff && field + 8 <= end) {
                    *value = littleEndian(dir, field, 8);
                    field += 8;
                }
            return;
        }
        at += 4 + length;
    }
}

} // namespace

std::vector<ZipEntry> readZipDirectory(const std::string& path, uint64_t fileSize)
{
    ArchiveFile file(path, fileSize);
    if (fileSize < kEndSize)
        throw file.corrupt("too short for a zip archive");
    const uint64_t tailSize = std::min<uint64_t>(fileSize, kEndSize + 0xffff);
    const std::string tail = file.read(fileSize - tailSize, tailSize);
    size_t end = tailSize - kEndSize + 1;
    while (end-- > 0 && littleEndian(tail, end, 4) != kEndSignature) {
    }
    if (end > tailSize)
        throw file.corrupt("no end of central directory");
    uint64_t count = littleEndian(tail, end + 10, 2);
    uint64_t dirSize = littleEndian(tail, end + 12, 4);
    uint64_t dirOffset = littleEndian(tail, end + 16, 4);
    const uint64_t endOffset = fileSize - tailSize + end;
    if (endOffset >= kLocatorSize) {
        const std::string locator = file.read(endOffset - kLocatorSize, kLocatorSize);
        if (littleEndian(locator, 0, 4) == kLocatorSignature) {
            const std::string end64 = file.read(littleEndian(locator, 8, 8), kEnd64Size);
            if (littleEndian(end64, 0, 4) != kEnd64Signature)
                throw file.corrupt("no zip64 end of central directory");
            count = littleEndian(end64, 32, 8);
            dirSize = littleEndian(end64, 40, 8);
            dirOffset = littleEndian(end64, 48, 8);
        }
    }

    const std::string dir = file.read(dirOffset, dirSize);
    std::vector<ZipEntry> entries;
    size_t at = 0;
    for (uint64_t i = 0; i < count; ++i) { // each entry takes 46 bytes or more of `dir`
        if (dir.size() - at < kEntrySize || littleEndian(dir, at, 4) != kEntrySignature)
            throw file.corrupt("bad central directory entry " + std::to_string(i));
        const size_t nameLength = littleEndian(dir, at + 28, 2);
        const size_t extraLength = littleEndian(dir, at + 30, 2);
        const size_t length = kEntrySize + nameLength + extraLength + littleEndian(dir, at + 32, 2);
        if (dir.size() - at < length)
            throw file.corrupt("bad central directory entry " + std::to_string(i));
        ZipEntry entry;
        entry.flags = uint16_t(littleEndian(dir, at + 8, 2));
        entry.method = uint16_t(littleEndian(dir, at + 10, 2));
        entry.crc32 = uint32_t(littleEndian(dir, at + 16, 4));
        entry.compressedSize = littleEndian(dir, at + 20, 4);
        entry.size = littleEndian(dir, at + 24, 4);
        entry.localHeaderOffset = littleEndian(dir, at + 42, 4);
        entry.name = dir.substr(at + kEntrySize, nameLength);
        constexpr uint64_t kDosFolderAttribute = 0x10;
        entry.folder = (!entry.name.empty() && entry.name.back() == '/') ||
                       (littleEndian(dir, at + 38, 4) & kDosFolderAttribute);
        const size_t extra = at + kEntrySize + nameLength;
        readZip64Extra(dir, extra, extra + extraLength, entry);
        entries.push_back(std::move(entry));
        at += length;
    }
    return entries;
}

std::string readStoredEntry(const std::string& path, uint64_t fileSize, const ZipEntry& entry)
{
    ArchiveFile file(path, fileSize);
    const std::string local = file.read(entry.localHeaderOffset, kLocalSize);
    if (littleEndian(local, 0, 4) != kLocalSignature)
        throw file.corrupt("no local header for record '" + entry.name + "'");
    const uint64_t dataOffset = entry.localHeaderOffset + kLocalSize + littleEndian(local, 26, 2) +
                                littleEndian(local, 28, 2);
    std::string data = file.read(dataOffset, entry.size);
    if (crc32(data) != entry.crc32)
        throw file.corrupt("record '" + entry.name + "' fails its CRC check");
    return data;
}

} // namespace unblur::model
