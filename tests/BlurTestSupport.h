// Sharp and blurred test photos for the GUI's blur tests (header only).
#pragma once

#include "io/FloatImage.h"
#include "io/ImageFile.h"

#include <QString>
#include <algorithm>
#include <random>
#include <vector>

namespace blurtest {

/** `image` (any channels) box-blurred `passes` times with `radius` along x and y. */
inline void boxBlur(unblur::io::FloatImage& image, int radius, int passes = 3)
{
    const int w = image.width;
    const int h = image.height;
    const int c = image.channels;
    std::vector<float> line;
    for (int pass = 0; pass < passes * 2; ++pass) {
        const bool alongX = pass % 2 == 0;
        const int length = alongX ? w : h;
        const int lines = alongX ? h : w;
        for (int l = 0; l < lines; ++l) {
            for (int ch = 0; ch < c; ++ch) {
                const auto at = [&](int i) -> float& {
                    const int x = alongX ? i : l;
                    const int y = alongX ? l : i;
                    return image
                        .pixels[(size_t(y) * size_t(w) + size_t(x)) * size_t(c) + size_t(ch)];
                };
                line.assign(size_t(length), 0.0f);
                for (int i = 0; i < length; ++i) {
                    float sum = 0;
                    for (int k = -radius; k <= radius; ++k) {
                        sum += at(std::clamp(i + k, 0, length - 1));
                    }
                    line[size_t(i)] = sum / float(2 * radius + 1);
                }
                for (int i = 0; i < length; ++i) {
                    at(i) = line[size_t(i)];
                }
            }
        }
    }
}

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
        boxBlur(image, radius);
    }
    return image;
}

/** Writes blockPhoto(...) to `path` (PNG by its extension). */
inline void writeBlockPhoto(const QString& path, int width, int height, int radius)
{
    unblur::io::writeImage(path.toStdString(), blockPhoto(width, height, radius));
}

} // namespace blurtest
