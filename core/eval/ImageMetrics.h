#pragma once

#include <opencv2/core.hpp>

namespace unblur::eval {

/**
 * Image-quality metrics computed the way published deblurring results are (BasicSR's
 * calculate_psnr / calculate_ssim, as used by Restormer and HI-Diff), so that numbers are
 * comparable with the papers' tables.
 *
 * Inputs: two images of the same size and channel count (1 to 4 channels, usually 3), each
 * either CV_8U (used as is) or CV_32F/CV_64F in [0,1]. Float images are first quantised as a
 * saved 8-bit file would be: round(clamp(x, 0, 1) * 255), ties to even as NumPy's round().
 * Both metrics are then computed on those 8-bit values, over all channels. `border` pixels are
 * cropped from every edge first (0: none). Throws std::invalid_argument for mismatched or
 * unsupported inputs.
 */

/** The image as CV_8U with its channels kept, quantised as described above. */
cv::Mat toUint8(const cv::Mat& image);

/**
 * Peak signal-to-noise ratio in dB: 10·log10(255² / MSE), the MSE taken over every pixel and
 * channel. Identical images give +infinity (as BasicSR); callers that average may want to cap.
 */
double psnr8(const cv::Mat& a, const cv::Mat& b, int border = 0);

/**
 * Structural similarity (Wang et al. 2004): 11×11 Gaussian window with sigma 1.5, K1 = 0.01,
 * K2 = 0.03, L = 255, local statistics from the 8-bit values in double precision, then
 * 'valid' filtering (the 5-pixel rim, where the window leaves the image, is dropped). The
 * mean of the SSIM map per channel, averaged over the channels. The (cropped) image must be
 * at least 11×11.
 */
double ssim(const cv::Mat& a, const cv::Mat& b, int border = 0);

/** The scores of an image at its best integer shift against a reference (alignedMetrics). */
struct AlignedScore
{
    double psnr = 0;
    double ssim = 0;
    int dy = 0; ///< rows: image(y + dy, x + dx) is compared with reference(y, x)
    int dx = 0; ///< columns
};

/**
 * PSNR and SSIM after aligning `image` to `reference` by an integer shift, as deblurring
 * benchmarks with real camera blur do (Levin et al. 2009, Köhler et al. 2012).
 *
 * The reference is always scored on the same interior window: `maxShift` pixels cropped from
 * every edge. For each shift (dy, dx) in [-maxShift, maxShift]², the window of the same size
 * at offset (dy, dx) is taken from `image`, so every shift, and every image scored against
 * this reference with the same `maxShift`, uses the same ground-truth pixels. (dy, dx) is the
 * displacement of the image's content: if image(y, x) = reference(y - 2, x + 3), the content
 * moved 2 down and 3 left and the result is dy = 2, dx = -3.
 *
 * The shift with the highest PSNR (lowest squared error) wins; ties go to the shortest shift,
 * then the smallest (dy, dx). SSIM is reported at that shift. maxShift 0 gives psnr8 and ssim
 * of the whole images. Inputs as for psnr8; throws std::invalid_argument when maxShift is
 * negative or the window would be smaller than 11×11.
 */
AlignedScore alignedMetrics(const cv::Mat& image, const cv::Mat& reference, int maxShift);

} // namespace unblur::eval
