#include "UnsharpMask.h"

#include "ImageMetrics.h"

#include <opencv2/imgproc.hpp>
#include <stdexcept>

namespace unblur::eval {

namespace {

void requireFloat(const cv::Mat& image, const char* what)
{
    if (image.empty() || image.depth() != CV_32F) {
        throw std::invalid_argument(std::string(what) + ": expected a CV_32F image in [0,1]");
    }
}

/** x + amount·detail, clipped to [0,1]. */
cv::Mat sharpened(const cv::Mat& image, const cv::Mat& detail, double amount)
{
    cv::Mat result;
    cv::scaleAdd(detail, amount, image, result);
    result = cv::max(result, 0.0);
    result = cv::min(result, 1.0);
    return result;
}

/** x − GaussianBlur(x, sigma): what the mask adds, per unit of amount. */
cv::Mat detailOf(const cv::Mat& image, double sigma)
{
    cv::Mat blurred;
    cv::GaussianBlur(image, blurred, cv::Size(0, 0), sigma, sigma, cv::BORDER_REFLECT_101);
    return image - blurred;
}

} // namespace

const std::vector<double> UnsharpTuner::kTuneSigmas = {0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0};
const std::vector<double> UnsharpTuner::kTuneAmounts = {0.0, 0.25, 0.5, 0.75, 1.0,
                                                        1.5, 2.0,  2.5, 3.0};

cv::Mat unsharpMask(const cv::Mat& image, const UnsharpParams& params)
{
    requireFloat(image, "unsharpMask");
    if (!(params.sigma > 0) || !(params.amount >= 0)) {
        throw std::invalid_argument("unsharpMask: sigma must be > 0 and amount >= 0");
    }
    if (params.amount == 0) {
        return image.clone();
    }
    return sharpened(image, detailOf(image, params.sigma), params.amount);
}

UnsharpTuner::UnsharpTuner()
{
    m_grid.push_back({kTuneSigmas.front(), 0.0}); // the identity, whatever sigma says
    for (double sigma : kTuneSigmas) {
        for (double amount : kTuneAmounts) {
            if (amount > 0) {
                m_grid.push_back({sigma, amount});
            }
        }
    }
    m_psnrSums.assign(m_grid.size(), 0.0);
}

void UnsharpTuner::add(const cv::Mat& blurry, const cv::Mat& sharp)
{
    requireFloat(blurry, "UnsharpTuner");
    requireFloat(sharp, "UnsharpTuner");
    if (blurry.size() != sharp.size() || blurry.channels() != sharp.channels()) {
        throw std::invalid_argument("UnsharpTuner: blurry and sharp images differ in size");
    }
    // One blur per sigma; every amount of that sigma reuses it.
    double lastSigma = -1;
    cv::Mat detail;
    for (size_t i = 0; i < m_grid.size(); ++i) {
        const UnsharpParams& params = m_grid[i];
        if (params.amount == 0) {
            m_psnrSums[i] += psnr8(blurry, sharp);
            continue;
        }
        if (params.sigma != lastSigma) {
            detail = detailOf(blurry, params.sigma);
            lastSigma = params.sigma;
        }
        m_psnrSums[i] += psnr8(sharpened(blurry, detail, params.amount), sharp);
    }
    ++m_pairs;
}

UnsharpTuning UnsharpTuner::result() const
{
    if (m_pairs == 0) {
        throw std::logic_error("UnsharpTuner: no pairs added");
    }
    size_t best = 0;
    for (size_t i = 1; i < m_grid.size(); ++i) {
        if (m_psnrSums[i] > m_psnrSums[best]) {
            best = i;
        }
    }
    UnsharpTuning tuning;
    tuning.best = m_grid[best];
    tuning.meanPsnr = m_psnrSums[best] / m_pairs;
    tuning.inputMeanPsnr = m_psnrSums[0] / m_pairs;
    tuning.pairs = m_pairs;
    tuning.combinations = int(m_grid.size());
    return tuning;
}

UnsharpTuning tuneUnsharpMask(const std::vector<ImagePair>& pairs)
{
    UnsharpTuner tuner;
    for (const ImagePair& pair : pairs) {
        tuner.add(pair.blurry, pair.sharp);
    }
    return tuner.result();
}

} // namespace unblur::eval
