#pragma once

#include "train/Random.h"
#include "train/data/BlurKernels.h"
#include "train/data/SynthesisOptions.h"

#include <opencv2/core.hpp>

namespace unblur::train {

/** What one call of degrade() drew, for logs and tests. */
struct DegradationRecord
{
    KernelKind kernelKind = KernelKind::Shake;
    cv::Mat kernel; ///< CV_32F, sums to 1
    bool linearLight = false;
    bool highlights = false;
    double shotNoise = 0;
    double readNoise = 0;
    int jpegQuality = 0; ///< 0: no JPEG
};

/** A degraded pair: both CV_32FC3 (BGR, like the input) in [0,1], the target size. */
struct DegradedPair
{
    cv::Mat blurry;
    cv::Mat sharp;
    DegradationRecord record;
};

/** sRGB encoded value -> linear light, and back (the exact piecewise IEC 61966-2-1 curves). */
float srgbToLinear(float v);
float linearToSrgb(float v);

/**
 * Blurs, adds noise, quantises and compresses `sharpWithMargin` (CV_32FC3, [0,1],
 * sRGB-encoded, `margin` pixels larger than the target on every side; margin >=
 * kMaxKernelSize / 2 keeps the result free of border effects), then cuts the centre of both
 * the result and the unmodified input. Deterministic for a given engine state.
 */
DegradedPair degrade(const cv::Mat& sharpWithMargin, int margin, Engine& rng,
                     const DegradationOptions& options = {});

/** True convolution of a CV_32FC3 image with `kernel` (reflected border). */
cv::Mat convolve(const cv::Mat& image, const cv::Mat& kernel);

} // namespace unblur::train
