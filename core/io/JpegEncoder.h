#pragma once

#include "EncodeOptions.h"
#include "FloatImage.h"

#include <QByteArray>
#include <string>

namespace unblur::io {

/**
 * Baseline JPEG through libjpeg(-turbo), with the chroma subsampling chosen (OpenCV 4.6 has
 * no such setting) and optimised Huffman tables. Grey stays grey; alpha is dropped.
 */
class JpegEncoder
{
public:
    /** Throws ImageError naming `path`. */
    static QByteArray encode(const FloatImage& image, int quality, ChromaSubsampling chroma,
                             const std::string& path);

    /** A small copy of `image` (longest side `maxSide`) as JPEG, for EXIF thumbnails. */
    static QByteArray thumbnail(const FloatImage& image, int maxSide, const std::string& path);
};

} // namespace unblur::io
