#pragma once

#include "EncodeOptions.h"
#include "FloatImage.h"
#include "TiffEncoder.h"

#include <QByteArray>
#include <string>

namespace unblur::io {

/** Encodes pixels, without metadata, into JPEG, PNG, TIFF or WebP bytes. */
class PixelEncoder
{
public:
    /**
     * The bit depth `options` gives for `image` in `format`. Throws ImageError naming `path`
     * for 16 bits in JPEG or WebP, or a depth other than 0, 8 and 16.
     */
    static int bitDepthFor(const FloatImage& image, ImageFormat format,
                           const EncodeOptions& options, const std::string& path);

    /** Throws ImageError naming `path` (invalid image, encoder failure). */
    static QByteArray encode(const FloatImage& image, ImageFormat format,
                             const EncodeOptions& options, const TiffLayout& tiff,
                             const std::string& path);

    /** Throws ImageError naming `path` when `image`'s size, channels or samples are wrong. */
    static void checkImage(const FloatImage& image, const std::string& path);
};

} // namespace unblur::io
