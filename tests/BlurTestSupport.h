// Sharp and blurred test photos for the GUI's blur tests (header only).
#pragma once

#include "KodakCropSupport.h"
#include "io/FloatImage.h"
#include "io/ImageFile.h"

#include <QString>
#include <algorithm>
#include <random>
#include <vector>

namespace blurtest {

/**
 * A photo of random coloured 8 px blocks (edges everywhere); blurred by a box of `radius` px
 * three times when `radius` > 0. core/blur scores it about 0.3 sharp and 0.94 to 1 with radius
 * 1; larger radii leave too few edges for its map.
 */
inline unblur::io::FloatImage blockPhoto(int width, int height, int radius, unsigned seed = 7)
{
    unblur::io::FloatImage image;
    image.width = width;
    image.height = height;
    image.channels = 3;
    image.pixels.resize(image.sampleCount());
    std::mt19937 random(seed);
    std::uniform_real_distribution<float> level(0.1f, 0.9f);
    const int cells = (width + 7) / 8;
    std::vector<float> colours(size_t(cells) * size_t((height + 7) / 8) * 3);
    for (float& v : colours) {
        v = level(random);
    }
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            const size_t cell = size_t(y / 8) * size_t(cells) + size_t(x / 8);
            for (int ch = 0; ch < 3; ++ch) {
                image.pixels[(size_t(y) * size_t(width) + size_t(x)) * 3 + size_t(ch)] =
                    colours[cell * 3 + size_t(ch)];
            }
        }
    }
    if (radius > 0) {
        kodakcrop::boxBlur(image, radius);
    }
    return image;
}

/** Writes blockPhoto(...) to `path` (PNG by its extension). */
inline void writeBlockPhoto(const QString& path, int width, int height, int radius)
{
    unblur::io::writeImage(path.toStdString(), blockPhoto(width, height, radius));
}

} // namespace blurtest
