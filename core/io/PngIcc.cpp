#include "PngIcc.h"

#include <array>
#include <cstdint>

namespace unblur::io {

namespace {

/** CRC-32 as PNG chunks use it (ISO 3309, reflected, polynomial 0xEDB88320). */
uint32_t crc32(const QByteArray& bytes)
{
    static const std::array<uint32_t, 256> table = [] {
        std::array<uint32_t, 256> t{};
        for (uint32_t n = 0; n < 256; ++n) {
            uint32_t c = n;
            for (int k = 0; k < 8; ++k) {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }
            t[n] = c;
        }
        return t;
    }();
    uint32_t crc = 0xFFFFFFFFu;
    for (const char byte : bytes) {
        crc = table[(crc ^ uint8_t(byte)) & 0xFF] ^ (crc >> 8);
    }
    return crc ^ 0xFFFFFFFFu;
}

void putBe32(QByteArray& out, uint32_t value)
{
    for (int shift = 24; shift >= 0; shift -= 8) {
        out.append(char((value >> shift) & 0xFF));
    }
}

uint32_t be32(const QByteArray& bytes, qsizetype at)
{
    uint32_t value = 0;
    for (int i = 0; i < 4; ++i) {
        value = value << 8 | uint8_t(bytes.at(at + i));
    }
    return value;
}

} // namespace

QByteArray PngIcc::embed(const QByteArray& png, const std::string& icc)
{
    if (icc.empty() || png.size() < 33 || png.mid(12, 4) != "IHDR") {
        return png;
    }
    QByteArray body("iCCP");
    body.append("ICC profile");
    body.append('\0');
    body.append('\0'); // zlib
    body.append(qCompress(QByteArray(icc.data(), qsizetype(icc.size())), 9).mid(4));
    QByteArray chunk;
    putBe32(chunk, uint32_t(body.size() - 4));
    chunk.append(body);
    putBe32(chunk, crc32(body));

    QByteArray out = png.left(33); // signature and IHDR
    out.append(chunk);
    for (qsizetype pos = 33; pos + 12 <= png.size();) {
        const qsizetype length = qsizetype(be32(png, pos));
        if (length > png.size() - pos - 12) {
            return png; // damaged: leave it as it is
        }
        const QByteArray type = png.mid(pos + 4, 4);
        if (type != "iCCP" && type != "sRGB") {
            out.append(png.mid(pos, 12 + length));
        }
        pos += 12 + length;
    }
    return out;
}

} // namespace unblur::io
