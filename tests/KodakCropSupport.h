// A sharp and a blurred real photo for the blur-aware commands' tests (header only).
#pragma once

#include "io/ImageFile.h"

#include <algorithm>
#include <vector>

namespace kodakcrop {

/** The test photo kodim12 (768x512), whose middle kodakCrop() takes. */
constexpr const char* kKodim12 = UNBLUR_TEST_DATA "/sharp/kodim12.png";

/** How kodakCrop() blurs the crop. */
enum class Blur
{
    None,    ///< sharp: the score calls it sharp
    Defocus, ///< three passes of a 5 px box along x and y (about a Gaussian of sigma 2.5)
    Shake,   ///< a 13 px horizontal line: straight camera shake
};

/** `image` averaged over a box of 2 `radius` + 1 px along (dx, dy), edges repeated. */
inline void boxAlong(unblur::io::FloatImage& image, int dx, int dy, int radius)
{
    const std::vector<float> from = image.pixels;
    const size_t c = size_t(image.channels);
    for (int y = 0; y < image.height; ++y) {
        for (int x = 0; x < image.width; ++x) {
            for (size_t k = 0; k < c; ++k) {
                float sum = 0;
                for (int d = -radius; d <= radius; ++d) {
                    const int sx = std::clamp(x + d * dx, 0, image.width - 1);
                    const int sy = std::clamp(y + d * dy, 0, image.height - 1);
                    sum += from[(size_t(sy) * size_t(image.width) + size_t(sx)) * c + k];
                }
                image.pixels[(size_t(y) * size_t(image.width) + size_t(x)) * c + k] =
                    sum / float(2 * radius + 1);
            }
        }
    }
}

/** `image` box-blurred `passes` times with `radius` along x, then y (about a Gaussian). */
inline void boxBlur(unblur::io::FloatImage& image, int radius, int passes = 3)
{
    for (int pass = 0; pass < passes; ++pass) {
        boxAlong(image, 1, 0, radius);
        boxAlong(image, 0, 1, radius);
    }
}

/** kodim12's textured middle (320x240) from `full` (kodim12 as read), blurred by `blur`. */
inline unblur::io::FloatImage kodakCrop(const unblur::io::FloatImage& full, Blur blur)
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
    if (blur == Blur::Defocus) {
        boxBlur(crop, 2);
    } else if (blur == Blur::Shake) {
        boxAlong(crop, 1, 0, 6);
    }
    return crop;
}

/** The crop of kodim12 read by the photo layer (tests that link unblur_io): sharp or defocused. */
inline unblur::io::FloatImage kodakCrop(bool blurred)
{
    return kodakCrop(unblur::io::readImage(kKodim12), blurred ? Blur::Defocus : Blur::None);
}

} // namespace kodakcrop
