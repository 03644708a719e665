// unblur_shake_pairs: photo-sized camera-shake pairs for measuring shake refinement
// (issue 28): each photo of at least --min-megapixels, cut to --crop, blurred by a shake or
// sway path of --extent px (the trainer's kernels drawn at half size and doubled, since
// they stop at 33 px), with Poisson-Gaussian noise and sometimes JPEG. Writes input/ and
// target/ PNGs as `unblur-train make-pairs` does, and each blur's kernel as kernels/NNNN.png
// (scaled to a peak of 255, odd and square, oriented as Levin's kernel files, which is what
// `unblur_refine_bench --kernels` reads).
// Not installed.
#include "refine/LinearLight.h"
#include "train/Random.h"
#include "train/data/BlurKernels.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace unblur;

namespace {

struct Options
{
    fs::path photos;
    fs::path out;
    int perPhoto = 2;
    double extentMin = 15, extentMax = 45;
    double minMegapixels = 6;
    cv::Size crop{3000, 2000};
    uint64_t seed = 28;
    double shotMax = 0.004, readMax = 0.02; ///< as unblur-train's defaults
    double jpeg = 0.3;                      ///< share re-compressed as JPEG
    double linearLight = 0.7;               ///< share blurred in linear light
};

/** A shake or sway kernel of longer side `extent` px: drawn at half size, then doubled. */
cv::Mat largeShakeKernel(train::Engine& rng, double extent)
{
    const cv::Mat half = train::uniform01(rng) < 0.5
                             ? train::shakeKernel(rng, extent / 2, extent / 2)
                             : train::swayKernel(rng, extent / 2, extent / 2);
    cv::Mat k;
    cv::resize(half, k, cv::Size(2 * half.cols + 1, 2 * half.rows + 1), 0, 0, cv::INTER_LINEAR);
    k = cv::max(k, 0.0f);
    return k / cv::sum(k)[0];
}

float decode(float v, bool linear)
{
    return linear ? refine::srgbToLinear(std::clamp(v, 0.0f, 1.0f)) : v;
}

float encode(float v, bool linear)
{
    return linear ? refine::linearToSrgb(v) : std::clamp(v, 0.0f, 1.0f);
}

/** The blurry, noisy 8-bit version of `sharp` (CV_32FC3 in [0,1], margin included). */
cv::Mat degrade(const cv::Mat& sharp, const cv::Mat& kernel, bool linear, double shot, double read,
                train::Engine& rng)
{
    cv::Mat work = sharp.clone();
    work.forEach<cv::Vec3f>([&](cv::Vec3f& p, const int*) {
        for (int c = 0; c < 3; ++c) {
            p[c] = decode(p[c], linear);
        }
    });
    cv::Mat flipped, blurred;
    cv::flip(kernel, flipped, -1);
    cv::filter2D(work, blurred, CV_32F, flipped, cv::Point(-1, -1), 0, cv::BORDER_REFLECT);
    std::normal_distribution<double> gauss(0.0, 1.0);
    cv::Mat out(blurred.size(), CV_8UC3);
    for (int y = 0; y < blurred.rows; ++y) {
        const cv::Vec3f* in = blurred.ptr<cv::Vec3f>(y);
        cv::Vec3b* o = out.ptr<cv::Vec3b>(y);
        for (int x = 0; x < blurred.cols; ++x) {
            for (int c = 0; c < 3; ++c) {
                const double v = encode(in[x][c], linear);
                const double noisy = v + std::sqrt(shot * v + read * read) * gauss(rng);
                o[x][c] = cv::saturate_cast<uchar>(std::lround(255.0 * noisy));
            }
        }
    }
    return out;
}

/** The kernel rotated by 180°, centred on an odd square, scaled to a peak of 255, 8-bit. */
cv::Mat kernelPicture(const cv::Mat& convolutionKernel)
{
    cv::Mat kernel;
    cv::flip(convolutionKernel, kernel, -1);
    const int side = (std::max(kernel.rows, kernel.cols) / 2) * 2 + 1;
    cv::Mat square = cv::Mat::zeros(side, side, CV_32F);
    kernel.copyTo(square(
        cv::Rect((side - kernel.cols) / 2, (side - kernel.rows) / 2, kernel.cols, kernel.rows)));
    double peak = 0;
    cv::minMaxLoc(square, nullptr, &peak);
    cv::Mat out;
    square.convertTo(out, CV_8U, peak > 0 ? 255.0 / peak : 0.0);
    return out;
}

double logUniform(train::Engine& rng, double lo, double hi)
{
    return std::exp(train::uniform(rng, std::log(lo), std::log(hi)));
}

bool parse(int argc, char** argv, Options& o)
{
    if (argc < 3) {
        return false;
    }
    o.photos = argv[1];
    o.out = argv[2];
    for (int i = 3; i + 1 < argc; i += 2) {
        const std::string key = argv[i];
        const char* value = argv[i + 1];
        if (key == "--per-photo") {
            o.perPhoto = std::atoi(value);
        } else if (key == "--extent") {
            std::sscanf(value, "%lf,%lf", &o.extentMin, &o.extentMax);
        } else if (key == "--min-megapixels") {
            o.minMegapixels = std::atof(value);
        } else if (key == "--crop") {
            std::sscanf(value, "%dx%d", &o.crop.width, &o.crop.height);
        } else if (key == "--seed") {
            o.seed = std::strtoull(value, nullptr, 10);
        } else {
            return false;
        }
    }
    return (argc - 3) % 2 == 0 && o.perPhoto > 0 && o.extentMin >= 3 &&
           o.extentMin <= o.extentMax && o.extentMax <= 61;
}

} // namespace

int main(int argc, char** argv)
{
    Options o;
    if (!parse(argc, argv, o)) {
        std::cerr << "Usage: unblur_shake_pairs SHARP_DIR OUT [--per-photo N] [--extent MIN,MAX]\n"
                     "         [--min-megapixels MP] [--crop WxH] [--seed N]\n"
                     "  photo-sized shake pairs (defaults: 2 per photo, 15..45 px, >= 6 MP,\n"
                     "  cut to 3000x2000, seed 28) as OUT/input and OUT/target PNGs\n";
        return 2;
    }
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(o.photos)) {
        const std::string ext = entry.path().extension().string();
        if (ext == ".jpg" || ext == ".png" || ext == ".JPG" || ext == ".jpeg") {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    fs::create_directories(o.out / "input");
    fs::create_directories(o.out / "target");
    fs::create_directories(o.out / "kernels");
    train::Engine rng(o.seed);
    int written = 0;
    for (const fs::path& file : files) {
        cv::Mat photo = cv::imread(file.string(), cv::IMREAD_COLOR);
        if (photo.empty() || photo.total() < o.minMegapixels * 1e6 ||
            photo.cols < o.crop.width + 48 || photo.rows < o.crop.height + 48) {
            continue;
        }
        photo.convertTo(photo, CV_32FC3, 1.0 / 255);
        for (int n = 0; n < o.perPhoto; ++n) {
            const double extent = train::uniform(rng, o.extentMin, o.extentMax);
            const cv::Mat kernel = largeShakeKernel(rng, extent);
            const int margin = kernel.rows / 2 + 1;
            const int x =
                static_cast<int>(train::uniform(rng, margin, photo.cols - o.crop.width - margin));
            const int y =
                static_cast<int>(train::uniform(rng, margin, photo.rows - o.crop.height - margin));
            const cv::Rect inner(x, y, o.crop.width, o.crop.height);
            const cv::Rect outer(x - margin, y - margin, o.crop.width + 2 * margin,
                                 o.crop.height + 2 * margin);
            const bool linear = train::uniform01(rng) < o.linearLight;
            const double shot = logUniform(rng, o.shotMax / 100, o.shotMax);
            const double read = logUniform(rng, o.readMax / 100, o.readMax);
            cv::Mat blurry = degrade(photo(outer), kernel, linear, shot, read, rng);
            blurry = blurry(cv::Rect(margin, margin, o.crop.width, o.crop.height)).clone();
            if (train::uniform01(rng) < o.jpeg) {
                std::vector<uchar> bytes;
                const int quality = static_cast<int>(train::uniform(rng, 80, 96));
                cv::imencode(".jpg", blurry, bytes, {cv::IMWRITE_JPEG_QUALITY, quality});
                blurry = cv::imdecode(bytes, cv::IMREAD_COLOR);
            }
            cv::Mat target;
            photo(inner).convertTo(target, CV_8UC3, 255);
            char name[64];
            std::snprintf(name, sizeof name, "photo_%04d.png", written);
            cv::imwrite((o.out / "input" / name).string(), blurry);
            cv::imwrite((o.out / "target" / name).string(), target);
            char kernelName[32];
            std::snprintf(kernelName, sizeof kernelName, "%04d.png", written);
            cv::imwrite((o.out / "kernels" / kernelName).string(), kernelPicture(kernel));
            std::printf("%s  %s  shake %.0f px (%s), noise shot %.5f read %.4f\n", name,
                        file.filename().string().c_str(), extent,
                        linear ? "linear light" : "encoded", shot, read);
            ++written;
        }
    }
    std::printf("wrote %d pairs to %s\n", written, o.out.string().c_str());
    return written > 0 ? 0 : 1;
}
