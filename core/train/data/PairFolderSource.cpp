#include "train/data/PairFolderSource.h"

#include "train/Random.h"
#include "train/data/PatchOps.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <opencv2/imgproc.hpp>
#include <stdexcept>

namespace unblur::train {

namespace fs = std::filesystem;

struct PairFolderSource::Impl
{
    std::string folder;
    uint64_t seed = 0;
    std::vector<std::string> blurry;
    std::vector<std::string> sharp;
    std::vector<cv::Mat> blurryPixels; ///< empty where the pair is not cached
    std::vector<cv::Mat> sharpPixels;
    std::vector<SkippedFile> skipped;
};

namespace {

/** The folder holding the sharp counterparts of a blurry-side folder, or empty. */
fs::path counterpart(const fs::path& dir)
{
    const std::string name = dir.filename().string();
    if (name == "blur")
        return dir.parent_path() / "sharp";
    if (name == "input")
        return dir.parent_path() / "target";
    return {};
}

cv::Mat decodeOrThrow(const std::string& path)
{
    std::string error;
    cv::Mat image = loadPhoto(path, 0, error);
    if (image.empty())
        throw std::runtime_error("paired folder: " + path + ": " + error);
    return image;
}

/** `image` padded by reflection to at least `size` x `size`. */
cv::Mat padTo(const cv::Mat& image, int size)
{
    const int dx = std::max(0, size - image.cols);
    const int dy = std::max(0, size - image.rows);
    if (dx == 0 && dy == 0)
        return image;
    cv::Mat out;
    cv::copyMakeBorder(image, out, dy / 2, dy - dy / 2, dx / 2, dx - dx / 2,
                       image.rows > 1 && image.cols > 1 ? cv::BORDER_REFLECT_101
                                                        : cv::BORDER_REPLICATE);
    return out;
}

} // namespace

PairFolderSource::PairFolderSource(const std::string& folder, uint64_t seed,
                                   const PairFolderOptions& options)
{
    auto impl = std::make_unique<Impl>();
    impl->folder = folder;
    impl->seed = seed;
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throw std::runtime_error("paired folder: not a folder: " + folder);

    // Candidate pairs: each blurry-side folder with its counterpart beside it.
    std::vector<std::pair<std::string, std::string>> found;
    try {
        std::vector<fs::path> sides;
        for (const auto& entry : fs::recursive_directory_iterator(
                 folder, fs::directory_options::follow_directory_symlink)) {
            if (entry.is_directory(ec) && !counterpart(entry.path()).empty() &&
                fs::is_directory(counterpart(entry.path()), ec))
                sides.push_back(entry.path());
        }
        std::sort(sides.begin(), sides.end());
        for (const auto& side : sides) {
            for (const auto& file : listPhotos(side, false)) {
                const fs::path other = counterpart(side) / file.filename();
                if (fs::is_regular_file(other, ec))
                    found.emplace_back(file.string(), other.string());
                else
                    impl->skipped.push_back({file.string(), "no counterpart " + other.string()});
            }
        }
    } catch (const fs::filesystem_error& e) {
        throw std::runtime_error("paired folder: cannot scan " + folder + ": " + e.what());
    }

    // Decode every pair to check it; keep as many as the cache allows (which ones does not
    // change any sample, only how fast it comes).
    std::vector<cv::Mat> blurry(found.size()), sharp(found.size());
    std::vector<std::string> errors(found.size());
    std::atomic<uint64_t> cached{0};
    parallelFor(found.size(), options.loadThreads, [&](size_t i) {
        std::string error;
        blurry[i] = loadPhoto(found[i].first, 0, error);
        if (blurry[i].empty()) {
            errors[i] = error;
            return;
        }
        sharp[i] = loadPhoto(found[i].second, 0, error);
        if (sharp[i].empty())
            errors[i] = found[i].second + ": " + error;
        else if (sharp[i].size() != blurry[i].size())
            errors[i] = "size differs from " + found[i].second;
        const uint64_t bytes =
            blurry[i].total() * blurry[i].elemSize() + sharp[i].total() * sharp[i].elemSize();
        bool keep = false;
        uint64_t used = cached.load();
        while (errors[i].empty() && !keep && used + bytes <= options.cacheBytes)
            keep = cached.compare_exchange_weak(used, used + bytes);
        if (!keep) {
            blurry[i].release();
            sharp[i].release();
        }
    });
    for (size_t i = 0; i < found.size(); ++i) {
        if (!errors[i].empty()) {
            impl->skipped.push_back({found[i].first, errors[i]});
            continue;
        }
        impl->blurry.push_back(found[i].first);
        impl->sharp.push_back(found[i].second);
        impl->blurryPixels.push_back(blurry[i]);
        impl->sharpPixels.push_back(sharp[i]);
    }
    if (impl->blurry.empty())
        throw std::runtime_error("paired folder: no blur/sharp or input/target pairs in " + folder +
                                 (impl->skipped.empty()
                                      ? std::string()
                                      : " (" + std::to_string(impl->skipped.size()) +
                                            " files skipped, e.g. " + impl->skipped.front().path +
                                            ": " + impl->skipped.front().reason + ")"));
    m = std::move(impl);
}

PairFolderSource::~PairFolderSource() = default;
PairFolderSource::PairFolderSource(PairFolderSource&&) noexcept = default;
PairFolderSource& PairFolderSource::operator=(PairFolderSource&&) noexcept = default;

PatchPair PairFolderSource::sample(uint64_t index, int size) const
{
    if (size <= 0)
        throw std::invalid_argument("paired folder: patch size must be positive");
    Engine rng(mixSeed(m->seed, index));
    const size_t which = uniformIndex(rng, m->blurry.size());
    cv::Mat blurry = m->blurryPixels[which];
    cv::Mat sharp = m->sharpPixels[which];
    if (blurry.empty()) {
        blurry = decodeOrThrow(m->blurry[which]);
        sharp = decodeOrThrow(m->sharp[which]);
        if (blurry.size() != sharp.size())
            throw std::runtime_error("paired folder: " + m->blurry[which] + ": size differs from " +
                                     m->sharp[which]);
    }
    blurry = padTo(blurry, size);
    sharp = padTo(sharp, size);
    const int x = uniformInt(rng, 0, blurry.cols - size);
    const int y = uniformInt(rng, 0, blurry.rows - size);
    const int turn = uniformInt(rng, 0, 7);
    const cv::Rect roi(x, y, size, size);

    PatchPair pair;
    pair.size = size;
    pair.blurry = toPlanarRgb(dihedral(toUnitFloat(blurry(roi)), turn));
    pair.sharp = toPlanarRgb(dihedral(toUnitFloat(sharp(roi)), turn));
    return pair;
}

std::string PairFolderSource::describe() const
{
    return "paired photos: " + std::to_string(m->blurry.size()) + " blurry/sharp pairs from " +
           m->folder + ", seed " + std::to_string(m->seed);
}

size_t PairFolderSource::pairCount() const
{
    return m->blurry.size();
}

const std::vector<std::string>& PairFolderSource::blurryFiles() const
{
    return m->blurry;
}

const std::vector<std::string>& PairFolderSource::sharpFiles() const
{
    return m->sharp;
}

const std::vector<SkippedFile>& PairFolderSource::skipped() const
{
    return m->skipped;
}

} // namespace unblur::train
