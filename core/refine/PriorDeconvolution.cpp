#include "refine/PriorDeconvolution.h"

#include "refine/KernelCheck.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

namespace unblur::refine {

namespace {

int evenDftSize(int least)
{
    int size = cv::getOptimalDFTSize(least);
    while (size % 2 != 0) {
        size = cv::getOptimalDFTSize(size + 1);
    }
    return size;
}

/** Bilinear sample of a wrapped grid at fractional (row, column). */
float sampleWrapped(const cv::Mat& grid, double row, double column)
{
    const int n = grid.rows;
    const double fr = std::floor(row);
    const double fc = std::floor(column);
    const double ar = row - fr;
    const double ac = column - fc;
    const auto at = [&](int r, int c) {
        return grid.at<float>(((r % n) + n) % n, ((c % n) + n) % n);
    };
    const int r0 = static_cast<int>(fr);
    const int c0 = static_cast<int>(fc);
    return static_cast<float>((1 - ar) * ((1 - ac) * at(r0, c0) + ac * at(r0, c0 + 1)) +
                              ar * ((1 - ac) * at(r0 + 1, c0) + ac * at(r0 + 1, c0 + 1)));
}

} // namespace

cv::Mat welchPowerSpectrum(const cv::Mat& plane, int grid)
{
    int tile = std::min(grid, std::min(plane.rows, plane.cols));
    tile -= tile % 2;
    if (tile < 8) {
        return cv::Mat::zeros(grid, grid, CV_32F);
    }
    cv::Mat hann(tile, tile, CV_32F);
    double hannPower = 0;
    for (int y = 0; y < tile; ++y) {
        for (int x = 0; x < tile; ++x) {
            const double wy = 0.5 - 0.5 * std::cos(2 * CV_PI * (y + 0.5) / tile);
            const double wx = 0.5 - 0.5 * std::cos(2 * CV_PI * (x + 0.5) / tile);
            hann.at<float>(y, x) = static_cast<float>(wy * wx);
            hannPower += wy * wy * wx * wx;
        }
    }
    cv::Mat sum = cv::Mat::zeros(tile, tile, CV_32F);
    int count = 0;
    const int step = tile / 2;
    const auto starts = [step, tile](int length) {
        std::vector<int> s;
        for (int at = 0; at + tile <= length; at += step) {
            s.push_back(at);
        }
        if (s.back() + tile < length) {
            s.push_back(length - tile); // the last tile flush with the edge
        }
        return s;
    };
    cv::Mat windowed;
    cv::Mat spectrum;
    for (const int y : starts(plane.rows)) {
        for (const int x : starts(plane.cols)) {
            cv::multiply(plane(cv::Rect(x, y, tile, tile)), hann, windowed);
            cv::dft(windowed, spectrum, cv::DFT_COMPLEX_OUTPUT);
            for (int r = 0; r < tile; ++r) {
                const cv::Vec2f* s = spectrum.ptr<cv::Vec2f>(r);
                float* a = sum.ptr<float>(r);
                for (int c = 0; c < tile; ++c) {
                    a[c] += s[c][0] * s[c][0] + s[c][1] * s[c][1];
                }
            }
            ++count;
        }
    }
    sum /= static_cast<float>(count * hannPower);
    if (tile == grid) {
        return sum;
    }
    cv::Mat out(grid, grid, CV_32F);
    for (int r = 0; r < grid; ++r) {
        // Frequencies in cycles per pixel, wrapped to [-1/2, 1/2), as rows of the tile's grid.
        const double fr = (r < grid / 2 ? r : r - grid) / static_cast<double>(grid);
        for (int c = 0; c < grid; ++c) {
            const double fc = (c < grid / 2 ? c : c - grid) / static_cast<double>(grid);
            out.at<float>(r, c) = sampleWrapped(sum, fr * tile, fc * tile);
        }
    }
    return out;
}

PriorDeconvolution::PriorDeconvolution(const cv::Mat& kernel, double minPriorWeight,
                                       double noiseMargin)
    : kernel_(kernel.clone()), minPriorWeight_(minPriorWeight), noiseMargin_(noiseMargin)
{
    // The filter's tails reach a few kernel lengths; the grid is twice the kept window.
    window_ = std::max(4 * kernel.rows + 1, 31) | 1;
    grid_ = evenDftSize(2 * window_);
    cv::Mat wrapped = cv::Mat::zeros(grid_, grid_, CV_32F);
    const int r = kernel.rows / 2;
    for (int dy = -r; dy <= r; ++dy) {
        for (int dx = -r; dx <= r; ++dx) {
            wrapped.at<float>((dy + grid_) % grid_, (dx + grid_) % grid_) =
                kernel.at<float>(dy + r, dx + r);
        }
    }
    cv::dft(wrapped, spectrum_, cv::DFT_COMPLEX_OUTPUT);
}

cv::Mat PriorDeconvolution::inverseFilter(const cv::Mat& power, double noiseSigma) const
{
    const float noise = static_cast<float>(noiseMargin_ * noiseSigma * noiseSigma);
    const float mu = static_cast<float>(minPriorWeight_);
    cv::Mat filter(grid_, grid_, CV_32FC2);
    for (int y = 0; y < grid_; ++y) {
        const cv::Vec2f* k = spectrum_.ptr<cv::Vec2f>(y);
        const float* p = power.ptr<float>(y);
        cv::Vec2f* h = filter.ptr<cv::Vec2f>(y);
        for (int x = 0; x < grid_; ++x) {
            const float kernelPower = k[x][0] * k[x][0] + k[x][1] * k[x][1];
            const float gain = p[x] > 0 ? std::max(0.0f, 1.0f - noise / p[x]) : 0.0f;
            h[x] = cv::Vec2f(k[x][0], -k[x][1]) * (gain / (kernelPower + mu));
        }
    }
    cv::Mat spatial;
    cv::dft(filter, spatial, cv::DFT_INVERSE | cv::DFT_SCALE | cv::DFT_COMPLEX_OUTPUT);
    const int h = window_ / 2;
    cv::Mat inverse(window_, window_, CV_32F);
    for (int dy = -h; dy <= h; ++dy) {
        for (int dx = -h; dx <= h; ++dx) {
            inverse.at<float>(dy + h, dx + h) =
                spatial.at<cv::Vec2f>((dy + grid_) % grid_, (dx + grid_) % grid_)[0];
        }
    }
    return inverse;
}

cv::Mat PriorDeconvolution::apply(const cv::Mat& blurry, const cv::Mat& network,
                                  const cv::Mat& weight, double noiseSigma) const
{
    cv::Mat residual = convolve(network, kernel_);
    cv::subtract(blurry, residual, residual);
    cv::multiply(residual, weight, residual);
    const cv::Mat inverse = inverseFilter(welchPowerSpectrum(residual, grid_), noiseSigma);
    cv::Mat correction = convolve(residual, inverse);
    residual.release();
    cv::add(network, correction, correction);
    return correction;
}

} // namespace unblur::refine
