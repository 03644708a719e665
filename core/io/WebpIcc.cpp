#include "WebpIcc.h"

#include "HeaderProbe.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace unblur::io {

namespace {

uint32_t le32(const char* p)
{
    const auto* u = reinterpret_cast<const unsigned char*>(p);
    return uint32_t(u[0]) | uint32_t(u[1]) << 8 | uint32_t(u[2]) << 16 | uint32_t(u[3]) << 24;
}

void putLe(QByteArray& out, uint32_t value, int bytes)
{
    for (int i = 0; i < bytes; ++i) {
        out.append(char((value >> (8 * i)) & 0xFF));
    }
}

QByteArray chunk(const char* fourcc, const QByteArray& payload)
{
    QByteArray out(fourcc, 4);
    putLe(out, uint32_t(payload.size()), 4);
    out.append(payload);
    if (payload.size() % 2 != 0) {
        out.append('\0');
    }
    return out;
}

/**
 * Calls `visit(fourcc, chunkStart, payloadSize, storedSize)` for each chunk until it returns
 * false. `storedSize` counts the header, the payload and the pad byte of an odd payload as far
 * as the file holds them: a last chunk may lack its pad byte.
 */
template <typename F> void forEachChunk(const char* data, size_t size, F visit)
{
    if (size < 12 || std::memcmp(data, "RIFF", 4) != 0 || std::memcmp(data + 8, "WEBP", 4) != 0) {
        return;
    }
    size_t pos = 12;
    while (pos + 8 <= size) {
        const uint32_t length = le32(data + pos + 4);
        if (length > size - pos - 8) {
            return;
        }
        const size_t stored = std::min<size_t>(8 + size_t(length) + (length & 1), size - pos);
        if (!visit(data + pos, pos, length, stored)) {
            return;
        }
        pos += 8 + length + (length & 1);
    }
}

} // namespace

std::string WebpIcc::read(const char* data, size_t size)
{
    std::string icc;
    forEachChunk(data, size, [&](const char* fourcc, size_t pos, uint32_t length, size_t) {
        if (std::memcmp(fourcc, "ICCP", 4) == 0) {
            icc.assign(data + pos + 8, length);
            return false;
        }
        return true;
    });
    return icc;
}

QByteArray WebpIcc::embed(const QByteArray& webp, const std::string& icc)
{
    if (icc.empty()) {
        return webp;
    }
    const char* data = webp.constData();
    const size_t size = size_t(webp.size());
    QByteArray header;
    QByteArray rest;
    bool alpha = false;
    forEachChunk(data, size, [&](const char* fourcc, size_t pos, uint32_t length, size_t stored) {
        QByteArray whole(data + pos, int(stored));
        if (whole.size() % 2 != 0) {
            whole.append('\0'); // the pad byte the file left out
        }
        if (std::memcmp(fourcc, "VP8X", 4) == 0) {
            if (length < 10) {
                return true; // too short to be a header: rebuilt from the bitstream below
            }
            header = whole;
        } else if (std::memcmp(fourcc, "ICCP", 4) != 0) {
            if (std::memcmp(fourcc, "VP8L", 4) == 0 && length >= 5) {
                alpha = ((le32(data + pos + 9) >> 28) & 1) != 0;
            }
            rest.append(whole);
        }
        return true;
    });
    if (header.isEmpty()) {
        const HeaderInfo info = probeHeader(data, size, ImageFormat::Webp);
        if (info.width <= 0 || info.height <= 0) {
            return webp;
        }
        QByteArray payload;
        putLe(payload, alpha ? 0x10u : 0u, 4);
        putLe(payload, uint32_t(info.width - 1), 3);
        putLe(payload, uint32_t(info.height - 1), 3);
        header = chunk("VP8X", payload);
    }
    header[8] = char(header[8] | 0x20); // ICC profile flag
    QByteArray out("RIFF", 4);
    const QByteArray body = header + chunk("ICCP", QByteArray(icc.data(), int(icc.size()))) + rest;
    putLe(out, uint32_t(4 + body.size()), 4);
    out.append("WEBP", 4);
    out.append(body);
    return out;
}

} // namespace unblur::io
