#pragma once

#include "FloatImage.h"

namespace unblur::io {

/**
 * The EXIF orientation (1-8) applied to stored pixels, giving the picture as it is meant to
 * be seen: 2 mirrors, 3 turns 180 degrees, 4 flips, 5 transposes, 6 turns 90 degrees
 * clockwise, 7 transverses, 8 turns 90 degrees counter-clockwise. 1 and values outside 1-8
 * leave the image as it is. Works on any channel count.
 */
FloatImage applyOrientation(const FloatImage& stored, int orientation);

/** Whether `orientation` swaps width and height (5 to 8). */
bool orientationSwapsAxes(int orientation);

} // namespace unblur::io
