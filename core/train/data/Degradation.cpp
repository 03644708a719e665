#include "train/data/Degradation.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <stdexcept>
#include <vector>

namespace unblur::train {

namespace {

/** Applies `f` to every float of a continuous CV_32F image, in place. */
template <typename F> void forEachValue(cv::Mat& image, F f)
{
    CV_Assert(image.depth() == CV_32F && image.isContinuous());
    float* p = image.ptr<float>();
    const size_t n = image.total() * image.channels();
    for (size_t i = 0; i < n; ++i)
        p[i] = f(p[i]);
}

/** Per-pixel maximum over the channels of a CV_32FC3 image. */
std::vector<float> channelMax(const cv::Mat& image)
{
    std::vector<float> m(image.total());
    const float* p = image.ptr<float>();
    for (size_t i = 0; i < m.size(); ++i)
        m[i] = std::max({p[3 * i], p[3 * i + 1], p[3 * i + 2]});
    return m;
}

/** The value below which a fraction `q` of `values` lies. */
float quantile(std::vector<float> values, double q)
{
    const size_t k = std::min(values.size() - 1, static_cast<size_t>(q * values.size()));
    std::nth_element(values.begin(), values.begin() + k, values.end());
    return values[k];
}

/**
 * Pushes highlights past 1 in a linear-light image, so that blurring smears them into
 * saturated streaks: either all the brightest pixels, or a disc around one bright pixel.
 */
void boostHighlights(cv::Mat& linear, Engine& rng, double gain)
{
    const std::vector<float> peak = channelMax(linear);
    float* p = linear.ptr<float>();
    if (chance(rng, 0.5)) {
        // The brightest 0.5..5 % of the pixels, with a soft threshold.
        const float t0 = std::max(quantile(peak, 1.0 - uniform(rng, 0.005, 0.05)), 0.05f);
        const float ramp = 0.1f * t0;
        for (size_t i = 0; i < peak.size(); ++i) {
            const float t = std::clamp((peak[i] - t0) / ramp, 0.0f, 1.0f);
            const float f = 1.0f + static_cast<float>(gain - 1.0) * t;
            for (int c = 0; c < 3; ++c)
                p[3 * i + c] *= f;
        }
        return;
    }
    // A small light source: a soft disc centred on one of the brightest 5 % of the pixels.
    const float bright = quantile(peak, 0.95);
    std::vector<size_t> candidates;
    for (size_t i = 0; i < peak.size(); ++i) {
        if (peak[i] >= bright)
            candidates.push_back(i);
    }
    const size_t at = candidates[uniformIndex(rng, candidates.size())];
    const int cx = static_cast<int>(at % linear.cols);
    const int cy = static_cast<int>(at / linear.cols);
    const double radius = uniform(rng, 1.5, 10.0);
    const int reach = static_cast<int>(std::ceil(radius + 1));
    for (int y = std::max(0, cy - reach); y <= std::min(linear.rows - 1, cy + reach); ++y) {
        for (int x = std::max(0, cx - reach); x <= std::min(linear.cols - 1, cx + reach); ++x) {
            const double inside = std::clamp(radius + 0.5 - std::hypot(x - cx, y - cy), 0.0, 1.0);
            const float f = static_cast<float>(1.0 + (gain - 1.0) * inside);
            float* q = p + 3 * (static_cast<size_t>(y) * linear.cols + x);
            for (int c = 0; c < 3; ++c)
                q[c] *= f;
        }
    }
}

/** Heteroscedastic Gaussian approximation of Poisson-Gaussian noise, in place. */
void addNoise(cv::Mat& image, Engine& rng, double shot, double read, bool monochrome)
{
    const size_t pixels = image.total();
    std::vector<float> z(monochrome ? pixels : 3 * pixels);
    fillNormal(rng, z.data(), z.size());
    float* p = image.ptr<float>();
    const float read2 = static_cast<float>(read * read);
    const float shotF = static_cast<float>(shot);
    for (size_t i = 0; i < pixels; ++i) {
        for (int c = 0; c < 3; ++c) {
            float& v = p[3 * i + c];
            const float n = monochrome ? z[i] : z[3 * i + c];
            v += std::sqrt(std::max(shotF * v, 0.0f) + read2) * n;
        }
    }
}

} // namespace

float srgbToLinear(float v)
{
    return v <= 0.04045f ? v / 12.92f : std::pow((v + 0.055f) / 1.055f, 2.4f);
}

float linearToSrgb(float v)
{
    return v <= 0.0031308f ? 12.92f * v : 1.055f * std::pow(v, 1.0f / 2.4f) - 0.055f;
}

cv::Mat convolve(const cv::Mat& image, const cv::Mat& kernel)
{
    // filter2D correlates; the flipped kernel makes it a convolution.
    cv::Mat flipped, out;
    cv::flip(kernel, flipped, -1);
    cv::filter2D(image, out, -1, flipped, cv::Point(-1, -1), 0, cv::BORDER_REFLECT);
    return out;
}

DegradedPair degrade(const cv::Mat& sharpWithMargin, int margin, Engine& rng,
                     const DegradationOptions& options)
{
    if (sharpWithMargin.type() != CV_32FC3)
        throw std::invalid_argument("degrade: the sharp crop must be CV_32FC3");
    if (margin < 0 || sharpWithMargin.rows <= 2 * margin || sharpWithMargin.cols <= 2 * margin)
        throw std::invalid_argument("degrade: the crop is not larger than twice the margin");

    DegradedPair pair;
    DegradationRecord& rec = pair.record;
    rec.kernel = randomKernel(rng, options.kernels, &rec.kernelKind);
    rec.linearLight = chance(rng, options.linearLightProbability);

    cv::Mat work = sharpWithMargin.clone();
    if (rec.linearLight) {
        forEachValue(work, srgbToLinear);
        rec.highlights = chance(rng, options.highlightProbability);
        if (rec.highlights)
            boostHighlights(work, rng,
                            uniform(rng, options.highlightGainMin, options.highlightGainMax));
    }
    cv::Mat blurred = convolve(work, rec.kernel);
    if (rec.linearLight) {
        forEachValue(blurred, [](float v) { return linearToSrgb(std::clamp(v, 0.0f, 1.0f)); });
    }

    if (!chance(rng, options.noiseFreeProbability)) {
        rec.shotNoise = logUniform(rng, options.shotNoiseMin, options.shotNoiseMax);
        rec.readNoise = logUniform(rng, options.readNoiseMin, options.readNoiseMax);
        addNoise(blurred, rng, rec.shotNoise, rec.readNoise,
                 chance(rng, options.monochromeNoiseProbability));
    }

    // 8-bit quantisation (convertTo rounds and saturates), then optional JPEG.
    cv::Mat bytes;
    blurred.convertTo(bytes, CV_8UC3, 255.0);
    if (chance(rng, options.jpegProbability)) {
        rec.jpegQuality = uniformInt(rng, options.jpegQualityMin, options.jpegQualityMax);
        std::vector<uchar> encoded;
        if (!cv::imencode(".jpg", bytes, encoded, {cv::IMWRITE_JPEG_QUALITY, rec.jpegQuality}))
            throw std::runtime_error("degrade: JPEG encoding failed");
        bytes = cv::imdecode(encoded, cv::IMREAD_COLOR);
        if (bytes.empty())
            throw std::runtime_error("degrade: JPEG decoding failed");
    }

    const cv::Rect centre(margin, margin, sharpWithMargin.cols - 2 * margin,
                          sharpWithMargin.rows - 2 * margin);
    bytes(centre).convertTo(pair.blurry, CV_32FC3, 1.0 / 255.0);
    pair.sharp = sharpWithMargin(centre).clone();
    return pair;
}

} // namespace unblur::train
