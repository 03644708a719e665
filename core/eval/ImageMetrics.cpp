#include "ImageMetrics.h"

#include <cmath>
#include <limits>
#include <opencv2/imgproc.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace unblur::eval {

namespace {

constexpr int kWindow = 11;       ///< SSIM window side
constexpr double kSigma = 1.5;    ///< SSIM window Gaussian sigma
constexpr double kPeak = 255.0;   ///< L, the dynamic range of 8-bit samples
constexpr int kRim = kWindow / 2; ///< pixels where the window leaves the image

/** Both images quantised to 8 bits and cropped, after checking they can be compared. */
void prepare(const cv::Mat& a, const cv::Mat& b, int border, const char* metric, cv::Mat& a8,
             cv::Mat& b8)
{
    const std::string name(metric);
    if (a.empty() || b.empty()) {
        throw std::invalid_argument(name + ": empty image");
    }
    if (a.size() != b.size() || a.channels() != b.channels()) {
        throw std::invalid_argument(name + ": images differ in size or channels (" +
                                    std::to_string(a.cols) + "x" + std::to_string(a.rows) + "x" +
                                    std::to_string(a.channels()) + " vs " + std::to_string(b.cols) +
                                    "x" + std::to_string(b.rows) + "x" +
                                    std::to_string(b.channels()) + ")");
    }
    if (border < 0 || 2 * border >= a.cols || 2 * border >= a.rows) {
        throw std::invalid_argument(name + ": border " + std::to_string(border) +
                                    " leaves nothing of the image");
    }
    a8 = toUint8(a);
    b8 = toUint8(b);
    if (border > 0) {
        const cv::Rect inner(border, border, a.cols - 2 * border, a.rows - 2 * border);
        a8 = a8(inner);
        b8 = b8(inner);
    }
}

/** Mean SSIM of one channel, both CV_64F with values in [0,255]. */
double ssimChannel(const cv::Mat& x, const cv::Mat& y, const cv::Mat& window)
{
    const double c1 = (0.01 * kPeak) * (0.01 * kPeak);
    const double c2 = (0.03 * kPeak) * (0.03 * kPeak);
    const cv::Rect valid(kRim, kRim, x.cols - 2 * kRim, x.rows - 2 * kRim);
    // Filters the whole channel, then keeps the part where the window lies inside it.
    const auto local = [&](const cv::Mat& m) {
        cv::Mat filtered;
        cv::filter2D(m, filtered, CV_64F, window, cv::Point(-1, -1), 0, cv::BORDER_REFLECT_101);
        return cv::Mat(filtered(valid));
    };
    const cv::Mat muX = local(x);
    const cv::Mat muY = local(y);
    const cv::Mat muXX = muX.mul(muX);
    const cv::Mat muYY = muY.mul(muY);
    const cv::Mat muXY = muX.mul(muY);
    const cv::Mat varX = local(x.mul(x)) - muXX;
    const cv::Mat varY = local(y.mul(y)) - muYY;
    const cv::Mat covXY = local(x.mul(y)) - muXY;

    const cv::Mat numerator = (2.0 * muXY + c1).mul(2.0 * covXY + c2);
    const cv::Mat denominator = (muXX + muYY + c1).mul(varX + varY + c2);
    cv::Mat map;
    cv::divide(numerator, denominator, map);
    return cv::mean(map)[0];
}

} // namespace

cv::Mat toUint8(const cv::Mat& image)
{
    const int depth = image.depth();
    if (image.empty() || image.channels() < 1 || image.channels() > 4 ||
        (depth != CV_8U && depth != CV_32F && depth != CV_64F)) {
        throw std::invalid_argument("toUint8: expected a CV_8U, CV_32F or CV_64F image with 1 "
                                    "to 4 channels");
    }
    if (depth == CV_8U) {
        return image;
    }
    // convertTo saturates to [0,255] (the clamp) and rounds half to even (cvRound).
    cv::Mat scaled;
    image.convertTo(scaled, CV_64F, kPeak);
    cv::Mat result;
    scaled.convertTo(result, CV_8U);
    return result;
}

double psnr8(const cv::Mat& a, const cv::Mat& b, int border)
{
    cv::Mat a8;
    cv::Mat b8;
    prepare(a, b, border, "psnr8", a8, b8);
    // Squared differences are summed exactly in double (at most 255² per sample).
    cv::Mat diff;
    cv::absdiff(a8, b8, diff);
    diff.convertTo(diff, CV_64F);
    const cv::Scalar sums = cv::sum(diff.mul(diff));
    double total = 0;
    for (int c = 0; c < a8.channels(); ++c) {
        total += sums[c];
    }
    const double mse = total / double(a8.total() * size_t(a8.channels()));
    if (mse == 0) {
        return std::numeric_limits<double>::infinity();
    }
    return 10.0 * std::log10(kPeak * kPeak / mse);
}

double ssim(const cv::Mat& a, const cv::Mat& b, int border)
{
    cv::Mat a8;
    cv::Mat b8;
    prepare(a, b, border, "ssim", a8, b8);
    if (a8.cols < kWindow || a8.rows < kWindow) {
        throw std::invalid_argument("ssim: the image must be at least 11x11 pixels");
    }
    const cv::Mat kernel = cv::getGaussianKernel(kWindow, kSigma, CV_64F);
    const cv::Mat window = kernel * kernel.t();

    std::vector<cv::Mat> channelsA;
    std::vector<cv::Mat> channelsB;
    cv::split(a8, channelsA);
    cv::split(b8, channelsB);
    double total = 0;
    for (size_t c = 0; c < channelsA.size(); ++c) {
        cv::Mat x;
        cv::Mat y;
        channelsA[c].convertTo(x, CV_64F);
        channelsB[c].convertTo(y, CV_64F);
        total += ssimChannel(x, y, window);
    }
    return total / double(channelsA.size());
}

AlignedScore alignedMetrics(const cv::Mat& image, const cv::Mat& reference, int maxShift)
{
    if (maxShift < 0) {
        throw std::invalid_argument("alignedMetrics: the largest shift must not be negative");
    }
    cv::Mat image8;
    cv::Mat reference8;
    prepare(image, reference, 0, "alignedMetrics", image8, reference8);
    const int width = reference8.cols - 2 * maxShift;
    const int height = reference8.rows - 2 * maxShift;
    if (width < kWindow || height < kWindow) {
        throw std::invalid_argument("alignedMetrics: a shift of up to " + std::to_string(maxShift) +
                                    " px leaves less than 11x11 "
                                    "pixels of the image to compare");
    }
    const cv::Mat window = reference8(cv::Rect(maxShift, maxShift, width, height));
    const auto shifted = [&](int dy, int dx) {
        return image8(cv::Rect(maxShift + dx, maxShift + dy, width, height));
    };

    // The squared error is a sum of integers below 2^53, exact in double: ties are real ties.
    AlignedScore best;
    double bestError = std::numeric_limits<double>::infinity();
    int bestLength = 0;
    for (int dy = -maxShift; dy <= maxShift; ++dy) {
        for (int dx = -maxShift; dx <= maxShift; ++dx) {
            const double error = cv::norm(shifted(dy, dx), window, cv::NORM_L2SQR);
            const int length = dy * dy + dx * dx;
            // (dy, dx) grow in lexicographic order, so an equal tie keeps the earlier one.
            if (error < bestError || (error == bestError && length < bestLength)) {
                bestError = error;
                bestLength = length;
                best.dy = dy;
                best.dx = dx;
            }
        }
    }
    const cv::Mat chosen = shifted(best.dy, best.dx);
    best.psnr = psnr8(chosen, window);
    best.ssim = ssim(chosen, window);
    return best;
}

} // namespace unblur::eval
