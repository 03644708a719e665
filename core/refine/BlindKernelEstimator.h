#pragma once

#include "refine/KernelEstimator.h"
#include "refine/RefineSettings.h"

#include <opencv2/core.hpp>

namespace unblur::refine {

/**
 * Blind kernel estimation from the blurry photo alone, coarse to fine, as Cho & Lee (2009)
 * with Xu & Jia's (2010) salient-edge selection; the network's output only initialises the
 * latent image at the coarsest scale. At each scale, a few rounds of:
 * 1. latent prediction: the latent (at first the network's output, then the blurry photo
 *    deconvolved by the current kernel with a Tikhonov prior on its gradients) bilateral- and
 *    shock-filtered, its gradients kept only on salient edges: the strongest of each of four
 *    orientations where the blurry photo's gradients point the same way over a window (the
 *    r-map), so thin details narrower than the kernel do not mislead the fit;
 * 2. kernel estimation: the least squares of Cho & Lee's kernel step on those gradients and
 *    the blurry photo's, in the Fourier domain, projected (KernelEstimator::project) and
 *    re-centred on its centroid.
 * A soft latent (the network's output) fits a kernel smaller than the blur; the shock filter
 * and the edge selection make the latent's edges steps again, so the kernel takes all of it.
 */
class BlindKernelEstimator
{
public:
    explicit BlindKernelEstimator(const RefineSettings& settings) : settings_(settings) {}

    /**
     * `blurry`, `network`: CV_32F planes of one size (linear light); `saturated`: CV_8U mask
     * or empty; `size`: odd kernel window side at the planes' scale.
     */
    KernelEstimate estimate(const cv::Mat& blurry, const cv::Mat& network, const cv::Mat& saturated,
                            int size) const;

    /**
     * `blurry` deconvolved by `kernel` (odd square, sums to 1) with a Tikhonov prior of
     * weight `weight` on the gradients, in the Fourier domain on a reflected, padded copy.
     */
    static cv::Mat tikhonovDeconvolution(const cv::Mat& blurry, const cv::Mat& kernel,
                                         double weight);

private:
    /** One round's kernel from the latent's salient gradients and the blurry photo's. */
    KernelEstimate kernelFromEdges(const cv::Mat& blurry, const cv::Mat& latent,
                                   const cv::Mat& weight, int size, double share) const;

    RefineSettings settings_;
};

} // namespace unblur::refine
