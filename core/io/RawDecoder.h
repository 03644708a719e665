#pragma once

#include "FloatImage.h"
#include "ReadOptions.h"

#include <cstddef>
#include <string>

namespace unblur::io {

/**
 * Camera RAW through LibRaw (thread-safe build): camera white balance, AHD demosaic,
 * highlights clipped to white (not magenta), sRGB primaries and tone curve, 16-bit output.
 * The camera's orientation is applied by LibRaw, so the pixels come back upright.
 */
class RawDecoder
{
public:
    /** Whether LibRaw takes these bytes for a RAW file it can open (reads the header only). */
    static bool recognises(const char* data, size_t size);

    /**
     * Decodes a whole RAW file held in memory; `options.rawHalfSize` gives a fast half-size
     * image without demosaicing, for previews. Throws ImageError naming `path`: not a RAW
     * file, over `options.maxPixels`, truncated, or without image data (metadata only).
     */
    static FloatImage decode(const char* data, size_t size, const std::string& path,
                             const ReadOptions& options);
};

} // namespace unblur::io
