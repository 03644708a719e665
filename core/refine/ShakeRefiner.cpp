#include "refine/ShakeRefiner.h"

#include "refine/BlindKernelEstimator.h"
#include "refine/KernelCheck.h"
#include "refine/KernelEstimator.h"
#include "refine/LinearLight.h"
#include "refine/PriorDeconvolution.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>
#include <stdexcept>
#include <vector>

namespace unblur::refine {

namespace {

int oddAtLeast(int value, int least)
{
    value = std::max(value, least);
    return value % 2 == 1 ? value : value + 1;
}

/** What was estimated on the working copy, and what the checks measured. */
struct Analysis
{
    std::string skipReason; ///< empty: a kernel was estimated
    cv::Mat kernel;         ///< full resolution, CV_32F, sums to 1
    int extent = 0;         ///< full resolution
    double compactness = 0;
    double residualToNoise = 0;
    double withoutKernelToNoise = 0;
    double agreement = 1;
    double networkAgreement = 1; ///< the blind kernel against the one fitted to the network's
    double noiseSigma = 0;       ///< of the grey working copy
    int texturedQuadrants = 4;   ///< quadrants with texture enough to compare their kernels
    double elongation = 0;       ///< kernelElongation of the kernel
};

/** The kernel cut to the smallest odd square around its centre that holds its support. */
cv::Mat trimmed(const cv::Mat& kernel)
{
    const int r = kernel.rows / 2;
    int reach = 0;
    for (int y = 0; y < kernel.rows; ++y) {
        for (int x = 0; x < kernel.cols; ++x) {
            if (kernel.at<float>(y, x) > 0) {
                reach = std::max(reach, std::max(std::abs(y - r), std::abs(x - r)));
            }
        }
    }
    return kernel(cv::Rect(r - reach, r - reach, 2 * reach + 1, 2 * reach + 1)).clone();
}

/** The kernel at full resolution from the one at the working scale. */
cv::Mat toFullResolution(const cv::Mat& kernel, double scale)
{
    if (scale >= 1.0) {
        return trimmed(kernel);
    }
    const int side = oddAtLeast(static_cast<int>(std::lround(kernel.rows / scale)), 3);
    cv::Mat full;
    cv::resize(kernel, full, cv::Size(side, side), 0, 0, cv::INTER_LINEAR);
    full = cv::max(full, 0.0f);
    const double sum = cv::sum(full)[0];
    return trimmed(sum > 0 ? cv::Mat(full / sum) : kernel);
}

/**
 * The least similarity of the blind kernels of the photo's four quadrants, among those with
 * at least settings.minQuadrantTexture of the whole photo's gradient energy (1: fewer than two),
 * and how many quadrants that is.
 */
QuadrantAgreement blindQuadrantAgreement(const RefineSettings& settings, const cv::Mat& blurry,
                                         const cv::Mat& network, const cv::Mat& saturated, int size,
                                         double globalEnergy)
{
    const Quadrants split = quadrantsOf(blurry.size(), size);
    const auto& quadrants = split.rects;
    const int window = split.window;
    std::vector<cv::Mat> kernels;
    const BlindKernelEstimator estimator(settings);
    QuadrantAgreement result;
    if (window < 5) {
        return result;
    }
    // The quadrants are independent: estimated in parallel, kept in quadrant order.
    std::vector<KernelEstimate> estimates(quadrants.size());
    cv::parallel_for_(cv::Range(0, static_cast<int>(quadrants.size())), [&](const cv::Range& r) {
        for (int i = r.start; i < r.end; ++i) {
            const cv::Rect& q = quadrants[i];
            estimates[i] = estimator.estimate(blurry(q), network(q),
                                              saturated.empty() ? cv::Mat() : saturated(q), window);
        }
    });
    for (const KernelEstimate& e : estimates) {
        if (e.valid() && e.gradientEnergy >= settings.minQuadrantTexture * globalEnergy) {
            kernels.push_back(e.kernel);
        }
    }
    result.textured = static_cast<int>(kernels.size());
    for (size_t i = 0; i < kernels.size(); ++i) {
        for (size_t j = i + 1; j < kernels.size(); ++j) {
            result.leastSimilarity =
                std::min(result.leastSimilarity, kernelSimilarity(kernels[i], kernels[j], 3));
        }
    }
    return result;
}

/** The kernel shifted by whole pixels. */
cv::Mat shifted(const cv::Mat& kernel, int sx, int sy)
{
    cv::Mat out = cv::Mat::zeros(kernel.size(), CV_32F);
    for (int y = std::max(0, -sy); y < std::min(kernel.rows, kernel.rows - sy); ++y) {
        for (int x = std::max(0, -sx); x < std::min(kernel.cols, kernel.cols - sx); ++x) {
            out.at<float>(y + sy, x + sx) = kernel.at<float>(y, x);
        }
    }
    const double sum = cv::sum(out)[0];
    return sum > 0 ? cv::Mat(out / sum) : kernel;
}

/**
 * The blind kernel's offset is its centroid's; the deconvolution needs the photo's offset
 * against the network's output: the whole-pixel shift within `reach` for which the
 * re-blurred network output fits the photo best.
 */
cv::Mat alignedToNetwork(const cv::Mat& blurry, const cv::Mat& network, const cv::Mat& kernel,
                         const cv::Mat& trusted, int reach)
{
    const cv::Mat reblurred = convolve(network, kernel);
    const cv::Rect inner(reach, reach, blurry.cols - 2 * reach, blurry.rows - 2 * reach);
    if (inner.width < 8 || inner.height < 8) {
        return kernel;
    }
    double best = -1;
    int bestX = 0, bestY = 0;
    for (int sy = -reach; sy <= reach; ++sy) {
        for (int sx = -reach; sx <= reach; ++sx) {
            const cv::Rect source = inner - cv::Point(sx, sy);
            const double r = rmsDifference(blurry(inner), reblurred(source), trusted(inner));
            if (best < 0 || r < best) {
                best = r;
                bestX = sx;
                bestY = sy;
            }
        }
    }
    return shifted(kernel, bestX, bestY);
}

Analysis analyse(const io::FloatImage& blurry, const io::FloatImage& network,
                 const RefineSettings& settings)
{
    Analysis a;
    const int longSide = std::max(blurry.width, blurry.height);
    const int shortSide = std::min(blurry.width, blurry.height);
    const double scale = std::min(1.0, static_cast<double>(settings.workingLongSide) / longSide);
    const int fullSize = oddAtLeast(std::min(settings.maxKernelSize, shortSide / 4), 3);
    const int size = oddAtLeast(static_cast<int>(std::lround(fullSize * scale)), 3);

    cv::Mat b = linearLuminance(blurry, settings.linearLight != 0);
    cv::Mat n = linearLuminance(network, settings.linearLight != 0);
    cv::Mat saturated = saturatedMask(blurry, settings.saturationLevel);
    if (scale < 1.0) {
        const cv::Size small(std::max(1, static_cast<int>(std::lround(blurry.width * scale))),
                             std::max(1, static_cast<int>(std::lround(blurry.height * scale))));
        cv::resize(b, b, small, 0, 0, cv::INTER_AREA);
        cv::resize(n, n, small, 0, 0, cv::INTER_AREA);
        cv::Mat shrunk;
        cv::resize(saturated, shrunk, small, 0, 0, cv::INTER_AREA);
        saturated = shrunk > 0;
    }
    const cv::Mat trusted = trustWeight(saturated, b.size(), size / 2 + 1, size / 4 + 1) > 0.999f;
    const double interior = static_cast<double>(std::max(0, b.cols - size - 1)) *
                            static_cast<double>(std::max(0, b.rows - size - 1));
    if (interior < 1 || cv::countNonZero(trusted) < (1.0 - settings.maxSaturatedShare) * interior) {
        a.skipReason = "too much of the photo is saturated";
        return a;
    }

    const KernelEstimator estimator(settings);
    const double sigma = std::max(noiseSigma(b, trusted), settings.noiseFloor);
    // Candidate latents: the network's output as it is, and shock-filtered (a soft output fits
    // through a kernel only once its edges are steps again); the better explanation wins.
    std::vector<int> shocks = {0};
    if (settings.shockSteps > 0) {
        shocks.push_back(settings.shockSteps);
    }
    KernelEstimate global;
    KernelEstimate fitted; ///< fitted to the network's output (blind estimation only)
    double residual = 0;
    cv::Mat latent;
    if (settings.blindEstimation) {
        global = BlindKernelEstimator(settings).estimate(b, n, saturated, size);
        latent = n;
        if (global.valid()) {
            global.kernel = alignedToNetwork(b, n, global.kernel, trusted, settings.alignReach);
            residual = rmsDifference(b, convolve(n, global.kernel), trusted);
        }
        // Where the network's output, re-blurred by the kernel fitted to it, explains the
        // photo to within the noise, the output is sharp enough to fit the kernel from.
        fitted = estimator.estimatePyramid(b, n, saturated, size);
        if (fitted.valid()) {
            const double r = rmsDifference(b, convolve(n, fitted.kernel), trusted);
            if (!global.valid() || r <= settings.networkFitResidual * sigma) {
                global = fitted;
                residual = r;
            }
        }
    }
    for (const int steps : settings.blindEstimation ? std::vector<int>{} : shocks) {
        const cv::Mat candidate = steps > 0 ? shockFiltered(n, steps) : n;
        const KernelEstimate e = estimator.estimatePyramid(b, candidate, saturated, size);
        if (!e.valid()) {
            continue;
        }
        const double r = rmsDifference(b, convolve(candidate, e.kernel), trusted);
        if (!global.valid() || r < residual) {
            global = e;
            residual = r;
            latent = candidate;
        }
    }
    if (!global.valid()) {
        a.skipReason = "no shake found";
        return a;
    }
    a.kernel = toFullResolution(global.kernel, scale);
    a.extent = static_cast<int>(std::lround(kernelExtent(global.kernel) / scale));
    a.compactness = global.compactness;
    a.elongation = kernelElongation(global.kernel);

    a.noiseSigma = sigma;
    a.residualToNoise = residual / sigma;
    a.withoutKernelToNoise = rmsDifference(b, n, trusted) / sigma;
    if (settings.blindEstimation) {
        a.networkAgreement = 0;
        if (fitted.valid()) {
            a.networkAgreement = kernelSimilarity(global.kernel, fitted.kernel, 3);
            const QuadrantAgreement quadrants =
                settings.blindAgreement
                    ? blindQuadrantAgreement(settings, b, n, saturated, size, global.gradientEnergy)
                    : quadrantAgreement(estimator, b, n, saturated, size, fitted.gradientEnergy,
                                        settings.minQuadrantTexture);
            a.agreement = quadrants.leastSimilarity;
            a.texturedQuadrants = quadrants.textured;
        }
    } else {
        const QuadrantAgreement quadrants =
            quadrantAgreement(estimator, b, latent, saturated, size, global.gradientEnergy,
                              settings.minQuadrantTexture);
        a.agreement = quadrants.leastSimilarity;
        a.texturedQuadrants = quadrants.textured;
    }
    return a;
}

/** Empty when Auto accepts the analysis, else the reason. */
std::string autoVerdict(const Analysis& a, const RefineSettings& settings)
{
    if (a.extent < settings.minShakeExtent || a.withoutKernelToNoise <= settings.noShakeResidual) {
        return "no shake found";
    }
    if (a.noiseSigma > settings.maxNoise) {
        return "too noisy to deconvolve";
    }
    if (a.elongation < settings.minElongation) {
        return "round blur, not camera shake";
    }
    if (a.agreement < settings.minAgreement) {
        return "blur varies across the photo";
    }
    if (a.residualToNoise > settings.maxResidualToNoise ||
        a.withoutKernelToNoise < settings.minImprovement * a.residualToNoise) {
        return "the kernel does not explain the blur";
    }
    if (a.compactness < settings.minCompactness) {
        return "the kernel is not compact";
    }
    return {};
}

/**
 * Auto's share of the correction for an accepted analysis, in (0, 1]: in proportion to how
 * far |B - N| / |B - k*N| lies between minImprovement and fullImprovement, and scaled by
 * fewQuadrantsShare where too few quadrants had texture to compare their kernels.
 */
double autoStrength(const Analysis& a, const RefineSettings& settings)
{
    const double ratio = a.withoutKernelToNoise / std::max(a.residualToNoise, 1e-9);
    const double span = settings.fullImprovement - settings.minImprovement;
    double strength = 1;
    if (span > 0 && ratio < settings.fullImprovement) {
        strength = (ratio - settings.minImprovement) / span;
    }
    if (a.texturedQuadrants < settings.checkedQuadrants) {
        strength *= settings.fewQuadrantsShare;
    }
    return std::clamp(strength, 0.05, 1.0);
}

io::FloatImage deconvolve(const io::FloatImage& blurry, const io::FloatImage& network,
                          const cv::Mat& kernel, const RefineSettings& settings, double strength)
{
    const PriorDeconvolution deconvolution(kernel, settings.minPriorWeight, settings.noiseMargin);
    const cv::Mat weight = trustWeight(saturatedMask(blurry, settings.saturationLevel),
                                       cv::Size(blurry.width, blurry.height), kernel.rows / 2 + 1);
    io::FloatImage out = network;
    // Each colour channel on its own (they write different samples of `out`).
    const bool linear = settings.linearLight != 0;
    cv::parallel_for_(cv::Range(0, colourChannels(blurry)), [&](const cv::Range& r) {
        for (int c = r.start; c < r.end; ++c) {
            const cv::Mat plane = linearChannel(blurry, c, linear);
            const double sigma = std::max(noiseSigma(plane), settings.noiseFloor);
            const cv::Mat prior = linearChannel(network, c, linear);
            const cv::Mat refined = deconvolution.apply(plane, prior, weight, sigma);
            storeLinearChannel(prior + strength * settings.correctionWeight * (refined - prior),
                               out, c, linear);
        }
    });
    if (blurry.hasAlpha()) {
        for (size_t i = 3; i < out.pixels.size(); i += 4) {
            out.pixels[i] = blurry.pixels[i];
        }
    }
    return out;
}

} // namespace

RefineMode parseRefineMode(const std::string& text)
{
    if (text == "off") {
        return RefineMode::Off;
    }
    if (text == "auto") {
        return RefineMode::Auto;
    }
    if (text == "on") {
        return RefineMode::On;
    }
    throw std::invalid_argument("unknown refinement mode '" + text +
                                "' (expected auto, on or off)");
}

const char* refineModeName(RefineMode mode)
{
    switch (mode) {
    case RefineMode::Off:
        return "off";
    case RefineMode::Auto:
        return "auto";
    case RefineMode::On:
        return "on";
    }
    return "off";
}

io::FloatImage refineShake(const io::FloatImage& blurry, const io::FloatImage& network,
                           RefineMode mode, RefineReport& report)
{
    return refineShake(blurry, network, mode, report, RefineSettings{});
}

io::FloatImage refineShake(const io::FloatImage& blurry, const io::FloatImage& network,
                           RefineMode mode, RefineReport& report, const RefineSettings& settings)
{
    report = RefineReport{};
    if (mode == RefineMode::Off) {
        report.summary = "off";
        return network;
    }
    const auto skip = [&](const std::string& reason) {
        report.summary = "skipped (" + reason + ")";
        return network;
    };
    if (blurry.width != network.width || blurry.height != network.height ||
        blurry.channels != network.channels || blurry.channels < 1 ||
        blurry.pixels.size() != blurry.sampleCount() ||
        network.pixels.size() != network.sampleCount()) {
        return skip("the network's output does not match the photo");
    }
    if (std::min(blurry.width, blurry.height) < std::max(settings.minPhotoSide, 8)) {
        return skip("photo too small");
    }
    const Analysis a = analyse(blurry, network, settings);
    if (!a.skipReason.empty()) {
        return skip(a.skipReason);
    }
    report.kernelSize = a.extent;
    report.residualToNoise = a.residualToNoise;
    report.measures.noiseSigma = a.noiseSigma * 255;
    report.measures.withoutKernelToNoise = a.withoutKernelToNoise;
    report.measures.compactness = a.compactness;
    report.measures.agreement = a.agreement;
    report.measures.networkAgreement = a.networkAgreement;
    report.measures.texturedQuadrants = a.texturedQuadrants;
    report.measures.elongation = a.elongation;
    report.kernelWidth = a.kernel.cols;
    report.kernelHeight = a.kernel.rows;
    report.kernel.assign(a.kernel.begin<float>(), a.kernel.end<float>());
    double strength = 1;
    if (mode == RefineMode::Auto) {
        const std::string verdict = autoVerdict(a, settings);
        if (!verdict.empty()) {
            return skip(verdict);
        }
        strength = autoStrength(a, settings);
    }
    io::FloatImage refined = deconvolve(blurry, network, a.kernel, settings, strength);
    report.applied = true;
    report.strength = strength;
    char line[128];
    if (strength < 1) {
        std::snprintf(line, sizeof line,
                      "applied (kernel %d px, residual %.1fx noise, %d %% strength)", a.extent,
                      a.residualToNoise, static_cast<int>(std::lround(100 * strength)));
    } else {
        std::snprintf(line, sizeof line, "applied (kernel %d px, residual %.1fx noise)", a.extent,
                      a.residualToNoise);
    }
    report.summary = line;
    return refined;
}

io::FloatImage refineWithKernel(const io::FloatImage& blurry, const io::FloatImage& network,
                                const std::vector<float>& kernel, int side, RefineReport& report,
                                const RefineSettings& settings)
{
    report = RefineReport{};
    if (side < 1 || side % 2 == 0 || kernel.size() != static_cast<size_t>(side) * side ||
        blurry.width != network.width || blurry.height != network.height ||
        blurry.channels != network.channels || std::min(blurry.width, blurry.height) < 2 * side) {
        report.summary = "skipped (the kernel does not fit the photo)";
        return network;
    }
    cv::Mat k = cv::Mat(side, side, CV_32F, const_cast<float*>(kernel.data())).clone();
    k = cv::max(k, 0.0f);
    const double sum = cv::sum(k)[0];
    if (sum <= 0) {
        report.summary = "skipped (empty kernel)";
        return network;
    }
    k /= sum;
    const bool linear = settings.linearLight != 0;
    const cv::Mat b = linearLuminance(blurry, linear);
    const cv::Mat trusted = trustWeight(saturatedMask(blurry, settings.saturationLevel), b.size(),
                                        side / 2 + 1) > 0.999f;
    k = alignedToNetwork(b, linearLuminance(network, linear), k, trusted,
                         std::max(settings.alignReach, side / 4));
    report.applied = true;
    report.kernelSize = kernelExtent(k);
    report.kernelWidth = k.cols;
    report.kernelHeight = k.rows;
    report.kernel.assign(k.begin<float>(), k.end<float>());
    report.strength = 1;
    report.summary = "applied (given kernel)";
    return deconvolve(blurry, network, k, settings, 1.0);
}

} // namespace unblur::refine
