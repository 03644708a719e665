#include "train/data/BlurKernels.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace unblur::train {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr int kCentre = kMaxKernelSize / 2;

struct Point
{
    double x = 0;
    double y = 0;
};

/** A kMaxKernelSize square accumulator for bilinear splats, centred on kCentre. */
class Canvas
{
public:
    Canvas() : m_cells(kMaxKernelSize * kMaxKernelSize, 0.0) {}

    /** Adds `mass` at offset (x, y) from the centre, shared among the 4 nearest pixels. */
    void splat(double x, double y, double mass)
    {
        const double px = x + kCentre;
        const double py = y + kCentre;
        const int x0 = static_cast<int>(std::floor(px));
        const int y0 = static_cast<int>(std::floor(py));
        const double fx = px - x0;
        const double fy = py - y0;
        add(x0, y0, mass * (1 - fx) * (1 - fy));
        add(x0 + 1, y0, mass * fx * (1 - fy));
        add(x0, y0 + 1, mass * (1 - fx) * fy);
        add(x0 + 1, y0 + 1, mass * fx * fy);
    }

    /** Spreads `mass` evenly along the segment a-b, dense enough to be anti-aliased. */
    void splatSegment(Point a, Point b, double mass)
    {
        const double dx = b.x - a.x;
        const double dy = b.y - a.y;
        const int n = std::max(1, static_cast<int>(std::ceil(std::hypot(dx, dy) * 4)));
        for (int j = 0; j < n; ++j) {
            const double t = (j + 0.5) / n;
            splat(a.x + t * dx, a.y + t * dy, mass / n);
        }
    }

    /** The smallest centred odd square holding all the mass, normalised to sum 1. */
    cv::Mat toKernel() const
    {
        int half = 0;
        double sum = 0;
        for (int y = 0; y < kMaxKernelSize; ++y) {
            for (int x = 0; x < kMaxKernelSize; ++x) {
                const double v = m_cells[y * kMaxKernelSize + x];
                if (v > 0) {
                    half = std::max({half, std::abs(x - kCentre), std::abs(y - kCentre)});
                    sum += v;
                }
            }
        }
        if (!(sum > 0))
            throw std::logic_error("blur kernel has no mass");
        const int side = 2 * half + 1;
        cv::Mat k(side, side, CV_32F);
        for (int y = 0; y < side; ++y) {
            for (int x = 0; x < side; ++x) {
                const double v =
                    m_cells[(y + kCentre - half) * kMaxKernelSize + (x + kCentre - half)];
                k.at<float>(y, x) = static_cast<float>(std::max(v, 0.0) / sum);
            }
        }
        return k;
    }

private:
    void add(int x, int y, double v)
    {
        if (v <= 0)
            return;
        if (x < 0 || y < 0 || x >= kMaxKernelSize || y >= kMaxKernelSize)
            throw std::logic_error("blur kernel splat outside the canvas");
        m_cells[y * kMaxKernelSize + x] += v;
    }

    std::vector<double> m_cells;
};

/** A radially symmetric kernel sampled at pixel centres, normalised. */
template <typename Profile> cv::Mat radialKernel(int half, Profile profile)
{
    const int side = 2 * half + 1;
    cv::Mat k(side, side, CV_32F);
    double sum = 0;
    for (int y = 0; y < side; ++y) {
        for (int x = 0; x < side; ++x) {
            const double v = profile(std::hypot(x - half, y - half));
            k.at<float>(y, x) = static_cast<float>(v);
            sum += v;
        }
    }
    k /= sum;
    return k;
}

/**
 * Splats a trajectory travelled in equal times per step into a kernel of random extent
 * (extentMin..extentMax px on its longer side, less where it would not fit), centred on its
 * centre of mass.
 */
cv::Mat kernelFromPath(const std::vector<Point>& path, Engine& rng, double extentMin,
                       double extentMax)
{
    const int steps = static_cast<int>(path.size()) - 1;
    // Equal exposure time per step: the centre of mass is the mean of the segment midpoints.
    Point lo = path[0], hi = path[0], centre;
    for (int i = 0; i <= steps; ++i) {
        lo = {std::min(lo.x, path[i].x), std::min(lo.y, path[i].y)};
        hi = {std::max(hi.x, path[i].x), std::max(hi.y, path[i].y)};
        if (i < steps) {
            centre.x += 0.5 * (path[i].x + path[i + 1].x) / steps;
            centre.y += 0.5 * (path[i].y + path[i + 1].y) / steps;
        }
    }
    const double extent = std::max({hi.x - lo.x, hi.y - lo.y, 1e-9});
    double scale = uniform(rng, extentMin, extentMax) / extent;
    double radius = 0;
    for (const Point& p : path)
        radius = std::max({radius, std::abs(p.x - centre.x), std::abs(p.y - centre.y)});
    const double maxRadius = kCentre - 1.0;
    if (radius * scale > maxRadius)
        scale = maxRadius / radius;

    Canvas canvas;
    for (int i = 0; i < steps; ++i) {
        const Point a0{(path[i].x - centre.x) * scale, (path[i].y - centre.y) * scale};
        const Point a1{(path[i + 1].x - centre.x) * scale, (path[i + 1].y - centre.y) * scale};
        canvas.splatSegment(a0, a1, 1.0 / steps);
    }
    return canvas.toKernel();
}

} // namespace

const char* kernelKindName(KernelKind kind)
{
    switch (kind) {
    case KernelKind::Shake:
        return "shake";
    case KernelKind::Linear:
        return "linear";
    case KernelKind::Defocus:
        return "defocus";
    case KernelKind::Gaussian:
        return "gaussian";
    case KernelKind::Sway:
        return "sway";
    }
    return "?";
}

cv::Mat shakeKernel(Engine& rng, double extentMin, double extentMax)
{
    // Trajectory in arbitrary units: a unit-speed heading that turns under an acceleration
    // with inertia (AR(1) in time), rare jerks, and a weak pull back towards the start.
    constexpr int steps = 128;
    // Turning per step ~ the acceleration's spread: a total turn of roughly 0.5..6 radians.
    const double inertia = uniform(rng, 0.7, 0.97);
    const double jitter = logUniform(rng, 0.004, 0.05) * std::sqrt(1 - inertia * inertia);
    const double jerkProbability = uniform(rng, 0.0, 0.03);
    const double jerkSize = uniform(rng, 0.3, 1.5);
    const double pull = uniform(rng, 0.0, 0.002);
    // Speed: log-normal, smooth in time, so the exposure dwells where the hand slows down.
    const double speedSpread = uniform(rng, 0.2, 1.0);
    const double speedMemory = uniform(rng, 0.8, 0.97);

    const double heading = uniform(rng, 0.0, 2 * kPi);
    Point v{std::cos(heading), std::sin(heading)};
    Point a;
    double logSpeed = speedSpread * normal(rng);
    std::vector<Point> path(steps + 1);
    for (int i = 1; i <= steps; ++i) {
        double n0, n1;
        normalPair(rng, n0, n1);
        a.x = inertia * a.x + jitter * n0;
        a.y = inertia * a.y + jitter * n1;
        if (chance(rng, jerkProbability)) {
            normalPair(rng, n0, n1);
            a.x += jerkSize * n0;
            a.y += jerkSize * n1;
        }
        const Point& p = path[i - 1];
        v.x += a.x - pull * p.x;
        v.y += a.y - pull * p.y;
        const double norm = std::hypot(v.x, v.y);
        if (norm > 1e-12) {
            v.x /= norm;
            v.y /= norm;
        } else {
            v = {std::cos(heading), std::sin(heading)};
        }
        logSpeed = speedMemory * logSpeed +
                   std::sqrt(1 - speedMemory * speedMemory) * speedSpread * normal(rng);
        const double speed = std::exp(logSpeed);
        path[i] = {p.x + v.x * speed, p.y + v.y * speed};
    }

    return kernelFromPath(path, rng, extentMin, extentMax);
}

cv::Mat swayKernel(Engine& rng, double extentMin, double extentMax)
{
    // The hand as an oscillator seen for one exposure: each axis a sum of three sinusoids of
    // 0.15..2 cycles per exposure with amplitudes ~ 1/frequency, sampled at equal times. The
    // motion slows where it turns round, so the exposure dwells there: bright ends and
    // corners joined by faint strokes, as in recorded camera shake.
    constexpr int steps = 256;
    constexpr int waves = 3;
    double frequency[2][waves], amplitude[2][waves], phase[2][waves];
    for (int axis = 0; axis < 2; ++axis) {
        for (int w = 0; w < waves; ++w) {
            frequency[axis][w] = logUniform(rng, 0.15, 2.0);
            amplitude[axis][w] = normal(rng) / frequency[axis][w];
            phase[axis][w] = uniform(rng, 0.0, 2 * kPi);
        }
    }
    std::vector<Point> path(steps + 1);
    for (int i = 0; i <= steps; ++i) {
        const double t = double(i) / steps;
        double xy[2] = {0, 0};
        for (int axis = 0; axis < 2; ++axis) {
            for (int w = 0; w < waves; ++w) {
                xy[axis] += amplitude[axis][w] *
                            std::sin(2 * kPi * frequency[axis][w] * t + phase[axis][w]);
            }
        }
        path[i] = {xy[0], xy[1]};
    }
    return kernelFromPath(path, rng, extentMin, extentMax);
}

cv::Mat linearMotionKernel(double length, double angle)
{
    const double half = std::clamp((length - 1) / 2, 0.0, kCentre - 1.0);
    const Point d{half * std::cos(angle), half * std::sin(angle)};
    Canvas canvas;
    canvas.splatSegment({-d.x, -d.y}, {d.x, d.y}, 1.0);
    return canvas.toKernel();
}

cv::Mat linearMotionKernel(Engine& rng)
{
    const double length = uniform(rng, 3.0, 31.0);
    const double angle = uniform(rng, 0.0, kPi);
    return linearMotionKernel(length, angle);
}

cv::Mat defocusKernel(double radius)
{
    radius = std::clamp(radius, 0.5, kCentre - 1.0);
    const int half = std::min(kCentre, static_cast<int>(std::ceil(radius + 0.5)));
    // Pixel coverage of the disc, approximated by a one-pixel ramp across the rim.
    return radialKernel(half,
                        [radius](double d) { return std::clamp(radius + 0.5 - d, 0.0, 1.0); });
}

cv::Mat defocusKernel(Engine& rng)
{
    return defocusKernel(uniform(rng, 1.0, 8.0));
}

cv::Mat gaussianKernel(double sigma)
{
    sigma = std::clamp(sigma, 0.1, kCentre / 3.0);
    const int half = std::min(kCentre, static_cast<int>(std::ceil(3 * sigma)));
    const double inv = 1.0 / (2 * sigma * sigma);
    return radialKernel(half, [inv](double d) { return std::exp(-d * d * inv); });
}

cv::Mat gaussianKernel(Engine& rng)
{
    return gaussianKernel(uniform(rng, 0.5, 3.0));
}

KernelKind pickKernelKind(Engine& rng, const KernelMix& mix)
{
    // In KernelKind's order.
    const double weights[] = {std::max(mix.shake, 0.0), std::max(mix.linear, 0.0),
                              std::max(mix.defocus, 0.0), std::max(mix.gaussian, 0.0),
                              std::max(mix.sway, 0.0)};
    constexpr int kinds = sizeof weights / sizeof weights[0];
    double total = 0;
    for (const double w : weights)
        total += w;
    if (!(total > 0))
        throw std::invalid_argument("kernel mix: every probability is zero");
    double u = uniform01(rng) * total;
    for (int i = 0; i < kinds; ++i) {
        if (u < weights[i])
            return static_cast<KernelKind>(i);
        u -= weights[i];
    }
    // Rounding at the top end: the last kind with any weight.
    for (int i = kinds - 1; i >= 0; --i) {
        if (weights[i] > 0)
            return static_cast<KernelKind>(i);
    }
    return KernelKind::Shake;
}

cv::Mat randomKernel(Engine& rng, const KernelMix& mix, KernelKind* kind)
{
    const KernelKind k = pickKernelKind(rng, mix);
    if (kind)
        *kind = k;
    switch (k) {
    case KernelKind::Shake:
        return shakeKernel(rng, mix.shakeExtentMin, mix.shakeExtentMax);
    case KernelKind::Linear:
        return linearMotionKernel(rng);
    case KernelKind::Defocus:
        return defocusKernel(rng);
    case KernelKind::Gaussian:
        return gaussianKernel(rng);
    case KernelKind::Sway:
        return swayKernel(rng, mix.shakeExtentMin, mix.shakeExtentMax);
    }
    return shakeKernel(rng, mix.shakeExtentMin, mix.shakeExtentMax);
}

} // namespace unblur::train
