#include "TrainBench.h"

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

    std::printf("unblur-train bench: stage %d, net_g dim %d, blocks", a.benchStage,
                a.options.config.g.dim);
    for (int b : a.options.config.g.numBlocks) {
        std::printf(" %d", b);
    }
    std::printf(", %s%s, median of %d steps after %d warm-up\n\n", a.options.device.c_str(),
                cpu ? (" (" + std::to_string(threads) + " threads)").c_str() : "", a.benchSteps,
                kWarmUp);
    std::printf("%-9s %-14s %9s %9s %10s\n", "patches", "layout", "s/step", "pairs/s",
                cpu ? "vs planar" : "");

    for (const PatchPhase& patch : a.benchPatches) {
        std::vector<Variant> variants;
        for (bool channelsLast : cpu ? std::vector<bool>{false, true} : std::vector<bool>{true}) {
            TrainOptions options = a.options;
            options.channelsLast = channelsLast;
            options.stage1Steps = a.benchStage == 1 ? 1000000 : 0;
            options.stage2Steps = 1000000;
            options.patches = {{patch.size, patch.batch, 0}};
            options.outputDir = (scratch.path / (channelsLast ? "last" : "planar")).string();
            Variant v;
            v.layout = !cpu ? "default" : channelsLast ? "channels-last" : "planar";
            v.trainer = std::make_unique<Trainer>(options, source, nullptr);
            variants.push_back(std::move(v));
        }
        // Interleaved step by step: both layouts see the same machine load.
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
            std::printf("%-9s %-14s %9.3f %9.2f", size.c_str(), v.layout.c_str(), s,
                        patch.batch / s);
            if (cpu) {
                std::printf(" %9.2fx", baseline / s);
            }
            std::printf("\n");
        }
        std::fflush(stdout);
    }
    return 0;
}

} // namespace unblur::train
