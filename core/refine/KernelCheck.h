#pragma once

#include "refine/KernelEstimator.h"

#include <array>
#include <opencv2/core.hpp>

namespace unblur::refine {

/**
 * The signals that decide whether an estimated kernel holds: noise level, residuals, kernel
 * similarity and size, and agreement between the photo's quadrants.
 */

/**
 * Noise sigma of a CV_32F plane: the median absolute response of Immerkær's Laplacian
 * difference (which cancels smooth structure), scaled to a Gaussian sigma, over the pixels
 * where `trusted` (CV_8U, may be empty) is set; large planes are sampled on a sparse grid.
 */
double noiseSigma(const cv::Mat& plane, const cv::Mat& trusted = cv::Mat());

/** True convolution k * plane (CV_32F, reflected border). */
cv::Mat convolve(const cv::Mat& plane, const cv::Mat& kernel);

/** Root mean square of a - b over the pixels where `trusted` is set (all where empty). */
double rmsDifference(const cv::Mat& a, const cv::Mat& b, const cv::Mat& trusted);

/**
 * Similarity of two non-negative kernels (any odd sizes): the largest normalised correlation
 * (cosine) over shifts of up to `maxShift` pixels, in [0, 1].
 */
double kernelSimilarity(const cv::Mat& a, const cv::Mat& b, int maxShift = 2);

/**
 * How long the kernel is against how wide: the square root of the ratio of its second moments'
 * eigenvalues (1: round, as defocus or a Gaussian; larger: a stroke, as camera shake; 0 for an
 * empty kernel).
 */
double kernelElongation(const cv::Mat& kernel);

/** Longer side of the bounding box of the kernel's non-zero values (0 for an empty kernel). */
int kernelExtent(const cv::Mat& kernel);

/** A photo's four quadrants, and the odd kernel window for them: at most `size`, at most half
 *  a quadrant's shorter side (below 5: too small to compare). */
struct Quadrants
{
    std::array<cv::Rect, 4> rects;
    int window = 0;
};
Quadrants quadrantsOf(cv::Size photo, int size);

/** Agreement of the kernels of the photo's four quadrants. */
struct QuadrantAgreement
{
    double leastSimilarity = 1; ///< least pairwise similarity among the textured quadrants
    int textured = 0;           ///< quadrants with enough texture to estimate a kernel
};

/**
 * Estimates a kernel of odd side `size` on each quadrant of the planes (as the estimator's
 * pyramid does for the whole) and compares those with enough texture: at least `minTexture`
 * times `globalEnergy`, the whole photo's gradient energy per pixel.
 */
QuadrantAgreement quadrantAgreement(const KernelEstimator& estimator, const cv::Mat& blurry,
                                    const cv::Mat& sharp, const cv::Mat& saturated, int size,
                                    double globalEnergy, double minTexture);

} // namespace unblur::refine
