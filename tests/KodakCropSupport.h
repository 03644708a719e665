// A sharp and a blurred real photo for the blur-aware commands' tests (header only).
#pragma once

#include "io/ImageFile.h"

#include <algorithm>
#include <vector>

namespace kodakcrop {

/** The test photo kodim12 (768x512), whose middle kodakCrop() takes. */
constexpr const char* kKodim12 = UNBLUR_TEST_DATA "/sharp/kodim12.png";

/**
 * kodim12's textured middle (320x240, scored sharp) from `full` (kodim12 as read); with
 * `blurred`, three passes of a 5 px box along x and y (about a Gaussian of sigma 2.5), which
 * the score calls blurry.
 */
inline unblur::io::FloatImage kodakCrop(const unblur::io::FloatImage& full, bool blurred)
{
    unblur::io::FloatImage crop;
    crop.width = 320;
    crop.height = 240;
    crop.channels = full.channels;
    const size_t c = size_t(full.channels);
    for (int y = 150; y < 150 + crop.height; ++y) {
        const auto row =
            full.pixels.begin() + std::ptrdiff_t((size_t(y) * size_t(full.width) + 200) * c);
        crop.pixels.insert(crop.pixels.end(), row, row + std::ptrdiff_t(size_t(crop.width) * c));
    }
    if (!blurred) {
        return crop;
    }
    constexpr int kRadius = 2;
    for (int pass = 0; pass < 6; ++pass) { // three along x, three along y
        const std::vector<float> from = crop.pixels;
        const int dx = pass % 2 == 0 ? 1 : 0;
        const int dy = 1 - dx;
        for (int y = 0; y < crop.height; ++y) {
            for (int x = 0; x < crop.width; ++x) {
                for (size_t k = 0; k < c; ++k) {
                    float sum = 0;
                    for (int d = -kRadius; d <= kRadius; ++d) {
                        const int sx = std::clamp(x + d * dx, 0, crop.width - 1);
                        const int sy = std::clamp(y + d * dy, 0, crop.height - 1);
                        sum += from[(size_t(sy) * size_t(crop.width) + size_t(sx)) * c + k];
                    }
                    crop.pixels[(size_t(y) * size_t(crop.width) + size_t(x)) * c + k] =
                        sum / float(2 * kRadius + 1);
                }
            }
        }
    }
    return crop;
}

/** kodakCrop() of kodim12 read by the photo layer (tests that link unblur_io). */
inline unblur::io::FloatImage kodakCrop(bool blurred)
{
    return kodakCrop(unblur::io::readImage(kKodim12), blurred);
}

} // namespace kodakcrop
