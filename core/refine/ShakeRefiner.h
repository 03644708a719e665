#pragma once

#include "io/FloatImage.h"
#include "refine/RefineSettings.h"

#include <string>
#include <vector>

namespace unblur::refine {

/**
 * Camera-shake refinement after the network (issue 28; docs/refinement.md), on a grey copy of
 * the encoded values of at most settings.workingLongSide:
 * 1. estimate the blur kernel k from the blurry photo B, coarse to fine, the network's output N
 *    only starting it (BlindKernelEstimator), saturated pixels left out;
 * 2. in Auto, check that it holds: a kernel of a few pixels or more, the photo not too noisy,
 *    the four quadrants' kernels alike, k * N much closer to B than N is, the kernel compact;
 *    where k * N explains B only partly, or too few quadrants have texture to compare their
 *    kernels, only part of the correction is applied;
 * 3. deconvolve each colour channel at full resolution with N as the prior
 *    (PriorDeconvolution);
 * 4. wherever the kernel does not hold, return N with the reason.
 */
enum class RefineMode
{
    Off,
    Auto,
    On
};

/** "off", "auto", "on"; throws std::invalid_argument naming the text otherwise. */
RefineMode parseRefineMode(const std::string& text);
const char* refineModeName(RefineMode mode);

struct RefineReport
{
    bool applied = false;
    /**
     * One line for people: "applied (kernel 23 px, residual 1.1x noise)", "skipped (blur varies
     * across the photo)", "skipped (no shake found)", "skipped (photo too small)", "off", ...
     */
    std::string summary;
    /// Auto's share of the full correction (1: all of it; less where the kernel explains the
    /// blur only partly; docs/refinement.md)
    double strength = 0;
    int kernelSize = 0; ///< extent of the kernel's support at full resolution, px
    double residualToNoise = 0;
    std::vector<float> kernel; ///< at full resolution, sums to 1 (empty when none was estimated)
    int kernelWidth = 0;
    int kernelHeight = 0;
    /** What Auto's checks measured (for tuning: unblur_refine_bench --measures). */
    struct Measures
    {
        double noiseSigma = 0; ///< of the grey working copy, encoded 0..255 units
        double withoutKernelToNoise = 0;
        double compactness = 0;
        double agreement = 0;
        double networkAgreement = 0;
        int texturedQuadrants = 0;
        double elongation = 0;
    } measures;
};

/**
 * blurry: the photo as read (sRGB-encoded values in [0,1], 1/3/4 channels, alpha kept);
 * network: the network's output shaped like blurry. Returns the refined image shaped like
 * blurry (alpha copied from blurry untouched), or `network` unchanged (copied) when skipped or
 * off. Deterministic. Never throws for image content (tiny, flat, grey, 16-bit, saturated):
 * skips with a reason.
 */
io::FloatImage refineShake(const io::FloatImage& blurry, const io::FloatImage& network,
                           RefineMode mode, RefineReport& report);

/** The same with settings other than the defaults (tuning, tests). */
io::FloatImage refineShake(const io::FloatImage& blurry, const io::FloatImage& network,
                           RefineMode mode, RefineReport& report, const RefineSettings& settings);

/**
 * Step 3 alone with a known kernel (`side` x `side`, row-major, correlation orientation as
 * estimated, normalised here): shifted by whole pixels to where it re-blurs the network's
 * output onto the photo best, then the deconvolution. For measuring what a perfect estimate
 * would give (unblur_refine_bench --kernels).
 */
io::FloatImage refineWithKernel(const io::FloatImage& blurry, const io::FloatImage& network,
                                const std::vector<float>& kernel, int side, RefineReport& report,
                                const RefineSettings& settings);

} // namespace unblur::refine
