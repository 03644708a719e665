#pragma once

#include <opencv2/core.hpp>

namespace unblur::refine {

/**
 * Deconvolution with the network's output N as the prior. The blurry plane B is compared with
 * the re-blurred network output; what k * N leaves unexplained, the residual R = B - k * N,
 * is deconvolved and added back: X = N + h * R, with
 *     H = conj(K) / (|K|² + μ) · max(0, 1 - α σ² / P_R),
 * the regularised inverse of the kernel times a Wiener gain from the residual's own power
 * spectrum P_R (Welch's estimate) against the noise's σ². Where the residual is noise, or the
 * kernel holds no signal, X stays N; the data term corrects N only where it shows what N
 * missed, so noise is not amplified and low frequencies keep the network's denoising.
 *
 * h is computed per plane on a grid large enough for its tails and applied as a spatial
 * filter: a plane costs a few planes of memory and no image-sized spectrum. The residual is
 * weighted (0 at the borders and near saturated pixels, where X stays N), so nothing wraps
 * around or rings from clipped highlights.
 */
class PriorDeconvolution
{
public:
    /** `kernel`: CV_32F odd square summing to 1; `minPriorWeight`: μ > 0; `noiseMargin`: α. */
    PriorDeconvolution(const cv::Mat& kernel, double minPriorWeight, double noiseMargin);

    /**
     * The deconvolved plane (CV_32F, linear light, not clamped) from the blurry plane, the
     * network's plane and the residual weight (CV_32F in [0, 1], all three the same size), with
     * `noiseSigma` the blurry plane's noise.
     */
    cv::Mat apply(const cv::Mat& blurry, const cv::Mat& network, const cv::Mat& weight,
                  double noiseSigma) const;

private:
    /** The spatial filter h for a residual of power spectrum `power` (grid x grid, wrapped). */
    cv::Mat inverseFilter(const cv::Mat& power, double noiseSigma) const;

    cv::Mat kernel_;
    cv::Mat spectrum_; ///< K on the grid, CV_32FC2
    int window_ = 0;   ///< side of h
    int grid_ = 0;     ///< even DFT size, twice the window or more
    double minPriorWeight_ = 0;
    double noiseMargin_ = 1;
};

/**
 * Welch's estimate of the power spectrum of a CV_32F plane on a `grid` x `grid` frequency grid
 * (wrapped, DC at 0, per pixel: white noise of variance σ² gives σ²): Hann-windowed tiles at
 * half-tile steps, the tile as large as the plane allows up to `grid`, sampled onto the grid.
 */
cv::Mat welchPowerSpectrum(const cv::Mat& plane, int grid);

} // namespace unblur::refine
