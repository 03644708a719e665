#include "TrainBench.h"

#include "CpuInfo.h"
#include "model/CpuRuntime.h"
#include "train/BatchLoader.h"
#include "train/Trainer.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <torch/torch.h>
#include <unistd.h>

namespace unblur::train {
namespace {

namespace fs = std::filesystem;

/** Uniform random pairs: what the step costs does not depend on the pixels. */
class NoisePairSource : public PairSource
{
public:
    PatchPair sample(uint64_t index, int size) const override
    {
        PatchPair pair;
        pair.size = size;
        const size_t count = size_t(3) * size * size;
        pair.blurry.resize(count);
        pair.sharp.resize(count);
        uint64_t state = index * 0x9E3779B97F4A7C15ull + 1;
        auto next = [&state] {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            return float(state >> 40) / float(1 << 24);
        };
        for (size_t i = 0; i < count; ++i) {
            pair.sharp[i] = next();
            pair.blurry[i] = 0.5f * (pair.sharp[i] + next());
        }
        return pair;
    }

    std::string describe() const override { return "random pairs"; }
};

struct Variant
{
    std::string layout;
    TrainPrecision precision = TrainPrecision::Float32;
    std::unique_ptr<Trainer> trainer;
    std::vector<double> seconds;
};

/** Removes the trainers' scratch folder however the bench ends. */
struct ScratchFolder
{
    fs::path path;
    ~ScratchFolder()
    {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
};

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

} // namespace

int runTrainBench(const TrainArguments& a)
{
    a.options.config.validate(); // before the table's header
    const int threads = model::configureCpuThreads(a.options.threads);
    const bool cpu = torch::Device(a.options.device).is_cpu();
    const ScratchFolder scratch{fs::temp_directory_path() /
                                ("unblur-train-bench-" + std::to_string(getpid()))};
    const NoisePairSource source;
    constexpr int kWarmUp = 2;
    std::vector<TrainPrecision> precisions;
    // Both unless one is named (auto: both too).
    if (a.precision != "bf16") {
        precisions.push_back(TrainPrecision::Float32);
    }
    if (a.precision != "fp32") {
        precisions.push_back(TrainPrecision::BFloat16);
    }

    std::printf("unblur-train bench: stage %d, net_g dim %d, blocks", a.benchStage,
                a.options.config.g.dim);
    for (int b : a.options.config.g.numBlocks) {
        std::printf(" %d", b);
    }
    std::printf(", %s%s, median of %d steps after %d warm-up\n", a.options.device.c_str(),
                cpu ? (" (" + std::to_string(threads) + " threads)").c_str() : "", a.benchSteps,
                kWarmUp);
    if (cpu) {
        std::printf("CPU: %s, %s\n", cpuModelName().c_str(),
                    cpuHasBFloat16Instructions()
                        ? "with bf16 instructions"
                        : "no bf16 instructions (avx512_bf16, amx_bf16): bf16 is emulated");
    }
    std::printf("\n%-9s %-14s %-9s %9s %9s %9s %10s\n", "patches", "layout", "precision", "s/step",
                "steps/s", "pairs/s",
                a.precision == "bf16" ? "ratio"
                : cpu                 ? "vs planar"
                                      : "vs fp32");

    for (const PatchPhase& patch : a.benchPatches) {
        std::vector<Variant> variants;
        const auto add = [&](bool channelsLast, TrainPrecision precision) {
            TrainOptions options = a.options;
            options.channelsLast = channelsLast;
            options.precision = precision;
            options.stage1Steps = a.benchStage == 1 ? 1000000 : 0;
            options.stage2Steps = 1000000;
            options.patches = {{patch.size, patch.batch, 0}};
            options.outputDir = (scratch.path / std::to_string(variants.size())).string();
            Variant v;
            v.layout = !cpu ? "default" : channelsLast ? "channels-last" : "planar";
            v.precision = precision;
            v.trainer = std::make_unique<Trainer>(options, source, nullptr);
            variants.push_back(std::move(v));
        };
        if (cpu && precisions.front() == TrainPrecision::Float32) {
            add(false, TrainPrecision::Float32); // the baseline
        }
        for (TrainPrecision precision : precisions) {
            add(true, precision);
        }
        // Interleaved step by step: every variant sees the same machine load.
        for (int step = 0; step < kWarmUp + a.benchSteps; ++step) {
            const Batch batch = makeBatch(source, step, patch);
            for (Variant& v : variants) {
                const auto start = std::chrono::steady_clock::now();
                v.trainer->trainStep(batch); // reads the losses back: the step is finished
                const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
                if (step >= kWarmUp) {
                    v.seconds.push_back(took.count());
                }
            }
        }
        const double baseline = median(variants.front().seconds);
        const std::string size = std::to_string(patch.size) + "x" + std::to_string(patch.batch);
        for (const Variant& v : variants) {
            const double s = median(v.seconds);
            std::printf("%-9s %-14s %-9s %9.3f %9.3f %9.2f %9.2fx\n", size.c_str(),
                        v.layout.c_str(), precisionName(v.precision).c_str(), s, 1.0 / s,
                        patch.batch / s, baseline / s);
        }
        if (variants.size() > 1 && variants.back().precision == TrainPrecision::BFloat16 &&
            variants[variants.size() - 2].precision == TrainPrecision::Float32) {
            std::printf("%-9s bf16 against fp32 (%s): %.2fx the steps per second\n", size.c_str(),
                        variants.back().layout.c_str(),
                        median(variants[variants.size() - 2].seconds) /
                            median(variants.back().seconds));
        }
        std::fflush(stdout);
    }
    return 0;
}

} // namespace unblur::train
