#include "Orientation.h"

#include <cstring>

namespace unblur::io {

bool orientationSwapsAxes(int orientation)
{
    return orientation >= 5 && orientation <= 8;
}

FloatImage applyOrientation(const FloatImage& stored, int orientation)
{
    if (orientation < 2 || orientation > 8) {
        return stored;
    }
    const int w = stored.width;
    const int h = stored.height;
    const int c = stored.channels;
    FloatImage shown = stored;
    if (orientationSwapsAxes(orientation)) {
        shown.width = h;
        shown.height = w;
    }
    const size_t sampleBytes = size_t(c) * sizeof(float);
    for (int y = 0; y < shown.height; ++y) {
        for (int x = 0; x < shown.width; ++x) {
            // The stored pixel that appears at (x, y) once the orientation is applied.
            int sx = x, sy = y;
            switch (orientation) {
            case 2:
                sx = w - 1 - x;
                break;
            case 3:
                sx = w - 1 - x;
                sy = h - 1 - y;
                break;
            case 4:
                sy = h - 1 - y;
                break;
            case 5:
                sx = y;
                sy = x;
                break;
            case 6:
                sx = y;
                sy = h - 1 - x;
                break;
            case 7:
                sx = w - 1 - y;
                sy = h - 1 - x;
                break;
            case 8:
                sx = w - 1 - y;
                sy = x;
                break;
            default:
                break;
            }
            std::memcpy(&shown.pixels[(size_t(y) * shown.width + x) * c],
                        &stored.pixels[(size_t(sy) * w + sx) * c], sampleBytes);
        }
    }
    return shown;
}

} // namespace unblur::io
