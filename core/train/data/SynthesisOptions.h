#pragma once

#include <string>

namespace unblur::train {

/** Relative probabilities of the blur kernel kinds (need not sum to 1), and shake's size. */
struct KernelMix
{
    double shake = 0.55;
    double linear = 0.2;
    double defocus = 0.15;
    double gaussian = 0.1;
    double sway = 0; ///< oscillating hand shake (swayKernel); off in the default mix
    /** Range of the longer side of shake and sway paths, in pixels (uniform; <= 31 fits). */
    double shakeExtentMin = 4;
    double shakeExtentMax = 30;
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

struct SyntheticPairOptions
{
    /** Photos are shrunk at load so their long side is at most this (bounds memory). */
    int maxLongSide = 2048;
    /** Share of photos held out for validation (by a stable hash of their relative path). */
    double validationFraction = 0.1;
    /** Random rescale of each crop (1: native resolution). */
    double scaleMin = 0.5;
    double scaleMax = 1.0;
    /** Share of pairs made grey (3 equal channels). */
    double greyProbability = 0.1;
    /** Extra border blurred with each crop and cut off after (>= kMaxKernelSize / 2). */
    int margin = 16;
    /** A photo is drawn with a weight of its area, capped at this many times the median. */
    double weightCap = 4.0;
    /** Decoding threads at construction (<= 0: one per core). */
    int loadThreads = 0;
    DegradationOptions degradation;
};

/** A file a source found but could not use, and why. */
struct SkippedFile
{
    std::string path;
    std::string reason;
};

} // namespace unblur::train
