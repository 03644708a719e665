#pragma once

#include "ImageFormat.h"

namespace unblur::io {

/** JPEG chroma subsampling. */
enum class ChromaSubsampling
{
    Auto, ///< 4:4:4 from quality 90 up, else 4:2:0
    S444,
    S422,
    S420,
};

/** TIFF strip compression. */
enum class TiffCompression
{
    Deflate, ///< zlib with horizontal differencing (predictor 2), lossless
    None,
};

/** How pixels are encoded. */
struct EncodeOptions
{
    /** Unknown: the output file name's extension decides. */
    ImageFormat format = ImageFormat::Unknown;
    int quality = 95; ///< JPEG and WebP, 1..100
    ChromaSubsampling chroma = ChromaSubsampling::Auto;
    /** 0: 16 where the image is 16-bit and the format holds it (PNG, TIFF), else 8. */
    int bitDepth = 0;
    TiffCompression tiffCompression = TiffCompression::Deflate;
    int pngCompression = 6; ///< zlib level, 0..9
    bool webpLossless = false;
};

} // namespace unblur::io
