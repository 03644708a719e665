#pragma once

#include "EngineTypes.h"
#include "model/HiDiffModel.h"

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>

namespace unblur::engine {

/**
 * Keeps one HI-Diff model loaded and restores images of any size with it, in overlapping
 * tiles blended with raised-cosine weights. Every tile gets its own prior and draws its noise
 * from the seed and its position, so the result depends on neither thread count nor tile
 * order; an image that fits in one tile is restored whole, exactly as HiDiffModel::restore.
 * process() may be called from any one thread at a time.
 */
class Engine
{
public:
    explicit Engine(std::unique_ptr<model::HiDiffModel> model);
    ~Engine();

    /** Loads a model folder (see model::loadModelFolder). Throws model::ModelError. */
    static std::unique_ptr<Engine> fromFolder(const std::string& folder);

    model::HiDiffModel& model() { return *m_model; }

    /**
     * Restores `image`, (1,3,H,W) or (3,H,W) float in [0,1] on the CPU. Checks `cancel`
     * between tiles and between diffusion steps; a cancelled run returns status Cancelled
     * and no image. Throws model::ModelError for a bad device or precision.
     */
    EngineResult process(const torch::Tensor& image, const EngineOptions& options,
                         const ProgressCallback& progress = {},
                         const std::atomic<bool>* cancel = nullptr);

    /**
     * Checks options before any work: device available, precision possible there, tile a
     * multiple of 8 (at least 16) or 0, overlap within [0, tile/2], views 1, 2, 4 or 8.
     * Throws model::ModelError.
     */
    static void checkOptions(const EngineOptions& options);

    /**
     * The precision `options` resolve to on `device`, never Auto, with `note` set where the
     * choice needs a word ("float32 (this CPU has no bf16 instructions)"). On a CPU with bf16
     * instructions Auto times net_g on a 128 px square probe cut from `image` (padded where it
     * is smaller) both ways, once per engine, and takes bf16 only when it is more than 10 %
     * faster.
     */
    Precision resolvePrecision(const EngineOptions& options, const torch::Device& device,
                               const torch::Tensor& image, std::string& note);

    /** The tile size "auto" picks for these options (measures the model on first use). */
    int automaticTileSize(const EngineOptions& options);

    /** Bytes of working memory the model needs per pixel of a tile, measured once per device. */
    double bytesPerPixel(const torch::Device& device);

    /** The device "auto"/"cpu"/"cuda[:N]" names here; throws when it is not available. */
    static torch::Device resolveDevice(const std::string& name);
    /** "cpu (2 threads)", "cuda:0 (NVIDIA H100 80GB HBM3)". */
    static std::string describeDevice(const torch::Device& device);

    /** The noise seed of the tile whose top-left corner is (y, x). */
    static uint64_t tileSeed(uint64_t seed, int64_t y, int64_t x);

private:
    /** Seconds net_g takes on `padded` in `precision` (after one warm-up run). */
    double timeTransform(const torch::Tensor& padded, const torch::Tensor& prior,
                         Precision precision);
    /** Tiles, runs and blends the whole image; throws Cancelled when the flag is seen. */
    torch::Tensor runTiles(const torch::Tensor& image, const EngineOptions& options,
                           const torch::Device& device, EngineResult& result,
                           const ProgressCallback& progress, const std::atomic<bool>* cancel,
                           std::chrono::steady_clock::time_point start);
    /** One tile through encoder, sampler and net_g; empty when `onStep` stopped it. */
    torch::Tensor runTile(const torch::Tensor& tile, uint64_t seed, Precision precision,
                          const model::StepCallback& onStep);
    /** One tile in options.views views (see DihedralView.h), averaged; empty when stopped. */
    torch::Tensor runTileViews(const torch::Tensor& tile, uint64_t seed,
                               const EngineOptions& options,
                               const std::function<bool(int view, int step)>& onStep);

    struct Impl;
    std::unique_ptr<model::HiDiffModel> m_model;
    std::unique_ptr<Impl> m_impl;
};

} // namespace unblur::engine
