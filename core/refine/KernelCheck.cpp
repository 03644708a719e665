#include "refine/KernelCheck.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <vector>

namespace unblur::refine {

double noiseSigma(const cv::Mat& plane, const cv::Mat& trusted)
{
    if (plane.rows < 3 || plane.cols < 3) {
        return 0;
    }
    // Immerkær (1996): 1 -2 1 / -2 4 -2 / 1 -2 1 has norm 6 and removes planes and ramps.
    const int step = std::max(1, static_cast<int>(std::sqrt(plane.total() / 1.0e6)));
    std::vector<float> responses;
    responses.reserve(plane.total() / static_cast<size_t>(step * step) + 1);
    for (int y = 1; y + 1 < plane.rows; y += step) {
        const float* a = plane.ptr<float>(y - 1);
        const float* b = plane.ptr<float>(y);
        const float* c = plane.ptr<float>(y + 1);
        const uchar* t = trusted.empty() ? nullptr : trusted.ptr<uchar>(y);
        for (int x = 1; x + 1 < plane.cols; x += step) {
            if (t && !t[x]) {
                continue;
            }
            const float v = (a[x - 1] - 2 * a[x] + a[x + 1]) -
                            2 * (b[x - 1] - 2 * b[x] + b[x + 1]) + (c[x - 1] - 2 * c[x] + c[x + 1]);
            responses.push_back(std::abs(v));
        }
    }
    if (responses.empty()) {
        return 0;
    }
    const auto middle = responses.begin() + static_cast<std::ptrdiff_t>(responses.size() / 2);
    std::nth_element(responses.begin(), middle, responses.end());
    return 1.4826 * *middle / 6.0;
}

cv::Mat convolve(const cv::Mat& plane, const cv::Mat& kernel)
{
    cv::Mat flipped;
    cv::flip(kernel, flipped, -1);
    cv::Mat out;
    cv::filter2D(plane, out, CV_32F, flipped, cv::Point(-1, -1), 0, cv::BORDER_REFLECT);
    return out;
}

double rmsDifference(const cv::Mat& a, const cv::Mat& b, const cv::Mat& trusted)
{
    double sum = 0;
    size_t count = 0;
    for (int y = 0; y < a.rows; ++y) {
        const float* p = a.ptr<float>(y);
        const float* q = b.ptr<float>(y);
        const uchar* t = trusted.empty() ? nullptr : trusted.ptr<uchar>(y);
        for (int x = 0; x < a.cols; ++x) {
            if (t && !t[x]) {
                continue;
            }
            const double d = static_cast<double>(p[x]) - q[x];
            sum += d * d;
            ++count;
        }
    }
    return count ? std::sqrt(sum / static_cast<double>(count)) : 0.0;
}

double kernelElongation(const cv::Mat& kernel)
{
    const cv::Moments m = cv::moments(kernel);
    if (!(m.m00 > 0)) {
        return 0;
    }
    const double xx = m.mu20 / m.m00;
    const double yy = m.mu02 / m.m00;
    const double xy = m.mu11 / m.m00;
    const double mean = (xx + yy) / 2;
    const double spread = std::sqrt((xx - yy) * (xx - yy) / 4 + xy * xy);
    const double shortest = std::max(mean - spread, 1.0 / 12); // a pixel's own width
    return std::sqrt((mean + spread) / shortest);
}

double kernelSimilarity(const cv::Mat& a, const cv::Mat& b, int maxShift)
{
    if (a.empty() || b.empty()) {
        return 0;
    }
    // Both centred on a common canvas large enough for every shift.
    const int side = std::max(std::max(a.rows, a.cols), std::max(b.rows, b.cols)) + 2 * maxShift;
    const auto place = [side](const cv::Mat& k) {
        cv::Mat canvas = cv::Mat::zeros(side, side, CV_32F);
        k.copyTo(canvas(cv::Rect((side - k.cols) / 2, (side - k.rows) / 2, k.cols, k.rows)));
        return canvas;
    };
    const cv::Mat pa = place(a);
    const cv::Mat pb = place(b);
    const double norm = cv::norm(pa) * cv::norm(pb);
    if (!(norm > 0)) {
        return 0;
    }
    double best = 0;
    for (int dy = -maxShift; dy <= maxShift; ++dy) {
        for (int dx = -maxShift; dx <= maxShift; ++dx) {
            double dot = 0;
            for (int y = std::max(0, -dy); y < std::min(side, side - dy); ++y) {
                const float* p = pa.ptr<float>(y);
                const float* q = pb.ptr<float>(y + dy);
                for (int x = std::max(0, -dx); x < std::min(side, side - dx); ++x) {
                    dot += static_cast<double>(p[x]) * q[x + dx];
                }
            }
            best = std::max(best, dot / norm);
        }
    }
    return best;
}

Quadrants quadrantsOf(cv::Size photo, int size)
{
    const int halfW = photo.width / 2;
    const int halfH = photo.height / 2;
    Quadrants q;
    q.rects = {cv::Rect(0, 0, halfW, halfH), cv::Rect(halfW, 0, photo.width - halfW, halfH),
               cv::Rect(0, halfH, halfW, photo.height - halfH),
               cv::Rect(halfW, halfH, photo.width - halfW, photo.height - halfH)};
    q.window = std::min(size, std::min(halfW, halfH) / 2);
    q.window -= 1 - q.window % 2;
    return q;
}

int kernelExtent(const cv::Mat& kernel)
{
    if (kernel.empty()) {
        return 0;
    }
    const cv::Rect box = cv::boundingRect(kernel > 0);
    return std::max(box.width, box.height);
}

QuadrantAgreement quadrantAgreement(const KernelEstimator& estimator, const cv::Mat& blurry,
                                    const cv::Mat& sharp, const cv::Mat& saturated, int size,
                                    double globalEnergy, double minTexture)
{
    const Quadrants split = quadrantsOf(blurry.size(), size);
    const auto& quadrants = split.rects;
    const int window = split.window;
    std::vector<cv::Mat> kernels;
    for (const cv::Rect& q : quadrants) {
        if (window < 5) {
            break;
        }
        const KernelEstimate e = estimator.estimatePyramid(
            blurry(q), sharp(q), saturated.empty() ? cv::Mat() : saturated(q), window);
        if (e.valid() && e.gradientEnergy >= minTexture * globalEnergy) {
            kernels.push_back(e.kernel);
        }
    }
    QuadrantAgreement agreement;
    agreement.textured = static_cast<int>(kernels.size());
    for (size_t i = 0; i < kernels.size(); ++i) {
        for (size_t j = i + 1; j < kernels.size(); ++j) {
            agreement.leastSimilarity =
                std::min(agreement.leastSimilarity, kernelSimilarity(kernels[i], kernels[j]));
        }
    }
    return agreement;
}

} // namespace unblur::refine
