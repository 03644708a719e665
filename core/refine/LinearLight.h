#pragma once

#include "io/FloatImage.h"

#include <opencv2/core.hpp>

namespace unblur::refine {

/** sRGB encoded value -> linear light, and back (the piecewise IEC 61966-2-1 curves). */
float srgbToLinear(float v);
/** Linear light -> sRGB encoded value; the input is clamped to [0, 1] first. */
float linearToSrgb(float v);

/** Colour channels of an image: 1 for grey (with or without alpha), else 3. */
int colourChannels(const io::FloatImage& image);

/**
 * Channel `channel` of `image` as a CV_32F plane in linear light, or with `linearise` false
 * as the encoded values (some photos, Levin et al.'s among them, are blurred on these).
 */
cv::Mat linearChannel(const io::FloatImage& image, int channel, bool linearise = true);

/** Luminance (Rec. 709 weights) in linear light as a CV_32F plane; grey as it is. */
cv::Mat linearLuminance(const io::FloatImage& image, bool linearise = true);

/** CV_8U mask, 255 where any colour channel reaches `level` (encoded value). */
cv::Mat saturatedMask(const io::FloatImage& image, float level);

/**
 * Writes `plane` (linear light, or encoded values with `linearise` false) into channel
 * `channel` of `image`, encoded and clamped.
 */
void storeLinearChannel(const cv::Mat& plane, io::FloatImage& image, int channel,
                        bool linearise = true);

} // namespace unblur::refine
