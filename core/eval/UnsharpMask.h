#pragma once

#include <opencv2/core.hpp>
#include <vector>

namespace unblur::eval {

/** Parameters of the unsharp mask: out = x + amount·(x − GaussianBlur(x, sigma)). */
struct UnsharpParams
{
    double sigma = 1.0;  ///< of the Gaussian, in pixels (> 0)
    double amount = 1.0; ///< 0 leaves the image as it is
};

/**
 * The classic unsharp mask, the baseline a deblurring model has to beat. `image` is CV_32F
 * (any channel count) in [0,1]; the result has the same type, clipped to [0,1]. Borders are
 * reflected (OpenCV's BORDER_REFLECT_101). Amount 0 returns the input unchanged.
 * Throws std::invalid_argument for another type, sigma <= 0 or a negative amount.
 */
cv::Mat unsharpMask(const cv::Mat& image, const UnsharpParams& params);

/** A blurry image and its sharp ground truth, CV_32F in [0,1], same size and channels. */
struct ImagePair
{
    cv::Mat blurry;
    cv::Mat sharp;
};

/** The outcome of a tuning run. */
struct UnsharpTuning
{
    UnsharpParams best;
    double meanPsnr = 0;      ///< of the best parameters over the pairs (psnr8)
    double inputMeanPsnr = 0; ///< of the untouched blurry images
    int pairs = 0;
    int combinations = 0; ///< parameter settings tried
};

/**
 * Grid search for the unsharp mask that maximises the mean PSNR over a set of pairs, one pair
 * at a time so that a large set never has to be in memory at once. The grid is every sigma
 * of kTuneSigmas with every non-zero amount of kTuneAmounts, plus amount 0 (the identity), so
 * the tuned mask is never worse than the input on the pairs it was tuned on. On equal means
 * the earlier setting wins, amount 0 first.
 */
class UnsharpTuner
{
public:
    UnsharpTuner();

    /** Scores every setting on one pair. Throws std::invalid_argument for a bad pair. */
    void add(const cv::Mat& blurry, const cv::Mat& sharp);
    /** The best setting so far; throws std::logic_error before the first add(). */
    UnsharpTuning result() const;

    static const std::vector<double> kTuneSigmas;  ///< 0.5, 1, ..., 4
    static const std::vector<double> kTuneAmounts; ///< 0, 0.25, ..., 3

private:
    std::vector<UnsharpParams> m_grid;
    std::vector<double> m_psnrSums; ///< per setting of m_grid
    int m_pairs = 0;
};

/** Tunes on pairs already in memory (see UnsharpTuner). */
UnsharpTuning tuneUnsharpMask(const std::vector<ImagePair>& pairs);

} // namespace unblur::eval
