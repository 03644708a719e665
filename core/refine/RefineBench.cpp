// unblur_refine_bench: shake refinement over a pair folder (input/ + target/, as
// `unblur-train make-pairs` writes) and the network's outputs of its inputs (same names):
// PSNR of the network and of the refined result against the target, per image and the mean.
// Not installed; for choosing RefineSettings on synthetic pairs.
#include "eval/ImageMetrics.h"
#include "refine/ShakeRefiner.h"

#include <algorithm>
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

io::FloatImage readImage(const fs::path& path)
{
    cv::Mat mat = cv::imread(path.string(), cv::IMREAD_UNCHANGED);
    if (mat.empty()) {
        throw std::runtime_error("cannot read " + path.string());
    }
    if (mat.channels() == 3) {
        cv::cvtColor(mat, mat, cv::COLOR_BGR2RGB);
    } else if (mat.channels() == 4) {
        cv::cvtColor(mat, mat, cv::COLOR_BGRA2RGBA);
    }
    io::FloatImage image;
    image.width = mat.cols;
    image.height = mat.rows;
    image.channels = mat.channels();
    image.bitDepth = mat.depth() == CV_16U ? 16 : 8;
    cv::Mat floats;
    mat.convertTo(floats, CV_32F, mat.depth() == CV_16U ? 1.0 / 65535 : 1.0 / 255);
    floats = floats.reshape(1, 1);
    image.pixels.assign(floats.begin<float>(), floats.end<float>());
    return image;
}

cv::Mat toMat(const io::FloatImage& image)
{
    return cv::Mat(image.height, image.width, CV_32FC(image.channels),
                   const_cast<float*>(image.pixels.data()))
        .clone();
}

int usage()
{
    std::cerr << "Usage: unblur_refine_bench PAIRS NETOUT [--mode auto|on] [--align N]\n"
                 "                           [--kernels DIR] [--measures] [--save DIR]\n"
                 "                           [--set KEY=VALUE]...\n"
                 "  PAIRS: input/ and target/ PNGs; NETOUT: the network's outputs, same names\n"
                 "  --align N: score at the best whole-pixel shift within N px (Levin: 6)\n"
                 "  --kernels DIR: deconvolve with the true kernels instead of estimating them:\n"
                 "    convolution kernels named as the part of an image's name after its first\n"
                 "    '_' (Levin's layout: im1_kernel2.png -> DIR/kernel2.png)\n"
                 "  --measures: what Auto's checks measured, per image\n"
                 "  --save DIR: write each refined result there as PNG (same names)\n";
    return 2;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 3) {
        return usage();
    }
    const fs::path pairs = argv[1];
    const fs::path netout = argv[2];
    refine::RefineMode mode = refine::RefineMode::Auto;
    refine::RefineSettings settings;
    int align = 0;
    fs::path kernels;
    bool measures = false;
    fs::path save;
    for (int i = 3; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--mode" && i + 1 < argc) {
            mode = refine::parseRefineMode(argv[++i]);
        } else if (arg == "--measures") {
            measures = true;
        } else if (arg == "--save" && i + 1 < argc) {
            save = argv[++i];
        } else if (arg == "--kernels" && i + 1 < argc) {
            kernels = argv[++i];
        } else if (arg == "--align" && i + 1 < argc) {
            align = std::atoi(argv[++i]);
        } else if (arg == "--set" && i + 1 < argc) {
            const std::string kv = argv[++i];
            const size_t eq = kv.find('=');
            if (eq == std::string::npos ||
                !settings.set(kv.substr(0, eq), std::atof(kv.c_str() + eq + 1))) {
                std::cerr << "unknown setting: " << kv << "\n";
                return 2;
            }
        } else {
            return usage();
        }
    }
    std::vector<fs::path> names;
    for (const auto& entry : fs::directory_iterator(pairs / "input")) {
        if (fs::exists(netout / entry.path().filename())) {
            names.push_back(entry.path().filename());
        }
    }
    std::sort(names.begin(), names.end());
    if (names.empty()) {
        std::cerr << "no pairs with network outputs\n";
        return 1;
    }
    double sumInput = 0, sumNet = 0, sumRefined = 0, worst = 1e9;
    int applied = 0;
    std::string worstName;
    std::printf("%-28s %7s %7s %7s %7s  %s\n", "image", "input", "net", "refined", "gain",
                "decision");
    for (const fs::path& name : names) {
        const io::FloatImage blurry = readImage(pairs / "input" / name);
        const io::FloatImage network = readImage(netout / name);
        const cv::Mat target = cv::imread((pairs / "target" / name).string(), cv::IMREAD_UNCHANGED);
        cv::Mat targetRgb;
        if (target.channels() == 3) {
            cv::cvtColor(target, targetRgb, cv::COLOR_BGR2RGB);
        } else {
            targetRgb = target;
        }
        refine::RefineReport report;
        io::FloatImage refined;
        if (kernels.empty()) {
            refined = refine::refineShake(blurry, network, mode, report, settings);
        } else {
            const std::string n = name.string();
            cv::Mat k =
                cv::imread((kernels / n.substr(n.find('_') + 1)).string(), cv::IMREAD_GRAYSCALE);
            if (k.empty() || k.rows != k.cols || k.rows % 2 == 0) {
                std::cerr << "no odd square kernel for " << n << " in " << kernels << "\n";
                return 1;
            }
            k.convertTo(k, CV_32F);
            cv::flip(k, k, -1); // a convolution kernel; the refiner's are correlation kernels
            refined = refine::refineWithKernel(blurry, network,
                                               std::vector<float>(k.begin<float>(), k.end<float>()),
                                               k.rows, report, settings);
        }
        const auto score = [&](const io::FloatImage& image) {
            return align > 0 ? eval::alignedMetrics(toMat(image), targetRgb, align).psnr
                             : eval::psnr8(toMat(image), targetRgb);
        };
        if (!save.empty()) {
            fs::create_directories(save);
            cv::Mat out;
            toMat(refined).convertTo(out, CV_8U, 255.0);
            if (out.channels() == 3) {
                cv::cvtColor(out, out, cv::COLOR_RGB2BGR);
            }
            cv::imwrite((save / name).string(), out);
        }
        const double pIn = score(blurry);
        const double pNet = score(network);
        const double pRef = score(refined);
        std::printf("%-28s %7.2f %7.2f %7.2f %+7.2f  %s", name.string().c_str(), pIn, pNet, pRef,
                    pRef - pNet, report.summary.c_str());
        if (measures) {
            const auto& m = report.measures;
            std::printf("  | sigma %.2f ext %d res %.2f nores %.2f compact %.3f agree %.3f "
                        "netagree %.3f strength %.2f quads %d elong %.2f",
                        m.noiseSigma, report.kernelSize, report.residualToNoise,
                        m.withoutKernelToNoise, m.compactness, m.agreement, m.networkAgreement,
                        report.strength, m.texturedQuadrants, m.elongation);
        }
        std::printf("\n");
        sumInput += pIn;
        sumNet += pNet;
        sumRefined += pRef;
        applied += report.applied ? 1 : 0;
        if (pRef - pNet < worst) {
            worst = pRef - pNet;
            worstName = name.string();
        }
    }
    const double n = static_cast<double>(names.size());
    std::printf("%-28s %7.2f %7.2f %7.2f %+7.2f  applied %d of %zu; worst %+.2f (%s)\n", "mean",
                sumInput / n, sumNet / n, sumRefined / n, (sumRefined - sumNet) / n, applied,
                names.size(), worst, worstName.c_str());
    return 0;
}
