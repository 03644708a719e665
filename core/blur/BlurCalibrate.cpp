// unblur_blur_calibrate: the blur score over a sharp and a blurred set of photos, with the
// ROC AUC, the accuracy of the threshold and the best threshold; settings from the command line.
//   unblur_blur_calibrate --sharp FILE_OR_DIR... --blurred FILE_OR_DIR... [--set key=value]...
//       [--synthesise N [--linear-only]] [--seed S] [--maps DIR] [--quiet]
// --maps DIR writes each photo's blur map and protect-sharp weight beside it as PNGs.
// --synthesise N also scores N copies of each sharp photo blurred by the trainer's synthetic
// degradation (shake, linear motion, defocus, Gaussian; noise; JPEG) as blurred, and one
// copy with noise only as sharp.
#include "blur/BlurAnalyzer.h"
#include "train/data/Degradation.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <random>
#include <string>
#include <tuple>
#include <vector>

namespace fs = std::filesystem;
using unblur::blur::BlurAnalyzer;
using unblur::blur::BlurSettings;

namespace {

struct Scored
{
    std::string path;
    bool blurred = false;
    double score = 0;
    std::string kind;
};

std::vector<std::string> photosIn(const std::string& path)
{
    std::vector<std::string> out;
    if (!fs::is_directory(path)) {
        out.push_back(path);
        return out;
    }
    for (const auto& entry : fs::recursive_directory_iterator(path)) {
        const std::string ext = entry.path().extension().string();
        if (entry.is_regular_file() &&
            (ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".tif" || ext == ".tiff")) {
            out.push_back(entry.path().string());
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

/** A photo as BGR CV_32FC3 in [0, 1]; empty when it cannot be read. */
cv::Mat readBgr(const std::string& path)
{
    cv::Mat mat = cv::imread(path, cv::IMREAD_COLOR | cv::IMREAD_ANYDEPTH);
    if (!mat.empty()) {
        mat.convertTo(mat, CV_32FC3, mat.depth() == CV_16U ? 1.0 / 65535 : 1.0 / 255);
    }
    return mat;
}

unblur::io::FloatImage toPhoto(const cv::Mat& bgr)
{
    unblur::io::FloatImage photo;
    cv::Mat mat;
    cv::cvtColor(bgr, mat, cv::COLOR_BGR2RGB);
    photo.width = mat.cols;
    photo.height = mat.rows;
    photo.channels = 3;
    photo.pixels.assign(reinterpret_cast<float*>(mat.data),
                        reinterpret_cast<float*>(mat.data) + mat.total() * 3);
    return photo;
}

/**
 * `count` degraded copies of `sharp` (blurred; named by their kernel's kind) and one with
 * noise only (sharp).
 */
std::vector<std::tuple<cv::Mat, bool, std::string>>
synthesised(const cv::Mat& sharp, int count, unblur::train::Engine& rng,
            const unblur::train::DegradationOptions& options)
{
    std::vector<std::tuple<cv::Mat, bool, std::string>> out;
    constexpr int margin = unblur::train::kMaxKernelSize / 2;
    cv::Mat padded;
    cv::copyMakeBorder(sharp, padded, margin, margin, margin, margin, cv::BORDER_REFLECT);
    for (int i = 0; i < count; ++i) {
        const unblur::train::DegradedPair pair =
            unblur::train::degrade(padded, margin, rng, options);
        out.emplace_back(pair.blurry, true, kernelKindName(pair.record.kernelKind));
    }
    cv::Mat noise(sharp.size(), CV_32FC3);
    const double sigma = std::uniform_real_distribution<double>(0.0, 0.02)(rng);
    cv::randn(noise, 0.0, sigma);
    out.emplace_back(cv::min(cv::max(sharp + noise, 0.0f), 1.0f), false, "noise");
    return out;
}

/** The photo (at most 768 px wide) over its blur map and its weight, nearest-neighbour. */
void writeMaps(const std::string& folder, const std::string& path, const cv::Mat& bgr,
               const unblur::blur::BlurAssessment& a)
{
    const double scale = std::min(1.0, 768.0 / bgr.cols);
    const cv::Size size(int(bgr.cols * scale), int(bgr.rows * scale));
    cv::Mat photo;
    cv::resize(bgr, photo, size, 0, 0, cv::INTER_AREA);
    std::vector<cv::Mat> rows = {photo};
    for (const unblur::io::FloatImage* map : {&a.blurMap, &a.restoreWeight}) {
        cv::Mat plane(map->height, map->width, CV_32F, const_cast<float*>(map->pixels.data()));
        cv::Mat big, colour;
        cv::resize(plane, big, size, 0, 0, cv::INTER_NEAREST);
        cv::cvtColor(big, colour, cv::COLOR_GRAY2BGR);
        rows.push_back(colour);
    }
    cv::Mat stacked;
    cv::vconcat(rows, stacked);
    stacked.convertTo(stacked, CV_8UC3, 255);
    std::string name = fs::path(path).filename().string();
    std::replace(name.begin(), name.end(), '#', '_');
    std::replace(name.begin(), name.end(), ':', '_');
    cv::imwrite((fs::path(folder) / (name + ".maps.png")).string(), stacked);
}

/** The probability that a blurred photo scores above a sharp one (ties count half). */
double areaUnderCurve(const std::vector<Scored>& all)
{
    double wins = 0, pairs = 0;
    for (const Scored& b : all) {
        for (const Scored& s : all) {
            if (b.blurred && !s.blurred) {
                wins += b.score > s.score ? 1 : b.score == s.score ? 0.5 : 0;
                pairs += 1;
            }
        }
    }
    return pairs > 0 ? wins / pairs : 0;
}

double accuracyAt(const std::vector<Scored>& all, double threshold)
{
    int right = 0;
    for (const Scored& s : all) {
        right += (s.score >= threshold) == s.blurred;
    }
    return all.empty() ? 0 : double(right) / double(all.size());
}

bool setSetting(BlurSettings& s, const std::string& key, double value)
{
    const std::map<std::string, std::function<void()>> setters = {
        {"workingSide", [&] { s.workingSide = int(value); }},
        {"edgeRadius", [&] { s.edgeRadius = int(value); }},
        {"edgeContrast", [&] { s.edgeContrast = value; }},
        {"edgeNoise", [&] { s.edgeNoise = value; }},
        {"edgeSlope", [&] { s.edgeSlope = value; }},
        {"leastEdges", [&] { s.leastEdges = int(value); }},
        {"sharpestShare", [&] { s.sharpestShare = value; }},
        {"scoreLow", [&] { s.scoreLow = value; }},
        {"scoreHigh", [&] { s.scoreHigh = value; }},
        {"threshold", [&] { s.threshold = value; }},
        {"shakeAnisotropy", [&] { s.shakeAnisotropy = value; }},
        {"cellShare", [&] { s.cellShare = value; }},
        {"mapCells", [&] { s.mapCells = int(value); }},
    };
    const auto it = setters.find(key);
    if (it == setters.end()) {
        return false;
    }
    it->second();
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    BlurSettings settings;
    std::vector<std::pair<std::string, bool>> inputs;
    bool blurred = false;
    bool quiet = false;
    std::string mapsFolder;
    int synthesise = 0;
    unsigned long seed = 1;
    unblur::train::DegradationOptions degradation;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--sharp" || arg == "--blurred") {
            blurred = arg == "--blurred";
        } else if (arg == "--synthesise" && i + 1 < argc) {
            synthesise = std::stoi(argv[++i]);
        } else if (arg == "--linear-only") {
            degradation.kernels = {0, 1, 0, 0, 0, 4, 30};
        } else if (arg == "--seed" && i + 1 < argc) {
            seed = std::stoul(argv[++i]);
        } else if (arg == "--maps" && i + 1 < argc) {
            mapsFolder = argv[++i];
        } else if (arg == "--quiet") {
            quiet = true;
        } else if (arg == "--set" && i + 1 < argc) {
            const std::string kv = argv[++i];
            const size_t eq = kv.find('=');
            if (eq == std::string::npos ||
                !setSetting(settings, kv.substr(0, eq), std::stod(kv.substr(eq + 1)))) {
                std::fprintf(stderr, "unknown setting: %s\n", kv.c_str());
                return 2;
            }
        } else {
            for (const std::string& p : photosIn(arg)) {
                inputs.emplace_back(p, blurred);
            }
        }
    }
    const BlurAnalyzer analyzer(settings);
    std::vector<Scored> all;
    std::vector<double> seconds;
    unblur::train::Engine rng(seed);
    std::vector<std::tuple<std::string, bool, cv::Mat>> photos;
    for (const auto& [path, isBlurred] : inputs) {
        const cv::Mat bgr = readBgr(path);
        if (bgr.empty()) {
            std::fprintf(stderr, "%s: cannot read\n", path.c_str());
            continue;
        }
        photos.emplace_back(path, isBlurred, bgr);
        if (!isBlurred && synthesise > 0) {
            int copy = 0;
            for (auto& [mat, blurredCopy, kind] : synthesised(bgr, synthesise, rng, degradation)) {
                photos.emplace_back(path + "#" + std::to_string(copy++) + ":" + kind, blurredCopy,
                                    mat);
            }
        }
    }
    for (const auto& [path, isBlurred, bgr] : photos) {
        const unblur::io::FloatImage photo = toPhoto(bgr);
        const auto start = std::chrono::steady_clock::now();
        const auto a = analyzer.assess(photo);
        seconds.push_back(
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        all.push_back({path, isBlurred, a.score, unblur::blur::blurKindName(a.kind)});
        if (!mapsFolder.empty() && !a.blurMap.pixels.empty()) {
            writeMaps(mapsFolder, path, bgr, a);
        }
        if (!quiet) {
            std::printf("%-8s %.3f %-8s aniso %.2f %s%s\n", isBlurred ? "blurred" : "sharp",
                        a.score, all.back().kind.c_str(), a.anisotropy, path.c_str(),
                        a.measurable ? "" : (" (" + a.note + ")").c_str());
        }
    }
    // The kind, on synthetic blur flagged blurry: shake, linear and sway are shake.
    int kindRight = 0, kindCounted = 0;
    for (const Scored& s : all) {
        const size_t colon = s.path.rfind(':');
        if (!s.blurred || colon == std::string::npos || s.kind == "none") {
            continue;
        }
        const std::string truth = s.path.substr(colon + 1);
        const bool shake = truth == "shake" || truth == "linear" || truth == "sway";
        kindRight += (s.kind == "shake") == shake;
        ++kindCounted;
    }
    std::printf("kind right on %d of %d flagged synthetic\n", kindRight, kindCounted);
    double bestAccuracy = 0, bestThreshold = 0;
    for (int t = 0; t <= 100; ++t) {
        const double accuracy = accuracyAt(all, t / 100.0);
        if (accuracy > bestAccuracy) {
            bestAccuracy = accuracy;
            bestThreshold = t / 100.0;
        }
    }
    std::sort(seconds.begin(), seconds.end());
    std::printf("photos %zu  AUC %.3f  accuracy at %.2f: %.3f  best %.3f at %.2f  median %.3f s\n",
                all.size(), areaUnderCurve(all), settings.threshold,
                accuracyAt(all, settings.threshold), bestAccuracy, bestThreshold,
                seconds.empty() ? 0.0 : seconds[seconds.size() / 2]);
    return 0;
}
