#include "train/data/PatchOps.h"

#include "text/AsciiLower.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <exception>
#include <mutex>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <thread>

namespace unblur::train {

bool hasPhotoExtension(const std::filesystem::path& path)
{
    const std::string ext = asciiLower(path.extension().string());
    return ext == ".jpg" || ext == ".jpeg" || ext == ".png" || ext == ".tif" || ext == ".tiff" ||
           ext == ".webp" || ext == ".bmp";
}

std::vector<std::filesystem::path> listPhotos(const std::filesystem::path& folder, bool recursive)
{
    namespace fs = std::filesystem;
    std::vector<fs::path> found;
    const auto consider = [&found](const fs::directory_entry& entry) {
        std::error_code ec;
        if (entry.is_regular_file(ec) && hasPhotoExtension(entry.path()))
            found.push_back(entry.path());
    };
    if (recursive) {
        for (const auto& entry : fs::recursive_directory_iterator(
                 folder, fs::directory_options::follow_directory_symlink))
            consider(entry);
    } else {
        for (const auto& entry : fs::directory_iterator(folder))
            consider(entry);
    }
    std::sort(found.begin(), found.end());
    return found;
}

cv::Mat loadPhoto(const std::filesystem::path& path, int maxLongSide, std::string& error)
{
    cv::Mat image;
    try {
        image = cv::imread(path.string(), cv::IMREAD_COLOR | cv::IMREAD_ANYDEPTH);
    } catch (const cv::Exception& e) {
        error = "cannot decode: " + e.msg;
        return {};
    }
    if (image.empty()) {
        error = "cannot decode (not an image, or an unsupported format)";
        return {};
    }
    if (image.depth() != CV_8U && image.depth() != CV_16U) {
        // Float (or other) data: assume [0,1] and keep 16 bits of it.
        cv::Mat scaled;
        image.convertTo(scaled, CV_32F);
        scaled.convertTo(image, CV_16U, 65535.0);
    }
    const int longSide = std::max(image.cols, image.rows);
    if (maxLongSide > 0 && longSide > maxLongSide) {
        const double f = static_cast<double>(maxLongSide) / longSide;
        cv::Mat small;
        cv::resize(image, small,
                   cv::Size(std::max(1, static_cast<int>(std::lround(image.cols * f))),
                            std::max(1, static_cast<int>(std::lround(image.rows * f)))),
                   0, 0, cv::INTER_AREA);
        image = small;
    }
    return image;
}

cv::Mat toUnitFloat(const cv::Mat& image)
{
    cv::Mat out;
    image.convertTo(out, CV_32FC3, image.depth() == CV_16U ? 1.0 / 65535.0 : 1.0 / 255.0);
    return out;
}

cv::Mat dihedral(const cv::Mat& image, int d)
{
    cv::Mat flipped;
    if (d & 4)
        cv::flip(image, flipped, 1);
    else
        flipped = image;
    cv::Mat out;
    switch (d & 3) {
    case 1:
        cv::rotate(flipped, out, cv::ROTATE_90_CLOCKWISE);
        break;
    case 2:
        cv::rotate(flipped, out, cv::ROTATE_180);
        break;
    case 3:
        cv::rotate(flipped, out, cv::ROTATE_90_COUNTERCLOCKWISE);
        break;
    default:
        out = (d & 4) ? flipped : image.clone();
        break;
    }
    return out;
}

cv::Mat toGrey3(const cv::Mat& bgrFloat)
{
    cv::Mat grey;
    cv::transform(bgrFloat, grey, cv::Matx13f(0.0722f, 0.7152f, 0.2126f));
    cv::Mat out;
    cv::merge(std::vector<cv::Mat>{grey, grey, grey}, out);
    return out;
}

std::vector<float> toPlanarRgb(const cv::Mat& bgrFloat)
{
    CV_Assert(bgrFloat.type() == CV_32FC3);
    const size_t plane = bgrFloat.total();
    std::vector<float> out(3 * plane);
    size_t i = 0;
    for (int y = 0; y < bgrFloat.rows; ++y) {
        const float* row = bgrFloat.ptr<float>(y);
        for (int x = 0; x < bgrFloat.cols; ++x, ++i) {
            out[i] = row[3 * x + 2];
            out[plane + i] = row[3 * x + 1];
            out[2 * plane + i] = row[3 * x];
        }
    }
    return out;
}

void parallelFor(size_t n, int threads, const std::function<void(size_t)>& work)
{
    size_t count = threads > 0 ? static_cast<size_t>(threads)
                               : std::max(1u, std::thread::hardware_concurrency());
    count = std::min(count, n);
    if (count <= 1) {
        for (size_t i = 0; i < n; ++i)
            work(i);
        return;
    }
    std::atomic<size_t> next{0};
    std::exception_ptr failure;
    std::mutex failureMutex;
    const auto run = [&] {
        for (size_t i; (i = next.fetch_add(1)) < n;) {
            try {
                work(i);
            } catch (...) {
                std::lock_guard<std::mutex> lock(failureMutex);
                if (!failure)
                    failure = std::current_exception();
                next = n;
            }
        }
    };
    std::vector<std::thread> pool;
    for (size_t t = 0; t < count; ++t)
        pool.emplace_back(run);
    for (auto& t : pool)
        t.join();
    if (failure)
        std::rethrow_exception(failure);
}

} // namespace unblur::train
