#pragma once

#include <string>

namespace unblur::refine {

/**
 * The constants of shake refinement, chosen on synthetic shake pairs (see ShakeRefiner.h).
 * Sizes are in pixels; residuals and noise in working values (encoded, or linear light).
 */
struct RefineSettings
{
    // Estimation.
    /// 1: estimate and deconvolve in linear light; 0: on the encoded values (better on our
    /// synthetic pairs, even those blurred in linear light; docs/refinement.md)
    int linearLight = 0;
    int maxKernelSize = 64;          ///< largest kernel side at full resolution
    int workingLongSide = 2048;      ///< the estimate's finest scale (long side of the grey copy)
    int coarsestLongSide = 256;      ///< the coarse-to-fine pyramid starts here
    int minPhotoSide = 64;           ///< smaller photos are skipped
    double regularisation = 0.01;    ///< Tikhonov weight, relative to the mean gradient power
    double kernelThreshold = 0.05;   ///< kernel values below this share of the peak are dropped
    double kernelNoiseThreshold = 3; ///< ... and below this many sigmas of the estimate's noise
    int shockSteps = 3;              ///< a shock-filtered latent is tried too (0: not)
    int maxSupportSolve = 1500;      ///< largest support solved by least squares
    float saturationLevel = 0.98f;   ///< encoded value from which a pixel counts as saturated
    double maxSaturatedShare = 0.75; ///< more of the photo near saturation: skipped

    // Blind estimation (BlindKernelEstimator).
    /// 1: BlindKernelEstimator; 0: fitted to the network's output
    int blindEstimation = 1;
    /// the network-fitted kernel is kept where it re-blurs the output within this many σ
    double networkFitResidual = 2.0;
    int blindAgreement = 1;              ///< 1: quadrants compared by blind kernels
    int alignReach = 3;                  ///< the blind kernel's shift search, working px
    int blindRounds = 6;                 ///< latent/kernel rounds per scale
    int blindStartFromNetwork = 1;       ///< 1: N is the coarsest latent; 0: B itself
    int coarsestKernelSize = 7;          ///< the kernel window at the coarsest scale, at least
    double latentRegularisation = 0.005; ///< Tikhonov weight on the latent's gradients
    double kernelRegularisation = 0.01;  ///< β of the kernel step, relative to the mean power
    double edgeShare = 0.03;             ///< share of the pixels kept as salient edges
    double edgeCoherence = 0.3;          ///< least r (Xu & Jia) of a salient edge
    int edgeWindow = 5;                  ///< side of the r-map's window
    double edgeEpsilon = 0.002;          ///< the r-map's ε, linear light
    double edgeRange = 0.05;             ///< the bilateral filter's range sigma, linear light

    // Decision (Auto).
    int minShakeExtent = 3;         ///< kernels smaller than this (full resolution): no shake
    double noShakeResidual = 1.1;   ///< |B - N| within this many noise sigmas: no shake
    double maxResidualToNoise = 25; ///< |B - k*N| must stay within this many noise sigmas
    /// |B - N| / |B - k*N| at least this; from here up to fullImprovement the correction is
    /// applied in proportion (a partly trusted kernel, a partial correction)
    double minImprovement = 2.0;
    double fullImprovement = 2.5;    ///< from this ratio up, the whole correctionWeight
    double minAgreement = 0.3;       ///< quadrant kernels' least similarity
    double minQuadrantTexture = 0.2; ///< least texture of a compared quadrant (vs the photo)
    /// fewer quadrants with that texture than this (one comparison of kernels, or none): the
    /// kernel is only half checked, and Auto's correction is scaled by fewQuadrantsShare
    int checkedQuadrants = 3;
    double fewQuadrantsShare = 0.5;
    /// rounder kernels (kernelElongation) are defocus or lens blur, which the network handles
    /// and the deconvolution made worse on our synthetic pairs: skipped
    double minElongation = 1.22;
    double minCompactness = 0.95; ///< share of the kernel's mass in its main component
    double maxNoise = 2.0 / 255;  ///< noisier photos are not deconvolved (working values)
    double noiseFloor = 0.0008;   ///< least noise sigma (quantisation), working values

    // Deconvolution.
    double minPriorWeight = 0.03; ///< μ: bounds the inverse filter's gain by 1 / (2 sqrt(μ))
    /// share of the deconvolution's correction added to N: below 1, the result averages the
    /// two estimates, whose errors differ, and a slightly wrong kernel costs less
    double correctionWeight = 0.7;
    double noiseMargin = 1.0; ///< α: the Wiener gain counts the noise this many times

    /** Sets the field named `key` (as spelled above); false for an unknown name. */
    bool set(const std::string& key, double value);
};

} // namespace unblur::refine
