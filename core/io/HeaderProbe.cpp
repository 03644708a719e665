#include "HeaderProbe.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace unblur::io {

namespace {

/** Bounds-checked reads of a byte buffer, in either byte order. */
class Bytes
{
public:
    Bytes(const char* data, size_t size, bool bigEndian)
        : m_data(reinterpret_cast<const unsigned char*>(data)), m_size(size), m_big(bigEndian)
    {
    }

    bool has(uint64_t pos, uint64_t count) const { return pos <= m_size && count <= m_size - pos; }
    unsigned char at(uint64_t pos) const { return has(pos, 1) ? m_data[pos] : 0; }

    uint32_t u16(uint64_t pos) const
    {
        const uint32_t a = at(pos);
        const uint32_t b = at(pos + 1);
        return m_big ? (a << 8 | b) : (b << 8 | a);
    }

    uint32_t u32(uint64_t pos) const
    {
        const uint32_t a = u16(pos);
        const uint32_t b = u16(pos + 2);
        return m_big ? (a << 16 | b) : (b << 16 | a);
    }

    uint64_t u64(uint64_t pos) const
    {
        const uint64_t a = u32(pos);
        const uint64_t b = u32(pos + 4);
        return m_big ? (a << 32 | b) : (b << 32 | a);
    }

    uint64_t size() const { return m_size; }

private:
    const unsigned char* m_data;
    uint64_t m_size;
    bool m_big;
};

const char* const kTruncated = "truncated (the file ends before the image data does)";

HeaderInfo probeJpeg(const Bytes& b)
{
    HeaderInfo info;
    uint64_t pos = 2;
    while (true) {
        while (b.has(pos, 1) && b.at(pos) != 0xFF) { // stray bytes between markers
            ++pos;
        }
        while (b.has(pos + 1, 1) && b.at(pos + 1) == 0xFF) { // fill bytes
            ++pos;
        }
        if (!b.has(pos, 2)) {
            info.damage = kTruncated;
            return info;
        }
        const unsigned marker = b.at(pos + 1);
        if (marker == 0x00) { // a stuffed zero, not a marker: libjpeg skips it too
            pos += 2;
            continue;
        }
        if (marker == 0xD9) { // end of image
            if (info.width < 0) {
                info.damage = "damaged (no frame header before the end of the image)";
            }
            return info;
        }
        if (marker == 0x01 || marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7)) {
            pos += 2;
            continue;
        }
        if (!b.has(pos, 4)) {
            info.damage = kTruncated;
            return info;
        }
        const uint32_t length = b.u16(pos + 2);
        if (length < 2) {
            info.damage = "damaged (a JPEG segment has an invalid length)";
            return info;
        }
        const bool frame =
            marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (frame && info.width < 0 && b.has(pos + 4, 5)) {
            info.height = b.u16(pos + 5);
            info.width = b.u16(pos + 7);
        }
        pos += 2 + length;
        if (!b.has(pos, 0)) {
            info.damage = kTruncated;
            return info;
        }
        if (marker != 0xDA) {
            continue;
        }
        // Entropy-coded data runs to the next marker other than a stuffed zero or a restart.
        while (true) {
            if (!b.has(pos, 2)) {
                info.damage = kTruncated;
                return info;
            }
            const unsigned next = b.at(pos + 1);
            if (b.at(pos) == 0xFF && next != 0x00 && next != 0xFF && (next < 0xD0 || next > 0xD7)) {
                break;
            }
            ++pos;
        }
    }
}

HeaderInfo probePng(const Bytes& b)
{
    HeaderInfo info;
    uint64_t pos = 8;
    while (b.has(pos, 8)) {
        const uint64_t length = b.u32(pos);
        const uint32_t type = b.u32(pos + 4);
        if (length > 0x7FFFFFFFu) {
            info.damage = "damaged (a PNG chunk has an invalid length)";
            return info;
        }
        if (type == 0x49484452u && length >= 8) { // IHDR
            info.width = b.u32(pos + 8);
            info.height = b.u32(pos + 12);
        }
        if (!b.has(pos + 8, length + 4)) {
            break;
        }
        if (type == 0x49454E44u) { // IEND
            return info;
        }
        pos += 12 + length;
    }
    info.damage = kTruncated;
    return info;
}

HeaderInfo probeWebp(const Bytes& b)
{
    HeaderInfo info;
    if (uint64_t(b.u32(4)) + 8 > b.size()) {
        info.damage = kTruncated;
    }
    const uint64_t data = 20;
    const unsigned char c0 = b.at(12), c1 = b.at(13), c2 = b.at(14), c3 = b.at(15);
    if (c0 == 'V' && c1 == 'P' && c2 == '8' && c3 == ' ' && b.at(data + 3) == 0x9D &&
        b.at(data + 4) == 0x01 && b.at(data + 5) == 0x2A) {
        info.width = b.u16(data + 6) & 0x3FFF;
        info.height = b.u16(data + 8) & 0x3FFF;
    } else if (c0 == 'V' && c1 == 'P' && c2 == '8' && c3 == 'L' && b.at(data) == 0x2F) {
        const uint32_t bits = b.u32(data + 1);
        info.width = (bits & 0x3FFF) + 1;
        info.height = ((bits >> 14) & 0x3FFF) + 1;
    } else if (c0 == 'V' && c1 == 'P' && c2 == '8' && c3 == 'X') {
        info.width = int64_t(b.u16(data + 4) | uint32_t(b.at(data + 6)) << 16) + 1;
        info.height = int64_t(b.u16(data + 7) | uint32_t(b.at(data + 9)) << 16) + 1;
    }
    return info;
}

HeaderInfo probeBmp(const Bytes& b)
{
    HeaderInfo info;
    const uint32_t offset = b.u32(10);
    const uint32_t headerSize = b.u32(14);
    int64_t bits = 0;
    uint32_t compression = 0;
    if (headerSize == 12) {
        info.width = b.u16(18);
        info.height = b.u16(20);
        bits = b.u16(24);
    } else if (headerSize >= 40) {
        info.width = int32_t(b.u32(18));
        const int32_t height = int32_t(b.u32(22));
        info.height = height < 0 ? -int64_t(height) : height;
        bits = b.u16(28);
        compression = b.u32(30);
    } else {
        info.damage = "damaged (unknown BMP header)";
        return info;
    }
    if (info.width <= 0 || info.height <= 0) {
        info.damage = "damaged (the BMP header gives no valid size)";
        return info;
    }
    if (compression == 0 || compression == 3) { // uncompressed rows of known length
        const uint64_t row = (uint64_t(info.width) * uint64_t(bits) + 31) / 32 * 4;
        if (!b.has(offset, row * uint64_t(info.height))) {
            info.damage = kTruncated;
        }
    } else if (!b.has(offset, 1)) {
        info.damage = kTruncated;
    }
    return info;
}

/** Where the parts of an IFD entry sit: classic TIFF (12 bytes) or BigTIFF (20 bytes). */
struct TiffLayout
{
    bool bigTiff = false;
    uint64_t entrySize() const { return bigTiff ? 20 : 12; }
    uint64_t valueAt(uint64_t entry) const { return entry + (bigTiff ? 12 : 8); }
    uint64_t count(const Bytes& b, uint64_t entry) const
    {
        return bigTiff ? b.u64(entry + 4) : b.u32(entry + 4);
    }
};

/**
 * One value of an integer TIFF field, wherever it is stored. Takes every integer type
 * libtiff accepts for sizes and offsets (BYTE, SHORT, LONG, LONG8 and their signed forms),
 * so a size given as, say, SLONG cannot slip past the pixel limit. False for a value that
 * is missing, outside the file, negative or of another type.
 */
bool tiffValue(const Bytes& b, const TiffLayout& layout, uint64_t entry, uint64_t index,
               uint64_t& value)
{
    const uint32_t type = b.u16(entry + 2);
    uint64_t width = 0;
    switch (type) {
    case 1: // BYTE
    case 6: // SBYTE
        width = 1;
        break;
    case 3: // SHORT
    case 8: // SSHORT
        width = 2;
        break;
    case 4:  // LONG
    case 9:  // SLONG
    case 13: // IFD
        width = 4;
        break;
    case 16: // LONG8
    case 17: // SLONG8
    case 18: // IFD8
        width = 8;
        break;
    default:
        return false;
    }
    const uint64_t count = layout.count(b, entry);
    if (index >= count || count > b.size()) {
        return false;
    }
    const uint64_t inlineBytes = layout.bigTiff ? 8 : 4;
    const uint64_t where = count * width <= inlineBytes ? layout.valueAt(entry)
                           : layout.bigTiff             ? b.u64(layout.valueAt(entry))
                                                        : b.u32(layout.valueAt(entry));
    if (where > b.size()) {
        return false;
    }
    const uint64_t pos = where + index * width;
    if (!b.has(pos, width)) {
        return false;
    }
    const uint64_t raw = width == 1   ? b.at(pos)
                         : width == 2 ? b.u16(pos)
                         : width == 4 ? b.u32(pos)
                                      : b.u64(pos);
    const bool negative = (type == 6 && (raw & 0x80)) || (type == 8 && (raw & 0x8000)) ||
                          (type == 9 && (raw & 0x80000000u)) || (type == 17 && (raw >> 63) != 0);
    if (negative) {
        return false;
    }
    value = raw;
    return true;
}

HeaderInfo probeTiff(const char* data, size_t size)
{
    HeaderInfo info;
    const bool big = size >= 2 && data[0] == 'M';
    const Bytes b(data, size, big);
    TiffLayout layout;
    uint64_t ifd = 0;
    if (b.u16(2) == 42) {
        ifd = b.u32(4);
    } else if (b.u16(2) == 43 && b.u16(4) == 8 && b.u16(6) == 0) { // BigTIFF
        layout.bigTiff = true;
        ifd = b.u64(8);
    } else {
        info.damage = "damaged (unknown TIFF header)";
        return info;
    }
    const uint64_t countSize = layout.bigTiff ? 8 : 2;
    if (!b.has(ifd, countSize)) {
        info.damage = kTruncated;
        return info;
    }
    const uint64_t entries = layout.bigTiff ? b.u64(ifd) : b.u16(ifd);
    if (entries > b.size() || !b.has(ifd + countSize, entries * layout.entrySize())) {
        info.damage = kTruncated;
        return info;
    }
    uint64_t offsets = 0, counts = 0;
    uint64_t offsetCount = 0;
    for (uint64_t i = 0; i < entries; ++i) {
        const uint64_t entry = ifd + countSize + i * layout.entrySize();
        const uint32_t tag = b.u16(entry);
        const uint32_t type = b.u16(entry + 2);
        const uint64_t count = layout.count(b, entry);
        uint64_t value = 0;
        if (tag == 256 || tag == 257) {
            // A size libtiff could read but this cannot: refused rather than decoded blind.
            // Repeated: the larger counts, whichever one the decoder takes.
            if (!tiffValue(b, layout, entry, 0, value) || value > UINT32_MAX) {
                info.damage = "damaged (the TIFF image size cannot be read)";
                return info;
            }
            int64_t& side = tag == 256 ? info.width : info.height;
            side = std::max(side, int64_t(value));
        } else if (tag == 274 && type == 3 && count == 1) { // Orientation
            info.orientationAt = int64_t(layout.valueAt(entry));
        } else if (tag == 338 && type == 3 && count == 1) { // ExtraSamples
            info.extraSamplesAt = int64_t(layout.valueAt(entry));
        } else if (tag == 0xC612) { // DNGVersion
            info.rawLike = true;
        } else if (tag == 254 && tiffValue(b, layout, entry, 0, value)) {
            info.rawLike = info.rawLike || (value & 1) != 0; // a reduced-size preview first
        } else if (tag == 262 && tiffValue(b, layout, entry, 0, value)) {
            info.rawLike = info.rawLike || value == 32803 || value == 34892; // CFA, LinearRaw
        } else if (tag == 273 || tag == 324) {
            offsets = entry;
            offsetCount = count;
        } else if (tag == 279 || tag == 325) {
            counts = entry;
        }
    }
    if (info.width < 0 || info.height < 0) {
        // libtiff refuses an image without both; nothing to measure against the limit.
        info.damage = "damaged (the TIFF header gives no image size)";
        info.width = info.height = -1;
        return info;
    }
    if (offsets == 0 || counts == 0 || layout.count(b, counts) != offsetCount ||
        offsetCount > size / 2) {
        return info;
    }
    for (uint64_t i = 0; i < offsetCount; ++i) {
        uint64_t start = 0, length = 0;
        if (!tiffValue(b, layout, offsets, i, start) || !tiffValue(b, layout, counts, i, length)) {
            info.damage = kTruncated;
            return info;
        }
        if (!b.has(start, length)) {
            info.damage = kTruncated;
            return info;
        }
    }
    return info;
}

} // namespace

HeaderInfo probeHeader(const char* data, size_t size, ImageFormat format)
{
    switch (format) {
    case ImageFormat::Jpeg:
        return probeJpeg(Bytes(data, size, true));
    case ImageFormat::Png:
        return probePng(Bytes(data, size, true));
    case ImageFormat::Webp:
        return probeWebp(Bytes(data, size, false));
    case ImageFormat::Bmp:
        return probeBmp(Bytes(data, size, false));
    case ImageFormat::Tiff:
        return probeTiff(data, size);
    case ImageFormat::Raw:
    case ImageFormat::Unknown:
        break;
    }
    return {};
}

} // namespace unblur::io
