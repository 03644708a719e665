// unblur-enginecheck: the tiled engine on a device, checked against the CPU, with nothing but
// LibTorch (for a GPU box that has no Qt or OpenCV). Exit status 0 when every check passes.
//   unblur-enginecheck [--data DIR] [--model DIR] [--device cpu|cuda] [--megapixels N]
// --model defaults to the tiny fixture; --megapixels N also times a photo-sized image in fp32
// and, on CUDA, bf16 (cold and warm runs, automatic tiles, peak tensor memory).
#include "CheckReport.h"
#include "engine/Engine.h"
#include "engine/MemoryProbe.h"
#include "model/CpuRuntime.h"

#include <ATen/Context.h>
#include <ATen/Parallel.h>
#include <cmath>
#include <cstdio>
#include <string>
#include <torch/torch.h>

using namespace unblur::engine;
using unblur::checks::CheckReport;

namespace {

/** A smooth colour pattern with seeded fine texture, (1,3,h,w) in [0,1]. */
torch::Tensor testImage(int64_t h, int64_t w)
{
    const torch::Tensor y = torch::linspace(0, 1, h).view({h, 1});
    const torch::Tensor x = torch::linspace(0, 1, w).view({1, w});
    const torch::Tensor r = 0.5 + 0.3 * torch::sin(12 * x + 5 * y);
    const torch::Tensor g = 0.5 + 0.3 * torch::cos(9 * y - 4 * x);
    const torch::Tensor b = 0.4 + 0.2 * torch::sin(20 * x * y);
    torch::Generator generator = at::detail::createCPUGenerator(7);
    const torch::Tensor texture = torch::rand({1, 3, h, w}, generator);
    return (torch::stack({r, g, b}).unsqueeze(0) + 0.05 * texture).clamp(0, 1);
}

double psnr(const torch::Tensor& a, const torch::Tensor& b)
{
    const double mse = (a.clamp(0, 1) - b.clamp(0, 1)).pow(2).mean().item<double>();
    return mse > 0 ? 10 * std::log10(1 / mse) : INFINITY;
}

std::string format(const char* pattern, double a, double b = 0, double c = 0, double d = 0)
{
    char text[160];
    std::snprintf(text, sizeof text, pattern, a, b, c, d);
    return text;
}

EngineOptions options(const std::string& device, int tile, Precision precision = Precision::Float32)
{
    EngineOptions o;
    o.device = device;
    o.tileSize = tile;
    o.overlap = 32;
    o.seed = 7;
    o.precision = precision;
    return o;
}

/** Times a w x h image twice (the first run includes cuDNN's algorithm search). */
void timePhoto(Engine& engine, const std::string& device, double megapixels, Precision precision)
{
    const auto h = int64_t(std::lround(std::sqrt(megapixels * 1e6 * 3 / 4)));
    const int64_t w = h * 4 / 3;
    const torch::Tensor image = testImage(h, w);
    for (const char* run : {"cold", "warm"}) {
        MemoryProbe probe{Engine::resolveDevice(device)};
        const EngineResult result = engine.process(image, options(device, 0, precision));
        std::printf("TIME %-5s %lldx%lld %s (%s): %.2f s, %d tile(s) of %d px, peak %.2f GiB "
                    "tensor memory, %s\n",
                    precisionName(precision).c_str(), (long long)w, (long long)h, device.c_str(),
                    run, result.seconds, result.tiles, result.tileSize,
                    double(probe.peakBytes()) / (1 << 30), result.device.c_str());
        std::fflush(stdout);
    }
}

} // namespace

int main(int argc, char** argv)
{
    unblur::model::ensureFastBlasKernels(argv);
    const unblur::checks::CheckOptions arguments("unblur-enginecheck", argc, argv,
                                                 {"--data", "--model", "--device", "--megapixels"});
    const std::string device = arguments.value("--device", "cpu");
    const std::string modelDir =
        arguments.value("--model", arguments.value("--data", UNBLUR_TEST_DATA) + "/hidiff-tiny");
    const double megapixels = std::stod(arguments.value("--megapixels", "0"));
    const int threads = unblur::model::configureCpuThreads(0);
    const bool cuda = Engine::resolveDevice(device).is_cuda();
    if (cuda) {
        // Parity in full float32; cuDNN's TF32 default is what the timings below use.
        at::globalContext().setAllowTF32CuDNN(false);
        at::globalContext().setAllowTF32CuBLAS(false);
    }
    std::printf("unblur-enginecheck: device %s, model %s\n", device.c_str(), modelDir.c_str());
    std::unique_ptr<Engine> engine = Engine::fromFolder(modelDir);
    CheckReport report;
    const torch::Tensor image = testImage(300, 420);
    EngineResult reference;

    // On the CPU the reference is one thread against all of them: tiles must not depend on it.
    report.check("tiled run matches the CPU reference", [&] {
        at::set_num_threads(1);
        reference = engine->process(image, options("cpu", 128));
        at::set_num_threads(threads);
        const EngineResult run = engine->process(image, options(device, 128));
        if (run.tiles != reference.tiles || run.tiles < 6) {
            return format("FAIL %g tiles against %g on the CPU", run.tiles, reference.tiles);
        }
        return CheckReport::within((run.image - reference.image).abs().max().item<double>(),
                                   cuda ? 1e-4 : 1e-5) +
               format(", %g tiles", run.tiles);
    });
    report.check("progress counts every tile, in order", [&] {
        int last = 0, total = 0;
        bool ordered = true;
        const EngineResult run =
            engine->process(image, options(device, 128), [&](const EngineProgress& p) {
                ordered = ordered && p.tilesDone >= last && p.tilesDone <= p.tilesTotal;
                last = p.tilesDone;
                total = p.tilesTotal;
            });
        if (!ordered || last != total || total != run.tiles) {
            return format("FAIL last report %g of %g, %g tiles run", last, total, run.tiles);
        }
        return format("%g of %g tiles reported", last, total);
    });
    report.check("cancel after the first tile stops the run", [&] {
        std::atomic<bool> cancel{false};
        int seen = 0;
        const EngineResult run = engine->process(
            image, options(device, 128),
            [&](const EngineProgress& p) {
                seen = p.tilesDone;
                cancel = cancel || p.tilesDone >= 1;
            },
            &cancel);
        if (run.status != EngineStatus::Cancelled || run.image.defined()) {
            return std::string("FAIL the run finished");
        }
        return format("stopped after %g tile(s)", seen);
    });
    report.check("automatic tile size fits the device", [&] {
        const EngineResult run = engine->process(image, options(device, 0));
        const double perPixel = engine->bytesPerPixel(Engine::resolveDevice(device));
        const bool whole = run.tiles == 1;
        if (!whole && (run.tileSize % 8 != 0 || run.tileSize < 128)) {
            return format("FAIL tile %g", run.tileSize);
        }
        return format("tile %g px, %g tile(s), %.0f bytes/pixel measured", run.tileSize, run.tiles,
                      perPixel);
    });
    if (cuda) {
        for (Precision precision : {Precision::Float16, Precision::BFloat16}) {
            report.check(precisionName(precision) + " output is close to float32", [&] {
                const EngineResult run = engine->process(image, options(device, 128, precision));
                const double db = psnr(run.image, reference.image);
                return format(db >= 30 ? "%.1f dB against float32" : "FAIL %.1f dB against float32",
                              db);
            });
        }
    }
    if (megapixels > 0) {
        at::globalContext().setAllowTF32CuDNN(true);
        at::globalContext().setAllowTF32CuBLAS(true);
        timePhoto(*engine, device, megapixels, Precision::Float32);
        if (cuda) {
            timePhoto(*engine, device, megapixels, Precision::BFloat16);
        }
    }
    return report.finish();
}
