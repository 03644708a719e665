#include "train/data/PairFolderWriter.h"

#include "train/data/PatchOps.h"

#include <algorithm>
#include <filesystem>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <stdexcept>

namespace unblur::train {

namespace fs = std::filesystem;

namespace {

/** Planar RGB floats -> interleaved 8-bit BGR (rounded, clipped). */
cv::Mat toBgr8(const std::vector<float>& chw, int size)
{
    const size_t plane = static_cast<size_t>(size) * size;
    if (chw.size() != 3 * plane)
        throw std::runtime_error("pair folder: a pair has the wrong number of values");
    cv::Mat out(size, size, CV_8UC3);
    for (int y = 0; y < size; ++y) {
        auto* row = out.ptr<uchar>(y);
        for (int x = 0; x < size; ++x) {
            const size_t i = static_cast<size_t>(y) * size + x;
            for (int c = 0; c < 3; ++c)
                row[3 * x + c] = cv::saturate_cast<uchar>(chw[(2 - c) * plane + i] * 255.0f);
        }
    }
    return out;
}

void writePng(const fs::path& path, const cv::Mat& image)
{
    bool ok = false;
    try {
        ok = cv::imwrite(path.string(), image);
    } catch (const cv::Exception& e) {
        throw std::runtime_error("pair folder: cannot write " + path.string() + ": " + e.msg);
    }
    if (!ok)
        throw std::runtime_error("pair folder: cannot write " + path.string());
}

} // namespace

void writePairFolder(const std::string& outDir, const PairSource& source, int count, int size,
                     uint64_t firstIndex)
{
    if (count < 0 || size <= 0)
        throw std::invalid_argument("pair folder: count must be >= 0 and size > 0");
    const fs::path input = fs::path(outDir) / "input";
    const fs::path target = fs::path(outDir) / "target";
    for (const auto& dir : {input, target}) {
        std::error_code ec;
        fs::create_directories(dir, ec);
        if (ec)
            throw std::runtime_error("pair folder: cannot create " + dir.string() + ": " +
                                     ec.message());
    }
    const int digits =
        std::max<int>(4, static_cast<int>(std::to_string(std::max(count - 1, 0)).size()));
    parallelFor(static_cast<size_t>(count), 0, [&](size_t i) {
        const PatchPair pair = source.sample(firstIndex + i, size);
        std::string name = std::to_string(i);
        name = std::string(static_cast<size_t>(std::max(0, digits - static_cast<int>(name.size()))),
                           '0') +
               name + ".png";
        writePng(input / name, toBgr8(pair.blurry, size));
        writePng(target / name, toBgr8(pair.sharp, size));
    });
}

} // namespace unblur::train
