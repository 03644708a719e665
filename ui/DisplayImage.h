#pragma once

#include "io/FloatImage.h"

#include <QImage>
#include <string>

namespace unblur::ui {

/**
 * Pixels for the screen: 8-bit, RGB32 (ARGB32 premultiplied with alpha), converted from the
 * file's ICC profile to sRGB when it has one that differs. Safe on any thread.
 */
QImage toDisplayImage(const io::FloatImage& image, const std::string& iccProfile);

/** `before` and `after` (same size and format) mixed: after·s + before·(1−s), s in [0,1]. */
QImage blendDisplay(const QImage& before, const QImage& after, double strength);

/** The same mix on the full-precision pixels, for saving; alpha comes from `after`. */
io::FloatImage blendPixels(const io::FloatImage& before, const io::FloatImage& after,
                           double strength);

} // namespace unblur::ui
