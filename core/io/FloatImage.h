#pragma once

#include <cstddef>
#include <vector>

namespace unblur::io {

/** Decoded pixels: interleaved samples in RGB(A) order, scaled to [0,1]. */
struct FloatImage
{
    int width = 0;
    int height = 0;
    int channels = 0; ///< 1 (grey), 3 (RGB) or 4 (RGBA)
    int bitDepth = 8; ///< of the source file: 8 or 16
    std::vector<float> pixels;

    bool hasAlpha() const { return channels == 4; }
    size_t sampleCount() const { return size_t(width) * size_t(height) * size_t(channels); }
};

} // namespace unblur::io
