#pragma once

#include "train/Random.h"
#include "train/data/SynthesisOptions.h"

#include <opencv2/core.hpp>

namespace unblur::train {

/**
 * Random blur kernels for synthetic training pairs. Every kernel is a CV_32F square of odd
 * side at most kMaxKernelSize, non-negative, summing to 1, with its centre of mass on the
 * centre pixel (so the blurry image stays aligned with the sharp one). The same engine state
 * gives the same kernel on any platform: all draws go through train/Random.h.
 */
enum class KernelKind
{
    Shake,
    Linear,
    Defocus,
    Gaussian,
    Sway
};

/** Largest side of any kernel here; half of it (16) is the margin a crop needs. */
constexpr int kMaxKernelSize = 33;

const char* kernelKindName(KernelKind kind);

/**
 * Camera shake: a curved trajectory whose velocity turns under smoothly varying acceleration
 * with occasional jerks (after Boracchi & Foi 2012), travelled at a varying speed so the
 * exposure lingers in some places; splatted bilinearly, its longer side extentMin..extentMax
 * px (less where it would not fit in kMaxKernelSize).
 */
cv::Mat shakeKernel(Engine& rng, double extentMin = 4, double extentMax = 30);

/**
 * Camera shake as a smooth oscillation of the hand: each axis a sum of slow sinusoids,
 * travelled at the speed they give, so the exposure dwells where the motion turns (bright
 * ends and corners, faint strokes, loops), as recorded shake kernels show; sized as
 * shakeKernel's.
 */
cv::Mat swayKernel(Engine& rng, double extentMin = 4, double extentMax = 30);

/** Uniform straight motion of `length` pixels (>= 1) at `angle` radians, anti-aliased. */
cv::Mat linearMotionKernel(double length, double angle);
/** Straight motion of random length 3..31 px and random angle. */
cv::Mat linearMotionKernel(Engine& rng);

/** Defocus disc of `radius` pixels with an anti-aliased rim. */
cv::Mat defocusKernel(double radius);
/** Defocus disc of random radius 1..8 px. */
cv::Mat defocusKernel(Engine& rng);

/** Isotropic Gaussian of standard deviation `sigma` pixels, truncated at 3 sigma. */
cv::Mat gaussianKernel(double sigma);
/** Gaussian of random sigma 0.5..3 px. */
cv::Mat gaussianKernel(Engine& rng);

/** Draws a kind with the mix's probabilities; throws std::invalid_argument if none is > 0. */
KernelKind pickKernelKind(Engine& rng, const KernelMix& mix);

/** A kernel of a kind drawn from `mix`; the kind is stored in `kind` when given. */
cv::Mat randomKernel(Engine& rng, const KernelMix& mix = {}, KernelKind* kind = nullptr);

} // namespace unblur::train
