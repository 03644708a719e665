#include "blur/BlurAnalyzer.h"

#include "refine/KernelCheck.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <vector>

namespace unblur::blur {

namespace {

constexpr int kOrientations = 4;
constexpr int kLeastSide = 32;

/** The photo's luminance (Rec. 601 weights on the encoded values), reduced to `side`. */
cv::Mat workingGrey(const io::FloatImage& photo, int side)
{
    cv::Mat grey(photo.height, photo.width, CV_32F);
    const float* p = photo.pixels.data();
    const int step = photo.channels;
    for (int y = 0; y < photo.height; ++y) {
        float* out = grey.ptr<float>(y);
        for (int x = 0; x < photo.width; ++x, p += step) {
            out[x] = step < 3 ? p[0] : 0.299f * p[0] + 0.587f * p[1] + 0.114f * p[2];
        }
    }
    const int longSide = std::max(photo.width, photo.height);
    if (longSide <= side) {
        return grey;
    }
    const double scale = double(side) / longSide;
    cv::Mat reduced;
    cv::resize(grey, reduced,
               cv::Size(std::max(1, int(std::lround(photo.width * scale))),
                        std::max(1, int(std::lround(photo.height * scale)))),
               0, 0, cv::INTER_AREA);
    return reduced;
}

/** A measured edge pixel. */
struct Edge
{
    int x = 0;
    int y = 0;
    float width = 0;
    int orientation = 0; ///< of its gradient, 0..kOrientations-1 (0: horizontal, steps of 45°)
};

/** `plane` at (x, y), bilinear, clamped to the plane. */
float sampled(const cv::Mat& plane, float x, float y)
{
    x = std::clamp(x, 0.0f, float(plane.cols - 1));
    y = std::clamp(y, 0.0f, float(plane.rows - 1));
    const int x0 = std::min(int(x), plane.cols - 2);
    const int y0 = std::min(int(y), plane.rows - 2);
    const float fx = x - float(x0);
    const float fy = y - float(y0);
    const float* top = plane.ptr<float>(y0);
    const float* bottom = plane.ptr<float>(y0 + 1);
    return (1 - fy) * ((1 - fx) * top[x0] + fx * top[x0 + 1]) +
           fy * ((1 - fx) * bottom[x0] + fx * bottom[x0 + 1]);
}

/**
 * The rise of an edge: the profile across it (along the gradient, up to `radius` px either
 * side) followed while it keeps rising; its contrast, and the distance over which it climbs
 * from 10 % to 90 % of that. A sharp step rises in about a pixel; blur spreads the rise over
 * the blur's extent, however its kernel is shaped.
 */
struct Rise
{
    float contrast = 0;
    float width = 0;
};

Rise riseAcross(const cv::Mat& plane, int x, int y, float nx, float ny, int radius)
{
    std::array<float, 64> profile{};
    const int r = std::min(radius, 31);
    for (int t = -r; t <= r; ++t) {
        profile[size_t(t + r)] = sampled(plane, float(x) + float(t) * nx, float(y) + float(t) * ny);
    }
    int low = r, high = r;
    while (low > 0 && profile[size_t(low - 1)] <= profile[size_t(low)]) {
        --low;
    }
    while (high < 2 * r && profile[size_t(high + 1)] >= profile[size_t(high)]) {
        ++high;
    }
    Rise rise;
    rise.contrast = profile[size_t(high)] - profile[size_t(low)];
    if (!(rise.contrast > 0)) {
        return rise;
    }
    // Where the profile crosses a level, by linear interpolation between samples.
    const auto crossing = [&](float level) {
        for (int i = low; i < high; ++i) {
            const float a = profile[size_t(i)];
            const float b = profile[size_t(i + 1)];
            if (b >= level && a < level) {
                return float(i) + (level - a) / (b - a);
            }
        }
        return float(high);
    };
    const float base = profile[size_t(low)];
    rise.width = crossing(base + 0.9f * rise.contrast) - crossing(base + 0.1f * rise.contrast);
    return rise;
}

/**
 * Strong edges. An edge pixel is a local maximum of the slope whose rise (riseAcross) spans
 * at least the least contrast; its width is that rise's 10-90 % distance.
 */
std::vector<Edge> measureEdges(const cv::Mat& grey, double noise, const BlurSettings& s)
{
    cv::Mat smooth;
    cv::GaussianBlur(grey, smooth, cv::Size(0, 0), 0.5);
    cv::Mat gx, gy, slope;
    cv::Sobel(smooth, gx, CV_32F, 1, 0, 3, 1.0 / 8);
    cv::Sobel(smooth, gy, CV_32F, 0, 1, 3, 1.0 / 8);
    cv::magnitude(gx, gy, slope);
    cv::Mat peak;
    cv::dilate(slope, peak, cv::Mat());
    const float least = float(std::max(s.edgeContrast, s.edgeNoise * noise));
    const float leastSlope = float(std::max(s.edgeSlope, 2 * noise));
    const int r = s.edgeRadius;
    std::vector<Edge> edges;
    for (int y = 1; y < grey.rows - 1; ++y) {
        for (int x = 1; x < grey.cols - 1; ++x) {
            const float g = slope.at<float>(y, x);
            if (!(g >= leastSlope) || g < peak.at<float>(y, x)) {
                continue;
            }
            const float nx = gx.at<float>(y, x) / g;
            const float ny = gy.at<float>(y, x) / g;
            const Rise rise = riseAcross(smooth, x, y, nx, ny, r);
            if (rise.contrast < least) {
                continue;
            }
            double angle = std::atan2(ny, nx);
            angle = angle < 0 ? angle + CV_PI : angle;
            const int o = int(std::lround(angle / (CV_PI / kOrientations))) % kOrientations;
            edges.push_back({x, y, rise.width, o});
        }
    }
    return edges;
}

/** The widths of the sharpest `share` of the edges of the widest and narrowest orientation. */
struct WidthSpread
{
    double widest = -1; ///< -1: no orientation had enough edges
    double narrowest = -1;
};

/**
 * Per orientation with at least `leastEdges` edges and `leastShare` of them all, the width of
 * its sharpest `share`. The widest orientation decides, so straight motion blur (wide across
 * its direction only) is seen as well as blur in every direction.
 */
WidthSpread widthSpread(std::array<std::vector<float>, kOrientations>& widths, double share,
                        int leastEdges, double leastShare)
{
    size_t total = 0;
    for (const auto& w : widths) {
        total += w.size();
    }
    WidthSpread spread;
    for (std::vector<float>& w : widths) {
        if (int(w.size()) < leastEdges || double(w.size()) < leastShare * double(total)) {
            continue;
        }
        const auto nth = w.begin() + std::ptrdiff_t(share * double(w.size() - 1));
        std::nth_element(w.begin(), nth, w.end());
        spread.narrowest = spread.widest < 0 ? *nth : std::min(spread.narrowest, double(*nth));
        spread.widest = std::max(spread.widest, double(*nth));
    }
    return spread;
}

double anisotropyOf(const WidthSpread& spread)
{
    return spread.widest > 0 ? (spread.widest - spread.narrowest) / spread.widest : 0.0;
}

double smoothstep(double value, double low, double high)
{
    const double t = std::clamp((value - low) / std::max(high - low, 1e-9), 0.0, 1.0);
    return t * t * (3 - 2 * t);
}

io::FloatImage planeImage(const cv::Mat& plane)
{
    io::FloatImage image;
    image.width = plane.cols;
    image.height = plane.rows;
    image.channels = 1;
    image.pixels.assign(plane.begin<float>(), plane.end<float>());
    return image;
}

} // namespace

const char* blurKindName(BlurKind kind)
{
    switch (kind) {
    case BlurKind::Shake:
        return "shake";
    case BlurKind::Defocus:
        return "defocus";
    case BlurKind::None:
        break;
    }
    return "none";
}

BlurAssessment BlurAnalyzer::assess(const io::FloatImage& photo) const
{
    const BlurSettings& s = m_settings;
    BlurAssessment result;
    if (photo.width < kLeastSide || photo.height < kLeastSide || photo.channels < 1 ||
        photo.pixels.size() < photo.sampleCount()) {
        result.measurable = false;
        result.note = "too small to measure (" + std::to_string(photo.width) + "x" +
                      std::to_string(photo.height) + ")";
        return result;
    }
    const cv::Mat grey = workingGrey(photo, s.workingSide);
    // A photo blurred too much for edges at the working size shows them on a smaller copy:
    // halved up to three times, its edges' positions and widths scaled back.
    std::vector<Edge> edges;
    std::array<std::vector<float>, kOrientations> all;
    WidthSpread photoSpread;
    cv::Mat level = grey;
    for (int halvings = 0; halvings <= 3 && std::min(level.cols, level.rows) >= kLeastSide;
         ++halvings) {
        edges = measureEdges(level, refine::noiseSigma(level), s);
        const int factor = 1 << halvings;
        for (auto& widths : all) {
            widths.clear();
        }
        for (Edge& e : edges) {
            e.x *= factor;
            e.y *= factor;
            e.width *= float(factor);
            all[size_t(e.orientation)].push_back(e.width);
        }
        photoSpread = widthSpread(all, s.sharpestShare, s.leastEdges, 0.0);
        if (photoSpread.widest >= 0) {
            break;
        }
        cv::Mat smaller;
        cv::resize(level, smaller, cv::Size(level.cols / 2, level.rows / 2), 0, 0, cv::INTER_AREA);
        level = smaller;
    }
    if (photoSpread.widest < 0) {
        result.measurable = false;
        result.note = "too few edges to measure";
        return result;
    }
    const auto toScore = [&](double width) {
        return std::clamp(std::log(std::max(width, 1e-3) / s.scoreLow) /
                              std::log(s.scoreHigh / s.scoreLow),
                          0.0, 1.0);
    };

    // The grid: mapCells along the long side; each cell measured as the photo is, on the
    // edges of it and its eight neighbours.
    const double cell = double(std::max(grey.cols, grey.rows)) / s.mapCells;
    const cv::Size grid(std::max(1, int(std::ceil(grey.cols / cell))),
                        std::max(1, int(std::ceil(grey.rows / cell))));
    std::vector<std::vector<const Edge*>> buckets(size_t(grid.area()));
    for (const Edge& e : edges) {
        const int cx = std::min(grid.width - 1, int(e.x / cell));
        const int cy = std::min(grid.height - 1, int(e.y / cell));
        buckets[size_t(cy * grid.width + cx)].push_back(&e);
    }
    std::vector<WidthSpread> cells(size_t(grid.area()));
    for (int cy = 0; cy < grid.height; ++cy) {
        for (int cx = 0; cx < grid.width; ++cx) {
            std::array<std::vector<float>, kOrientations> widths;
            for (int ny = std::max(0, cy - 1); ny <= std::min(grid.height - 1, cy + 1); ++ny) {
                for (int nx = std::max(0, cx - 1); nx <= std::min(grid.width - 1, cx + 1); ++nx) {
                    for (const Edge* e : buckets[size_t(ny * grid.width + nx)]) {
                        widths[size_t(e->orientation)].push_back(e->width);
                    }
                }
            }
            WidthSpread& local = cells[size_t(cy * grid.width + cx)];
            local = widthSpread(widths, s.cellShare, s.leastCellEdges, s.orientationShare);
        }
    }

    // The score: the width of the photo's sharpest edges.
    result.score = toScore(photoSpread.widest);
    result.blurry = result.score >= s.threshold;
    result.anisotropy = anisotropyOf(photoSpread);
    result.kind = !result.blurry                           ? BlurKind::None
                  : result.anisotropy >= s.shakeAnisotropy ? BlurKind::Shake
                                                           : BlurKind::Defocus;

    // Where the photo is sharp somewhere, a cell is blurred relative to the photo's own
    // sharpest parts (a soft lens or scan is not blur), and even blur is taken as
    // deliberate (depth of field); a blurry photo is restored wherever it is blurred.
    const double widest = 0.8 * 2 * s.edgeRadius; // rises are measured up to this width
    const double reference =
        std::max(1e-3, widthSpread(all, s.cellShare, s.leastEdges, 0.0).widest);
    cv::Mat map = cv::Mat::zeros(grid, CV_32F);
    cv::Mat weight = cv::Mat::zeros(grid, CV_32F);
    cv::Mat measured = cv::Mat::zeros(grid, CV_32F);
    for (int cy = 0; cy < grid.height; ++cy) {
        for (int cx = 0; cx < grid.width; ++cx) {
            const WidthSpread& local = cells[size_t(cy * grid.width + cx)];
            if (local.widest < 0) {
                continue;
            }
            const double blurred = toScore(local.widest);
            // The overlay of a photo sharp somewhere shows blur against its own sharpest
            // parts, so a soft lens or scan does not colour the whole photo.
            map.at<float>(cy, cx) = float(
                result.blurry
                    ? blurred
                    : toScore(local.widest * s.sharpWidth / std::max(reference, s.sharpWidth)));
            measured.at<float>(cy, cx) = 1;
            const double w =
                result.blurry
                    ? smoothstep(blurred, s.protectLow, s.protectHigh)
                    : smoothstep(local.widest / reference, s.relativeLow, s.relativeHigh) *
                          (local.narrowest >= 0.9 * widest
                               ? 1.0 // too wide every way to tell shake from defocus
                               : smoothstep(anisotropyOf(local), 0.5 * s.shakeAnisotropy,
                                            s.shakeAnisotropy));
            weight.at<float>(cy, cx) = float(w);
        }
    }
    // Cells without edges take the weight of the measured cells around them (the network
    // changes little there, but a blurred region's faint texture is still restored); with
    // none around, a blurry photo's are restored and a sharp photo's kept.
    cv::Mat spreadWeight, spreadMeasured;
    cv::GaussianBlur(weight, spreadWeight, cv::Size(0, 0), s.fillReach);
    cv::GaussianBlur(measured, spreadMeasured, cv::Size(0, 0), s.fillReach);
    for (int cy = 0; cy < grid.height; ++cy) {
        for (int cx = 0; cx < grid.width; ++cx) {
            const float around = spreadMeasured.at<float>(cy, cx);
            if (measured.at<float>(cy, cx) == 0) {
                weight.at<float>(cy, cx) = around > 0.05f  ? spreadWeight.at<float>(cy, cx) / around
                                           : result.blurry ? 1.0f
                                                           : 0.0f;
            }
        }
    }
    cv::GaussianBlur(weight, weight, cv::Size(0, 0), s.protectFeather);
    result.blurMap = planeImage(map);
    result.restoreWeight = planeImage(weight);
    return result;
}

void blendThroughWeight(const io::FloatImage& original, io::FloatImage& restored,
                        const io::FloatImage& weight)
{
    if (weight.pixels.empty() || original.sampleCount() != restored.sampleCount() ||
        original.channels != restored.channels) {
        return;
    }
    cv::Mat w(weight.height, weight.width, CV_32F, const_cast<float*>(weight.pixels.data()));
    cv::Mat full;
    cv::resize(w, full, cv::Size(original.width, original.height), 0, 0, cv::INTER_LINEAR);
    const int channels = original.channels;
    const int colour = original.hasAlpha() ? channels - 1 : channels;
    for (int y = 0; y < original.height; ++y) {
        const float* wr = full.ptr<float>(y);
        const size_t row = size_t(y) * size_t(original.width) * size_t(channels);
        for (int x = 0; x < original.width; ++x) {
            const float k = std::clamp(wr[x], 0.0f, 1.0f);
            const size_t i = row + size_t(x) * size_t(channels);
            for (int c = 0; c < colour; ++c) {
                const float o = original.pixels[i + size_t(c)];
                restored.pixels[i + size_t(c)] = o + k * (restored.pixels[i + size_t(c)] - o);
            }
            if (colour < channels) {
                restored.pixels[i + size_t(colour)] = original.pixels[i + size_t(colour)];
            }
        }
    }
}

} // namespace unblur::blur
