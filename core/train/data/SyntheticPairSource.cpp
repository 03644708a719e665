#include "train/data/SyntheticPairSource.h"

#include "train/Random.h"
#include "train/data/Degradation.h"
#include "train/data/PatchOps.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <opencv2/imgproc.hpp>
#include <set>
#include <sstream>
#include <stdexcept>

namespace unblur::train {

namespace fs = std::filesystem;

struct SyntheticPairSource::Impl
{
    uint64_t seed = 0;
    bool validation = false;
    SyntheticPairOptions options;
    std::vector<std::string> folders;
    std::vector<std::string> trainFiles;
    std::vector<std::string> validationFiles;
    std::vector<std::string> photos;
    std::vector<SkippedFile> skipped;
    std::vector<cv::Mat> pixels;    ///< 8- or 16-bit BGR, one per photo
    std::vector<double> cumulative; ///< running sum of the (capped) draw weights
};

namespace {

struct Candidate
{
    std::string path;
    double score = 0;
};

std::string joinFolders(const std::vector<std::string>& folders)
{
    std::string out;
    for (const auto& f : folders)
        out += (out.empty() ? "" : ", ") + f;
    return out;
}

/** Finds the photos under every folder, each once, with its split score. */
std::vector<Candidate> scanFolders(const std::vector<std::string>& folders)
{
    std::vector<Candidate> found;
    std::set<std::string> seen;
    for (const auto& folder : folders) {
        std::error_code ec;
        if (!fs::is_directory(folder, ec))
            throw std::runtime_error("synthetic pairs: not a folder: " + folder);
        std::vector<fs::path> files;
        try {
            files = listPhotos(folder, true);
        } catch (const fs::filesystem_error& e) {
            throw std::runtime_error("synthetic pairs: cannot scan " + folder + ": " + e.what());
        }
        for (const auto& file : files) {
            const std::string canonical = fs::weakly_canonical(file, ec).string();
            if (!seen.insert(ec ? file.string() : canonical).second)
                continue;
            const std::string relative = file.lexically_relative(folder).generic_string();
            found.push_back({file.string(), SyntheticPairSource::splitScore(relative)});
        }
    }
    return found;
}

} // namespace

double SyntheticPairSource::splitScore(const std::string& relativePath)
{
    uint64_t h = 0xCBF29CE484222325ull; // FNV-1a, then a final mix
    for (unsigned char c : relativePath) {
        h ^= c;
        h *= 0x100000001B3ull;
    }
    return static_cast<double>(splitmix64(h) >> 11) * 0x1.0p-53;
}

SyntheticPairSource::SyntheticPairSource(const std::vector<std::string>& folders, uint64_t seed,
                                         bool validation, const SyntheticPairOptions& options)
{
    auto impl = std::make_unique<Impl>();
    impl->seed = seed;
    impl->validation = validation;
    impl->options = options;
    impl->folders = folders;
    if (folders.empty())
        throw std::runtime_error("synthetic pairs: no photo folder given");
    if (options.margin < kMaxKernelSize / 2)
        throw std::invalid_argument("synthetic pairs: the margin must be at least 16");

    // The split: a hash below the fraction holds a photo out; with two or more photos, each
    // side gets at least one (the lowest, or highest, score moves over).
    const std::vector<Candidate> all = scanFolders(folders);
    std::vector<bool> held(all.size());
    for (size_t i = 0; i < all.size(); ++i)
        held[i] = all[i].score < options.validationFraction;
    const auto byScore = [&all](size_t a, size_t b) { return all[a].score < all[b].score; };
    if (all.size() >= 2) {
        std::vector<size_t> order(all.size());
        for (size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        if (std::none_of(held.begin(), held.end(), [](bool h) { return h; }))
            held[*std::min_element(order.begin(), order.end(), byScore)] = true;
        if (std::all_of(held.begin(), held.end(), [](bool h) { return h; }))
            held[*std::max_element(order.begin(), order.end(), byScore)] = false;
    }
    for (size_t i = 0; i < all.size(); ++i)
        (held[i] ? impl->validationFiles : impl->trainFiles).push_back(all[i].path);
    if (all.size() == 1)
        impl->validationFiles = impl->trainFiles;
    std::sort(impl->trainFiles.begin(), impl->trainFiles.end());
    std::sort(impl->validationFiles.begin(), impl->validationFiles.end());

    // Decode this split's photos in parallel; keep the order of the sorted list.
    const std::vector<std::string>& mine = validation ? impl->validationFiles : impl->trainFiles;
    std::vector<cv::Mat> decoded(mine.size());
    std::vector<std::string> errors(mine.size());
    parallelFor(mine.size(), options.loadThreads,
                [&](size_t i) { decoded[i] = loadPhoto(mine[i], options.maxLongSide, errors[i]); });
    for (size_t i = 0; i < mine.size(); ++i) {
        if (decoded[i].empty()) {
            impl->skipped.push_back({mine[i], errors[i]});
            continue;
        }
        impl->photos.push_back(mine[i]);
        impl->pixels.push_back(decoded[i]);
    }
    if (impl->photos.empty()) {
        std::string message = "synthetic pairs: no usable photos for the ";
        message += validation ? "validation" : "training";
        message += " split in " + joinFolders(folders);
        if (!impl->skipped.empty())
            message += " (" + std::to_string(impl->skipped.size()) + " unreadable, e.g. " +
                       impl->skipped.front().path + ": " + impl->skipped.front().reason + ")";
        throw std::runtime_error(message);
    }

    // Draw weights: area, capped so a few huge photos do not dominate.
    std::vector<double> areas;
    for (const auto& p : impl->pixels)
        areas.push_back(static_cast<double>(p.total()));
    std::vector<double> sorted = areas;
    std::nth_element(sorted.begin(), sorted.begin() + sorted.size() / 2, sorted.end());
    const double cap = std::max(1.0, options.weightCap) * sorted[sorted.size() / 2];
    double total = 0;
    for (double a : areas) {
        total += std::min(a, cap);
        impl->cumulative.push_back(total);
    }
    m = std::move(impl);
}

SyntheticPairSource::~SyntheticPairSource() = default;
SyntheticPairSource::SyntheticPairSource(SyntheticPairSource&&) noexcept = default;
SyntheticPairSource& SyntheticPairSource::operator=(SyntheticPairSource&&) noexcept = default;

PatchPair SyntheticPairSource::sample(uint64_t index, int size) const
{
    if (size <= 0)
        throw std::invalid_argument("synthetic pairs: patch size must be positive");
    const SyntheticPairOptions& o = m->options;
    Engine rng(mixSeed(m->seed, index));

    const double pick = uniform01(rng) * m->cumulative.back();
    const size_t which = std::min<size_t>(
        m->cumulative.size() - 1,
        std::upper_bound(m->cumulative.begin(), m->cumulative.end(), pick) - m->cumulative.begin());
    const cv::Mat& photo = m->pixels[which];

    // A square of the photo that scales to the crop with its margin; photos smaller than
    // the crop are upscaled.
    const int need = size + 2 * o.margin;
    const double scale = uniform(rng, o.scaleMin, o.scaleMax);
    const int side = std::clamp(static_cast<int>(std::lround(need / scale)), 1,
                                std::min(photo.cols, photo.rows));
    const int x = uniformInt(rng, 0, photo.cols - side);
    const int y = uniformInt(rng, 0, photo.rows - side);
    cv::Mat crop = toUnitFloat(photo(cv::Rect(x, y, side, side)));
    if (side != need) {
        cv::Mat resized;
        cv::resize(crop, resized, cv::Size(need, need), 0, 0,
                   side > need ? cv::INTER_AREA : cv::INTER_CUBIC);
        if (side < need) {
            cv::min(resized, 1.0, resized);
            cv::max(resized, 0.0, resized);
        }
        crop = resized;
    }
    crop = dihedral(crop, uniformInt(rng, 0, 7));
    const bool grey = chance(rng, o.greyProbability);
    if (grey)
        crop = toGrey3(crop);

    DegradedPair degraded = degrade(crop, o.margin, rng, o.degradation);
    if (grey)
        degraded.blurry = toGrey3(degraded.blurry);

    PatchPair pair;
    pair.size = size;
    pair.blurry = toPlanarRgb(degraded.blurry);
    pair.sharp = toPlanarRgb(degraded.sharp);
    return pair;
}

std::string SyntheticPairSource::describe() const
{
    const KernelMix& k = m->options.degradation.kernels;
    std::ostringstream s;
    s << "synthetic blur on " << m->photos.size() << " photos ("
      << (m->validation ? "validation" : "training") << " split) from " << joinFolders(m->folders)
      << ", seed " << m->seed << ", kernels shake " << k.shake << " / linear " << k.linear
      << " / defocus " << k.defocus << " / gaussian " << k.gaussian << " / sway " << k.sway
      << ", shake extent " << k.shakeExtentMin << ".." << k.shakeExtentMax << " px, grey "
      << m->options.greyProbability << ", noise-free "
      << m->options.degradation.noiseFreeProbability << ", noise max "
      << m->options.degradation.shotNoiseMax << "," << m->options.degradation.readNoiseMax
      << ", JPEG " << m->options.degradation.jpegProbability << ", linear light "
      << m->options.degradation.linearLightProbability << ", scale " << m->options.scaleMin << ".."
      << m->options.scaleMax;
    return s.str();
}

bool SyntheticPairSource::isValidation() const
{
    return m->validation;
}

const std::vector<std::string>& SyntheticPairSource::photos() const
{
    return m->photos;
}

const std::vector<std::string>& SyntheticPairSource::trainFiles() const
{
    return m->trainFiles;
}

const std::vector<std::string>& SyntheticPairSource::validationFiles() const
{
    return m->validationFiles;
}

const std::vector<SkippedFile>& SyntheticPairSource::skipped() const
{
    return m->skipped;
}

} // namespace unblur::train
