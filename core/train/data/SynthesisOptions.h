#pragma once

#include <string>

namespace unblur::train {

/** Relative probabilities of the blur kernel kinds (need not sum to 1). */
struct KernelMix
{
    double shake = 0.55;
    double linear = 0.2;
    double defocus = 0.15;
    double gaussian = 0.1;
};

/** How a sharp crop is turned into a realistic blurry photo. Probabilities are per pair. */
struct DegradationOptions
{
    KernelMix kernels;

    /** Blur in linear light (true to physics) rather than on the sRGB-encoded values. */
    double linearLightProbability = 0.7;

    /** Blown highlights: boost bright pixels before blurring (linear light only), clip after. */
    double highlightProbability = 0.15;
    double highlightGainMin = 1.5;
    double highlightGainMax = 4.0;

    /** Poisson-Gaussian noise on the sRGB values: variance = shot * x + read^2. */
    double noiseFreeProbability = 0.2;
    double shotNoiseMin = 1e-5; ///< log-uniform range of `shot`
    double shotNoiseMax = 4e-3;
    double readNoiseMin = 1e-4; ///< log-uniform range of `read` (standard deviation)
    double readNoiseMax = 2e-2;
    /** Fraction of noisy pairs whose noise is the same in all channels (luma-only noise). */
    double monochromeNoiseProbability = 0.3;

    /** JPEG re-compression after 8-bit quantisation. */
    double jpegProbability = 0.4;
    int jpegQualityMin = 60;
    int jpegQualityMax = 95;
};

/** A file a source found but could not use, and why. */
struct SkippedFile
{
    std::string path;
    std::string reason;
};

} // namespace unblur::train
