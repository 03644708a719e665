#include "refine/KernelEstimator.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <vector>

namespace unblur::refine {

namespace {

/** Forward difference along x or y, weighted, zero-padded to `padded`. */
cv::Mat weightedGradient(const cv::Mat& plane, const cv::Mat& weight, bool alongX, cv::Size padded)
{
    cv::Mat out = cv::Mat::zeros(padded, CV_32F);
    for (int y = 0; y < plane.rows; ++y) {
        const float* p = plane.ptr<float>(y);
        const float* below = plane.ptr<float>(std::min(y + 1, plane.rows - 1));
        const float* w = weight.ptr<float>(y);
        float* o = out.ptr<float>(y);
        for (int x = 0; x < plane.cols; ++x) {
            const float next = alongX ? p[std::min(x + 1, plane.cols - 1)] : below[x];
            o[x] = w[x] * (next - p[x]);
        }
    }
    return out;
}

/** The odd square of side `size` around offset 0 of a wrapped (circular) CV_32FC2 plane. */
cv::Mat window(const cv::Mat& spatial, int size)
{
    const int r = size / 2;
    cv::Mat out(size, size, CV_32F);
    for (int dy = -r; dy <= r; ++dy) {
        const cv::Vec2f* row = spatial.ptr<cv::Vec2f>((dy + spatial.rows) % spatial.rows);
        for (int dx = -r; dx <= r; ++dx) {
            out.at<float>(dy + r, dx + r) = row[(dx + spatial.cols) % spatial.cols][0];
        }
    }
    return out;
}

/**
 * Osher-Rudin shock filter: `steps` steps that push each pixel towards the nearer side of the
 * edge it lies on, so soft edges become steps (the latent prediction of Cho & Lee).
 */
cv::Mat shockFilterSteps(const cv::Mat& plane, int steps)
{
    cv::Mat image = plane.clone();
    cv::Mat ix, iy, ixx, iyy, ixy;
    for (int step = 0; step < steps; ++step) {
        cv::Sobel(image, ix, CV_32F, 1, 0, 3, 0.125, 0, cv::BORDER_REFLECT);
        cv::Sobel(image, iy, CV_32F, 0, 1, 3, 0.125, 0, cv::BORDER_REFLECT);
        cv::Sobel(image, ixx, CV_32F, 2, 0, 3, 0.25, 0, cv::BORDER_REFLECT);
        cv::Sobel(image, iyy, CV_32F, 0, 2, 3, 0.25, 0, cv::BORDER_REFLECT);
        cv::Sobel(image, ixy, CV_32F, 1, 1, 3, 0.25, 0, cv::BORDER_REFLECT);
        for (int y = 0; y < image.rows; ++y) {
            float* v = image.ptr<float>(y);
            const float* gx = ix.ptr<float>(y);
            const float* gy = iy.ptr<float>(y);
            const float* gxx = ixx.ptr<float>(y);
            const float* gyy = iyy.ptr<float>(y);
            const float* gxy = ixy.ptr<float>(y);
            for (int x = 0; x < image.cols; ++x) {
                const float along =
                    gx[x] * gx[x] * gxx[x] + 2 * gx[x] * gy[x] * gxy[x] + gy[x] * gy[x] * gyy[x];
                const float magnitude = std::sqrt(gx[x] * gx[x] + gy[x] * gy[x]);
                v[x] -= 0.5f * (along > 0 ? magnitude : along < 0 ? -magnitude : 0.0f);
            }
        }
    }
    return image;
}

int oddAtLeast(int value, int least)
{
    value = std::max(value, least);
    return value % 2 == 1 ? value : value + 1;
}

} // namespace

cv::Mat shockFiltered(const cv::Mat& plane, int steps)
{
    return shockFilterSteps(plane, steps);
}

cv::Mat trustWeight(const cv::Mat& saturated, cv::Size size, int reach, int saturatedReach)
{
    saturatedReach = saturatedReach < 0 ? reach : saturatedReach;
    cv::Mat weight(size, CV_32F);
    reach = std::max(reach, 1);
    for (int y = 0; y < size.height; ++y) {
        float* w = weight.ptr<float>(y);
        const int dy = std::min(y, size.height - 1 - y);
        for (int x = 0; x < size.width; ++x) {
            const int d = std::min(dy, std::min(x, size.width - 1 - x));
            w[x] = d >= reach ? 1.0f : static_cast<float>(0.5 - 0.5 * std::cos(CV_PI * d / reach));
        }
    }
    if (!saturated.empty() && cv::countNonZero(saturated) > 0) {
        cv::Mat grown;
        const cv::Mat square = cv::getStructuringElement(
            cv::MORPH_RECT, cv::Size(2 * saturatedReach + 1, 2 * saturatedReach + 1));
        cv::dilate(saturated, grown, square);
        weight.setTo(0.0f, grown);
    }
    return weight;
}

KernelEstimate KernelEstimator::estimate(const cv::Mat& blurry, const cv::Mat& sharp,
                                         const cv::Mat& weight, int size,
                                         const cv::Mat& support) const
{
    const cv::Size padded(cv::getOptimalDFTSize(blurry.cols), cv::getOptimalDFTSize(blurry.rows));
    if (size > std::min(padded.width, padded.height)) {
        return {};
    }
    cv::Mat numerator = cv::Mat::zeros(padded, CV_32FC2);
    cv::Mat power = cv::Mat::zeros(padded, CV_32F);
    for (const bool alongX : {true, false}) {
        cv::Mat fb;
        cv::Mat fs;
        cv::dft(weightedGradient(blurry, weight, alongX, padded), fb, cv::DFT_COMPLEX_OUTPUT);
        cv::dft(weightedGradient(sharp, weight, alongX, padded), fs, cv::DFT_COMPLEX_OUTPUT);
        for (int y = 0; y < padded.height; ++y) {
            const cv::Vec2f* b = fb.ptr<cv::Vec2f>(y);
            const cv::Vec2f* s = fs.ptr<cv::Vec2f>(y);
            cv::Vec2f* n = numerator.ptr<cv::Vec2f>(y);
            float* p = power.ptr<float>(y);
            for (int x = 0; x < padded.width; ++x) {
                // B * conj(S)
                n[x][0] += b[x][0] * s[x][0] + b[x][1] * s[x][1];
                n[x][1] += b[x][1] * s[x][0] - b[x][0] * s[x][1];
                p[x] += s[x][0] * s[x][0] + s[x][1] * s[x][1];
            }
        }
    }
    double meanPower = 0;
    for (int y = 0; y < padded.height; ++y) {
        const float* p = power.ptr<float>(y);
        for (int x = 0; x < padded.width; ++x) {
            meanPower += p[x];
        }
    }
    meanPower /= static_cast<double>(padded.area());
    // Parseval: the mean power is the sum of the squared gradients over the pixels; per
    // pixel of the fit's weight it is the photo's texture energy.
    const double weightPower = cv::norm(weight, cv::NORM_L2SQR);
    const double energy = weightPower > 0 ? meanPower / weightPower : 0.0;
    if (!(energy > 1e-12)) {
        return {};
    }
    const float gamma = static_cast<float>(settings_.regularisation * meanPower);
    cv::Mat regularised(padded, CV_32FC2);
    cv::Mat autoSpectrum(padded, CV_32FC2);
    for (int y = 0; y < padded.height; ++y) {
        const cv::Vec2f* n = numerator.ptr<cv::Vec2f>(y);
        const float* p = power.ptr<float>(y);
        cv::Vec2f* q = regularised.ptr<cv::Vec2f>(y);
        cv::Vec2f* a = autoSpectrum.ptr<cv::Vec2f>(y);
        for (int x = 0; x < padded.width; ++x) {
            q[x] = n[x] / (p[x] + gamma);
            a[x] = cv::Vec2f(p[x], 0.0f);
        }
    }
    power.release();
    const int flags = cv::DFT_INVERSE | cv::DFT_SCALE | cv::DFT_COMPLEX_OUTPUT;
    cv::Mat spatial;
    cv::dft(regularised, spatial, flags);
    regularised.release();
    cv::Mat raw = window(spatial, size);
    // The kernel's support from the regularised solution, then the exact least squares there.
    KernelEstimate estimate = project(raw, support);
    if (!estimate.valid()) {
        return estimate;
    }
    estimate.gradientEnergy = energy;
    cv::dft(numerator, spatial, flags);
    const cv::Mat cross = window(spatial, size);
    cv::dft(autoSpectrum, spatial, flags);
    const cv::Mat refined = solveOnSupport(cross, window(spatial, 2 * size - 1), estimate.kernel,
                                           gamma / static_cast<float>(padded.area()));
    if (!refined.empty()) {
        estimate.kernel = refined;
    }
    return estimate;
}

cv::Mat KernelEstimator::solveOnSupport(const cv::Mat& cross, const cv::Mat& autocorrelation,
                                        const cv::Mat& kernel, double ridge) const
{
    cv::Mat support;
    cv::dilate(kernel > 0, support, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3)));
    const int size = kernel.rows;
    const int centre = autocorrelation.rows / 2;
    cv::Mat solution;
    // Active set: negative values leave the support and the system is solved again.
    for (int round = 0; round < 4; ++round) {
        std::vector<cv::Point> points;
        cv::findNonZero(support, points);
        const int m = static_cast<int>(points.size());
        if (m == 0 || m > settings_.maxSupportSolve) {
            return {};
        }
        cv::Mat system(m, m, CV_64F);
        cv::Mat rhs(m, 1, CV_64F);
        for (int i = 0; i < m; ++i) {
            const cv::Point& a = points[static_cast<size_t>(i)];
            rhs.at<double>(i) = cross.at<float>(a.y, a.x);
            double* row = system.ptr<double>(i);
            for (int j = 0; j < m; ++j) {
                const cv::Point& b = points[static_cast<size_t>(j)];
                row[j] = autocorrelation.at<float>(centre + a.y - b.y, centre + a.x - b.x);
            }
            row[i] += ridge;
        }
        cv::Mat x;
        if (!cv::solve(system, rhs, x, cv::DECOMP_CHOLESKY)) {
            return {};
        }
        solution = cv::Mat::zeros(size, size, CV_32F);
        bool negative = false;
        for (int i = 0; i < m; ++i) {
            const cv::Point& a = points[static_cast<size_t>(i)];
            const double v = x.at<double>(i);
            if (v > 0) {
                solution.at<float>(a.y, a.x) = static_cast<float>(v);
            } else {
                support.at<uchar>(a.y, a.x) = 0;
                negative = true;
            }
        }
        if (!negative) {
            break;
        }
    }
    const KernelEstimate projected = project(solution);
    return projected.kernel;
}

KernelEstimate KernelEstimator::project(cv::Mat raw, const cv::Mat& support) const
{
    // The estimate's noise, from the whole window (mostly away from the kernel).
    std::vector<float> magnitudes(raw.begin<float>(), raw.end<float>());
    for (float& v : magnitudes) {
        v = std::abs(v);
    }
    const auto middle = magnitudes.begin() + static_cast<std::ptrdiff_t>(magnitudes.size() / 2);
    std::nth_element(magnitudes.begin(), middle, magnitudes.end());
    const double noise = 1.4826 * *middle;
    if (!support.empty()) {
        raw.setTo(0.0f, support == 0);
    }
    raw = cv::max(raw, 0.0f);
    double peak = 0;
    cv::minMaxLoc(raw, nullptr, &peak);
    if (!(peak > 0)) {
        return {};
    }
    const double threshold =
        std::max(settings_.kernelThreshold * peak, settings_.kernelNoiseThreshold * noise);
    raw.setTo(0.0f, raw < static_cast<float>(threshold));
    cv::Mat labels;
    const int count = cv::connectedComponents(raw > 0, labels, 8, CV_32S);
    if (count < 2) {
        return {};
    }
    std::vector<double> mass(static_cast<size_t>(count), 0.0);
    double total = 0;
    for (int y = 0; y < raw.rows; ++y) {
        for (int x = 0; x < raw.cols; ++x) {
            const float v = raw.at<float>(y, x);
            mass[static_cast<size_t>(labels.at<int>(y, x))] += v;
            total += v;
        }
    }
    int main = 1;
    for (int label = 2; label < count; ++label) {
        if (mass[static_cast<size_t>(label)] > mass[static_cast<size_t>(main)]) {
            main = label;
        }
    }
    raw.setTo(0.0f, labels != main);
    KernelEstimate estimate;
    estimate.kernel = raw / mass[static_cast<size_t>(main)];
    estimate.compactness = mass[static_cast<size_t>(main)] / total;
    return estimate;
}

KernelEstimate KernelEstimator::estimatePyramid(const cv::Mat& blurry, const cv::Mat& sharp,
                                                const cv::Mat& saturated, int size) const
{
    const int longSide = std::max(blurry.cols, blurry.rows);
    std::vector<int> sides = {longSide};
    while (sides.back() / 2 >= settings_.coarsestLongSide) {
        sides.push_back(sides.back() / 2);
    }
    std::reverse(sides.begin(), sides.end());
    KernelEstimate previous;
    KernelEstimate current;
    for (const int side : sides) {
        const double scale = static_cast<double>(side) / longSide;
        cv::Mat b = blurry;
        cv::Mat s = sharp;
        cv::Mat sat = saturated;
        if (side != longSide) {
            const cv::Size small(std::max(1, static_cast<int>(std::lround(blurry.cols * scale))),
                                 std::max(1, static_cast<int>(std::lround(blurry.rows * scale))));
            cv::resize(blurry, b, small, 0, 0, cv::INTER_AREA);
            cv::resize(sharp, s, small, 0, 0, cv::INTER_AREA);
            if (!saturated.empty()) {
                cv::Mat shrunk;
                cv::resize(saturated, shrunk, small, 0, 0, cv::INTER_AREA);
                sat = shrunk > 0;
            }
        }
        const int windowSide =
            side == longSide ? size : oddAtLeast(static_cast<int>(std::lround(size * scale)), 3);
        cv::Mat support;
        if (previous.valid()) {
            cv::Mat grown;
            cv::resize(previous.kernel, grown, cv::Size(windowSide, windowSide), 0, 0,
                       cv::INTER_LINEAR);
            cv::dilate(grown > 0, support,
                       cv::getStructuringElement(cv::MORPH_RECT, cv::Size(5, 5)));
        }
        const cv::Mat weight = trustWeight(sat, b.size(), windowSide / 2 + 1, windowSide / 4 + 1);
        current = estimate(b, s, weight, windowSide, support);
        if (!current.valid() && !support.empty()) {
            current = estimate(b, s, weight, windowSide);
        }
        previous = current;
    }
    return current;
}

} // namespace unblur::refine
