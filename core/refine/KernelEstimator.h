#pragma once

#include "refine/RefineSettings.h"

#include <opencv2/core.hpp>

namespace unblur::refine {

/** A projected kernel estimate and what the projection saw. */
struct KernelEstimate
{
    cv::Mat kernel;            ///< CV_32F, odd square, non-negative, sums to 1; empty when invalid
    double compactness = 0;    ///< share of the kept mass in the main connected component
    double gradientEnergy = 0; ///< mean squared weighted gradient of the sharp image per pixel
    bool valid() const { return !kernel.empty(); }
};

/**
 * Weight in [0, 1] for a kernel of radius `reach` (CV_32F of `size`): rising as a raised cosine
 * from 0 at the border to 1 at `reach` pixels inside, and 0 within `saturatedReach` (default
 * `reach`) of a saturated pixel of `saturated` (CV_8U, may be empty).
 */
cv::Mat trustWeight(const cv::Mat& saturated, cv::Size size, int reach, int saturatedReach = -1);

/**
 * Osher-Rudin shock filter of a CV_32F plane: `steps` steps that push each pixel towards the
 * nearer side of the edge it lies on, so soft edges become steps (Cho & Lee's latent
 * prediction). A soft network output fits the blurry photo through a kernel only once its
 * edges are steps again.
 */
cv::Mat shockFiltered(const cv::Mat& plane, int steps);

/**
 * Estimates k with blurry ≈ k * sharp from two aligned CV_32F planes (linear light): the
 * closed-form least squares of Cho & Lee's kernel step, on the weighted image gradients in
 * the Fourier domain, cut to a window, then projected: non-negative, small values dropped,
 * only the main connected component kept, summing to 1. The kernel is not re-centred: its
 * offset is that of the blurry photo against the sharp one, which the deconvolution needs.
 */
class KernelEstimator
{
public:
    explicit KernelEstimator(const RefineSettings& settings) : settings_(settings) {}

    /**
     * One scale. `weight`: trustWeight's; `size`: odd window side; `support`: CV_8U of
     * size x size where the kernel may be non-zero, or empty for the whole window.
     */
    KernelEstimate estimate(const cv::Mat& blurry, const cv::Mat& sharp, const cv::Mat& weight,
                            int size, const cv::Mat& support = cv::Mat()) const;

    /**
     * Coarse to fine: from a long side of settings.coarsestLongSide up to the planes' own,
     * each scale's support the previous kernel's, enlarged. `saturated`: CV_8U mask of the
     * planes' size (or empty); `size`: odd window side at the planes' scale.
     */
    KernelEstimate estimatePyramid(const cv::Mat& blurry, const cv::Mat& sharp,
                                   const cv::Mat& saturated, int size) const;

    /**
     * Projection of a raw kernel estimate (see the class comment): values below
     * settings.kernelThreshold of the peak or settings.kernelNoiseThreshold times the raw
     * estimate's noise are dropped; outside `support` (if given) everything is.
     */
    KernelEstimate project(cv::Mat raw, const cv::Mat& support = cv::Mat()) const;

private:
    /**
     * The least-squares kernel on `kernel`'s support (grown by a pixel), from the window of the
     * gradients' cross-correlation and their autocorrelation (side 2 x size - 1), negative
     * values dropped from the support; empty where the support is too large to solve.
     */
    cv::Mat solveOnSupport(const cv::Mat& cross, const cv::Mat& autocorrelation,
                           const cv::Mat& kernel, double ridge) const;

    RefineSettings settings_;
};

} // namespace unblur::refine
