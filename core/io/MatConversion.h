#pragma once

#include "FloatImage.h"

#include <opencv2/core.hpp>
#include <string>

namespace unblur::io {

/**
 * A decoded OpenCV matrix (BGR(A) or grey, 8/16-bit unsigned or float) as interleaved
 * RGB(A) or grey floats in [0,1]; grey + alpha becomes RGBA. Throws ImageError naming `path`.
 */
FloatImage matToFloatImage(cv::Mat mat, const std::string& path);

/**
 * `image` as an OpenCV matrix of `depth` (CV_8U or CV_16U), clamped and rounded, in BGR(A)
 * order when `bgr` is set, else RGB(A); alpha is dropped when `keepAlpha` is false.
 */
cv::Mat floatImageToMat(const FloatImage& image, int depth, bool bgr, bool keepAlpha);

} // namespace unblur::io
