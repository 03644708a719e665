#include "refine/BlindKernelEstimator.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <vector>

namespace unblur::refine {

namespace {

int oddAtLeast(int value, int least)
{
    value = std::max(value, least);
    return value % 2 == 1 ? value : value + 1;
}

/** Forward differences along x and y (the last row and column 0). */
void gradients(const cv::Mat& plane, cv::Mat& gx, cv::Mat& gy)
{
    gx = cv::Mat::zeros(plane.size(), CV_32F);
    gy = cv::Mat::zeros(plane.size(), CV_32F);
    for (int y = 0; y < plane.rows; ++y) {
        const float* p = plane.ptr<float>(y);
        const float* below = plane.ptr<float>(std::min(y + 1, plane.rows - 1));
        float* ox = gx.ptr<float>(y);
        float* oy = gy.ptr<float>(y);
        for (int x = 0; x + 1 < plane.cols; ++x) {
            ox[x] = p[x + 1] - p[x];
        }
        for (int x = 0; x < plane.cols; ++x) {
            oy[x] = below[x] - p[x];
        }
    }
}

/** `plane` zero-padded to `padded` and transformed. */
cv::Mat spectrum(const cv::Mat& plane, cv::Size padded)
{
    cv::Mat canvas = cv::Mat::zeros(padded, CV_32F);
    plane.copyTo(canvas(cv::Rect(0, 0, plane.cols, plane.rows)));
    cv::Mat out;
    cv::dft(canvas, out, cv::DFT_COMPLEX_OUTPUT);
    return out;
}

/** An odd-square kernel placed on a grid with its centre at offset 0 (wrapped), transformed. */
cv::Mat kernelSpectrum(const cv::Mat& kernel, cv::Size grid)
{
    cv::Mat wrapped = cv::Mat::zeros(grid, CV_32F);
    const int r = kernel.rows / 2;
    for (int dy = -r; dy <= r; ++dy) {
        for (int dx = -r; dx <= r; ++dx) {
            wrapped.at<float>((dy + grid.height) % grid.height, (dx + grid.width) % grid.width) +=
                kernel.at<float>(dy + r, dx + r);
        }
    }
    cv::Mat out;
    cv::dft(wrapped, out, cv::DFT_COMPLEX_OUTPUT);
    return out;
}

/** The kernel shifted (whole pixels) so that its centroid lies at the window's centre. */
cv::Mat centred(const cv::Mat& kernel)
{
    double sum = 0, cx = 0, cy = 0;
    for (int y = 0; y < kernel.rows; ++y) {
        for (int x = 0; x < kernel.cols; ++x) {
            const double v = kernel.at<float>(y, x);
            sum += v;
            cx += v * x;
            cy += v * y;
        }
    }
    if (!(sum > 0)) {
        return kernel;
    }
    const int r = kernel.rows / 2;
    const int sx = r - static_cast<int>(std::lround(cx / sum));
    const int sy = r - static_cast<int>(std::lround(cy / sum));
    cv::Mat out = cv::Mat::zeros(kernel.size(), CV_32F);
    for (int y = 0; y < kernel.rows; ++y) {
        for (int x = 0; x < kernel.cols; ++x) {
            const int ty = y + sy;
            const int tx = x + sx;
            if (ty >= 0 && ty < kernel.rows && tx >= 0 && tx < kernel.cols) {
                out.at<float>(ty, tx) = kernel.at<float>(y, x);
            }
        }
    }
    const double kept = cv::sum(out)[0];
    return kept > 0 ? cv::Mat(out / kept) : kernel;
}

/** A kernel resized to an odd window side, non-negative, summing to 1. */
cv::Mat resizedKernel(const cv::Mat& kernel, int side)
{
    cv::Mat out;
    cv::resize(kernel, out, cv::Size(side, side), 0, 0, cv::INTER_LINEAR);
    out = cv::max(out, 0.0f);
    const double sum = cv::sum(out)[0];
    return sum > 0 ? cv::Mat(out / sum) : out;
}

} // namespace

cv::Mat BlindKernelEstimator::tikhonovDeconvolution(const cv::Mat& blurry, const cv::Mat& kernel,
                                                    double weight)
{
    const int pad = kernel.rows;
    const cv::Size grid(cv::getOptimalDFTSize(blurry.cols + 2 * pad),
                        cv::getOptimalDFTSize(blurry.rows + 2 * pad));
    cv::Mat padded;
    cv::copyMakeBorder(blurry, padded, pad, grid.height - blurry.rows - pad, pad,
                       grid.width - blurry.cols - pad, cv::BORDER_REFLECT);
    cv::Mat fb;
    cv::dft(padded, fb, cv::DFT_COMPLEX_OUTPUT);
    const cv::Mat fk = kernelSpectrum(kernel, grid);
    const float w = static_cast<float>(weight);
    std::vector<float> cosX(static_cast<size_t>(grid.width));
    for (int x = 0; x < grid.width; ++x) {
        cosX[static_cast<size_t>(x)] =
            static_cast<float>(2 - 2 * std::cos(2 * CV_PI * x / grid.width));
    }
    for (int y = 0; y < grid.height; ++y) {
        const float dy = static_cast<float>(2 - 2 * std::cos(2 * CV_PI * y / grid.height));
        cv::Vec2f* b = fb.ptr<cv::Vec2f>(y);
        const cv::Vec2f* k = fk.ptr<cv::Vec2f>(y);
        for (int x = 0; x < grid.width; ++x) {
            const float denominator =
                k[x][0] * k[x][0] + k[x][1] * k[x][1] + w * (cosX[static_cast<size_t>(x)] + dy);
            // conj(K) B
            const float re = k[x][0] * b[x][0] + k[x][1] * b[x][1];
            const float im = k[x][0] * b[x][1] - k[x][1] * b[x][0];
            b[x] = denominator > 0 ? cv::Vec2f(re / denominator, im / denominator) : b[x];
        }
    }
    cv::Mat spatial;
    cv::dft(fb, spatial, cv::DFT_INVERSE | cv::DFT_SCALE | cv::DFT_REAL_OUTPUT);
    return spatial(cv::Rect(pad, pad, blurry.cols, blurry.rows)).clone();
}

KernelEstimate BlindKernelEstimator::kernelFromEdges(const cv::Mat& blurry, const cv::Mat& latent,
                                                     const cv::Mat& weight, int size,
                                                     double share) const
{
    // Latent prediction: smoothed, shock-filtered, salient gradients only.
    cv::Mat smooth;
    cv::bilateralFilter(latent, smooth, 5, static_cast<float>(settings_.edgeRange), 2.0);
    const cv::Mat predicted = shockFiltered(smooth, settings_.shockSteps);
    cv::Mat px, py, bx, by;
    gradients(predicted, px, py);
    gradients(blurry, bx, by);

    // Xu & Jia's r-map on the blurry photo: gradients that agree in direction over a window.
    cv::Mat sumX, sumY, magnitudeB, sumMagnitude;
    const cv::Size box(settings_.edgeWindow, settings_.edgeWindow);
    cv::boxFilter(bx, sumX, CV_32F, box, cv::Point(-1, -1), false);
    cv::boxFilter(by, sumY, CV_32F, box, cv::Point(-1, -1), false);
    cv::magnitude(bx, by, magnitudeB);
    cv::boxFilter(magnitudeB, sumMagnitude, CV_32F, box, cv::Point(-1, -1), false);
    cv::Mat magnitudeP;
    cv::magnitude(px, py, magnitudeP);

    // The strongest share of the pixels, in each of four gradient orientations.
    std::vector<float> bins[4];
    std::vector<uchar> binOf(static_cast<size_t>(latent.total()), 255);
    for (int y = 0; y < latent.rows; ++y) {
        const float* sx = sumX.ptr<float>(y);
        const float* sy = sumY.ptr<float>(y);
        const float* sm = sumMagnitude.ptr<float>(y);
        const float* m = magnitudeP.ptr<float>(y);
        const float* gx = px.ptr<float>(y);
        const float* gy = py.ptr<float>(y);
        const float* w = weight.ptr<float>(y);
        for (int x = 0; x < latent.cols; ++x) {
            const float r = std::sqrt(sx[x] * sx[x] + sy[x] * sy[x]) /
                            (sm[x] + static_cast<float>(settings_.edgeEpsilon));
            if (r < settings_.edgeCoherence || !(m[x] > 0) || w[x] < 0.5f) {
                continue;
            }
            double angle = std::atan2(gy[x], gx[x]);
            angle = angle < 0 ? angle + CV_PI : angle;
            const int bin = static_cast<int>(std::lround(angle / (CV_PI / 4))) % 4;
            bins[bin].push_back(m[x]);
            binOf[static_cast<size_t>(y) * static_cast<size_t>(latent.cols) +
                  static_cast<size_t>(x)] = static_cast<uchar>(bin);
        }
    }
    const size_t keep = static_cast<size_t>(share * static_cast<double>(latent.total()) / 4) + 1;
    float threshold[4];
    for (int bin = 0; bin < 4; ++bin) {
        std::vector<float>& v = bins[bin];
        if (v.size() <= keep) {
            threshold[bin] = 0;
            continue;
        }
        std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(keep), v.end(),
                         std::greater<float>());
        threshold[bin] = v[keep];
    }
    for (int y = 0; y < latent.rows; ++y) {
        float* gx = px.ptr<float>(y);
        float* gy = py.ptr<float>(y);
        const float* m = magnitudeP.ptr<float>(y);
        const float* w = weight.ptr<float>(y);
        float* ox = bx.ptr<float>(y);
        float* oy = by.ptr<float>(y);
        for (int x = 0; x < latent.cols; ++x) {
            const uchar bin = binOf[static_cast<size_t>(y) * static_cast<size_t>(latent.cols) +
                                    static_cast<size_t>(x)];
            const bool salient = bin < 4 && m[x] > threshold[bin];
            gx[x] = salient ? gx[x] * w[x] : 0.0f;
            gy[x] = salient ? gy[x] * w[x] : 0.0f;
            ox[x] *= w[x];
            oy[x] *= w[x];
        }
    }

    // Cho & Lee's kernel step: K = sum conj(P_d) B_d / (sum |P_d|² + β), then projected.
    const cv::Size padded(cv::getOptimalDFTSize(blurry.cols + size),
                          cv::getOptimalDFTSize(blurry.rows + size));
    cv::Mat numerator = cv::Mat::zeros(padded, CV_32FC2);
    cv::Mat power = cv::Mat::zeros(padded, CV_32F);
    const cv::Mat* pairs[2][2] = {{&px, &bx}, {&py, &by}};
    for (const auto& pair : pairs) {
        const cv::Mat fp = spectrum(*pair[0], padded);
        const cv::Mat fb = spectrum(*pair[1], padded);
        for (int y = 0; y < padded.height; ++y) {
            const cv::Vec2f* p = fp.ptr<cv::Vec2f>(y);
            const cv::Vec2f* b = fb.ptr<cv::Vec2f>(y);
            cv::Vec2f* n = numerator.ptr<cv::Vec2f>(y);
            float* q = power.ptr<float>(y);
            for (int x = 0; x < padded.width; ++x) {
                n[x][0] += b[x][0] * p[x][0] + b[x][1] * p[x][1];
                n[x][1] += b[x][1] * p[x][0] - b[x][0] * p[x][1];
                q[x] += p[x][0] * p[x][0] + p[x][1] * p[x][1];
            }
        }
    }
    const double meanPower = cv::mean(power)[0];
    if (!(meanPower > 1e-20)) {
        return {};
    }
    const float beta = static_cast<float>(settings_.kernelRegularisation * meanPower);
    for (int y = 0; y < padded.height; ++y) {
        cv::Vec2f* n = numerator.ptr<cv::Vec2f>(y);
        const float* q = power.ptr<float>(y);
        for (int x = 0; x < padded.width; ++x) {
            n[x] /= q[x] + beta;
        }
    }
    cv::Mat spatial;
    cv::dft(numerator, spatial, cv::DFT_INVERSE | cv::DFT_SCALE | cv::DFT_REAL_OUTPUT);
    const int r = size / 2;
    cv::Mat raw(size, size, CV_32F);
    for (int dy = -r; dy <= r; ++dy) {
        const float* row = spatial.ptr<float>((dy + padded.height) % padded.height);
        for (int dx = -r; dx <= r; ++dx) {
            raw.at<float>(dy + r, dx + r) = row[(dx + padded.width) % padded.width];
        }
    }
    KernelEstimate estimate = KernelEstimator(settings_).project(raw);
    if (estimate.valid()) {
        estimate.kernel = centred(estimate.kernel);
    }
    return estimate;
}

KernelEstimate BlindKernelEstimator::estimate(const cv::Mat& blurry, const cv::Mat& network,
                                              const cv::Mat& saturated, int size) const
{
    // Scales a factor √2 apart, the coarsest with a kernel window of a few pixels.
    std::vector<double> scales = {1.0};
    const int shortSide = std::min(blurry.cols, blurry.rows);
    while (size * scales.back() / std::sqrt(2.0) >= settings_.coarsestKernelSize &&
           shortSide * scales.back() / std::sqrt(2.0) >= 32) {
        scales.push_back(scales.back() / std::sqrt(2.0));
    }
    std::reverse(scales.begin(), scales.end());
    KernelEstimate current;
    for (size_t level = 0; level < scales.size(); ++level) {
        const double scale = scales[level];
        cv::Mat b = blurry;
        cv::Mat sat = saturated;
        cv::Mat n = network;
        if (scale < 1.0) {
            const cv::Size small(std::max(1, static_cast<int>(std::lround(blurry.cols * scale))),
                                 std::max(1, static_cast<int>(std::lround(blurry.rows * scale))));
            cv::resize(blurry, b, small, 0, 0, cv::INTER_AREA);
            if (level == 0) {
                cv::resize(network, n, small, 0, 0, cv::INTER_AREA);
            }
            if (!saturated.empty()) {
                cv::Mat shrunk;
                cv::resize(saturated, shrunk, small, 0, 0, cv::INTER_AREA);
                sat = shrunk > 0;
            }
        }
        const int side = level + 1 == scales.size()
                             ? size
                             : oddAtLeast(static_cast<int>(std::lround(size * scale)), 3);
        const cv::Mat weight = trustWeight(sat, b.size(), side / 2 + 1, side / 4 + 1);
        cv::Mat latent;
        cv::Mat kernel;
        if (level == 0 || !current.valid()) {
            latent = settings_.blindStartFromNetwork == 0 ? b
                     : n.size() == b.size()               ? n
                                                          : cv::Mat();
            if (latent.empty()) {
                cv::resize(network, latent, b.size(), 0, 0, cv::INTER_AREA);
            }
        } else {
            kernel = resizedKernel(current.kernel, side);
            latent = tikhonovDeconvolution(b, kernel, settings_.latentRegularisation);
        }
        for (int round = 0; round < settings_.blindRounds; ++round) {
            const KernelEstimate e = kernelFromEdges(b, latent, weight, side, settings_.edgeShare);
            if (!e.valid()) {
                break;
            }
            current = e;
            latent = tikhonovDeconvolution(b, e.kernel, settings_.latentRegularisation);
        }
        if (level + 1 == scales.size() && current.valid()) {
            if (current.kernel.rows != size) {
                current.kernel = resizedKernel(current.kernel, size);
            }
            cv::Mat gx, gy;
            gradients(b, gx, gy);
            cv::multiply(gx, weight, gx);
            cv::multiply(gy, weight, gy);
            const double weightPower = cv::norm(weight, cv::NORM_L2SQR);
            current.gradientEnergy =
                weightPower > 0
                    ? (cv::norm(gx, cv::NORM_L2SQR) + cv::norm(gy, cv::NORM_L2SQR)) / weightPower
                    : 0.0;
        }
    }
    return current;
}

} // namespace unblur::refine
