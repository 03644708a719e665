#pragma once

#include <QByteArray>
#include <string>

namespace unblur::io {

/**
 * The ICC profile of WebP files, handled here rather than by Exiv2: Exiv2 0.27 writes the
 * profile into a chunk wrongly named VP8X, which no reader understands.
 */
class WebpIcc
{
public:
    /** The payload of the ICCP chunk, empty when there is none or the file is not WebP. */
    static std::string read(const char* data, size_t size);

    /**
     * `webp` with `icc` in an ICCP chunk right after the VP8X header (created from the
     * bitstream's size and alpha when the file is in the simple format), and the VP8X ICC
     * flag set. Returns `webp` unchanged when `icc` is empty.
     */
    static QByteArray embed(const QByteArray& webp, const std::string& icc);
};

} // namespace unblur::io
