// The tile loop of Engine::process: cut, restore, blend, report, honour cancel.
#include "DihedralView.h"
#include "Engine.h"
#include "EngineInternal.h"
#include "PrecisionScope.h"
#include "TileGrid.h"
#include "model/DeviceCopy.h"
#include "model/ModelError.h"

#include <ATen/ATen.h>

namespace unblur::engine {
namespace {

bool isSet(const std::atomic<bool>* flag)
{
    return flag && flag->load(std::memory_order_relaxed);
}

} // namespace

void Engine::checkOptions(const EngineOptions& options)
{
    const torch::Device device = resolveDevice(options.device);
    const Precision precision = options.precision;
    if (options.tileSize != 0 && (options.tileSize % 8 != 0 || options.tileSize < 16)) {
        throw model::ModelError("tile size " + std::to_string(options.tileSize) +
                                " is not a multiple of 8 of at least 16");
    }
    const int tile = options.tileSize > 0 ? options.tileSize : 128;
    if (options.overlap < 0 || options.overlap > tile / 2) {
        throw model::ModelError("overlap " + std::to_string(options.overlap) +
                                " must be between 0 and half the tile (" +
                                std::to_string(tile / 2) + ")");
    }
    if (!isEnsembleSize(options.views)) {
        throw model::ModelError("self-ensemble of " + std::to_string(options.views) +
                                " views: choose 1, 2, 4 or 8");
    }
    if (precision == Precision::Float16 && !device.is_cuda()) {
        throw model::ModelError("fp16 needs a CUDA device; on the CPU use fp32");
    }
    if (precision == Precision::BFloat16 && device.is_cpu()) {
        // LibTorch 1.13's CPU autocast mixes bf16 and float32 operands in some of the model's
        // layers; until the fused path has a bf16 variant, the CPU runs float32.
        throw model::ModelError(std::string("bf16 is not available on the CPU yet") +
                                (cpuHasNativeBFloat16() ? " (this CPU would support it)" : "") +
                                "; use fp32, or bf16/fp16 on a CUDA device");
    }
}

torch::Tensor Engine::runTile(const torch::Tensor& tile, uint64_t seed, Precision precision,
                              const model::StepCallback& onStep)
{
    const PrecisionScope scope(precision, tile.device());
    const torch::Tensor restored = m_model->restore(tile, seed, onStep);
    return restored.defined() ? restored.to(torch::kFloat32) : restored;
}

torch::Tensor Engine::runTileViews(const torch::Tensor& tile, uint64_t seed,
                                   const EngineOptions& options,
                                   const std::function<bool(int view, int step)>& onStep)
{
    torch::Tensor sum;
    for (int view = 0; view < options.views; ++view) {
        const torch::Tensor restored =
            runTile(dihedralView(tile, view), viewSeed(seed, view), options.precision,
                    [&](int step) { return onStep(view, step); });
        if (!restored.defined()) {
            return restored;
        }
        const torch::Tensor back = undoDihedralView(restored, view);
        sum = sum.defined() ? sum.add_(back) : back;
    }
    return options.views == 1 ? sum : sum.div_(options.views);
}

torch::Tensor Engine::runTiles(const torch::Tensor& image, const EngineOptions& options,
                               const torch::Device& device, EngineResult& result,
                               const ProgressCallback& progress, const std::atomic<bool>* cancel,
                               std::chrono::steady_clock::time_point start)
{
    const int64_t height = image.size(2), width = image.size(3);
    const std::vector<Tile> tiles = planTiles(height, width, result.tileSize, options.overlap);
    result.tiles = int(tiles.size());
    const int steps = m_model->schedule().steps();
    const auto runStart = std::chrono::steady_clock::now();

    EngineProgress state;
    state.tilesTotal = result.tiles;
    state.tileSize = result.tileSize;
    auto report = [&](const std::string& stage) {
        if (!progress) {
            return;
        }
        state.stage = stage;
        state.elapsedSeconds = secondsSince(start);
        if (state.tilesDone > 0) {
            const double perTile = secondsSince(runStart) / state.tilesDone;
            state.etaSeconds = perTile * (state.tilesTotal - state.tilesDone);
        }
        progress(state);
    };

    torch::Tensor sum, weightSum;
    if (tiles.size() > 1) {
        sum = torch::zeros({1, 3, height, width});
        weightSum = torch::zeros({1, 1, height, width});
    }
    for (const Tile& tile : tiles) {
        if (isSet(cancel)) {
            throw Cancelled();
        }
        report("encoding");
        const torch::Tensor crop = model::toDevice(image.narrow(2, tile.rows.start, tile.rows.size)
                                                       .narrow(3, tile.cols.start, tile.cols.size)
                                                       .contiguous(),
                                                   device);
        const torch::Tensor restored = runTileViews(
            crop, tileSeed(options.seed, tile.rows.start, tile.cols.start), options,
            [&](int view, int step) {
                if (isSet(cancel)) {
                    return false;
                }
                const std::string diffusion =
                    "diffusion " + std::to_string(steps - step) + "/" + std::to_string(steps);
                report(options.views == 1 ? diffusion
                                          : "view " + std::to_string(view + 1) + "/" +
                                                std::to_string(options.views) + ", " + diffusion);
                return true;
            });
        if (!restored.defined()) {
            throw Cancelled();
        }
        report("restoring");
        const torch::Tensor output = restored.to(torch::kCPU);
        if (tiles.size() == 1) {
            ++state.tilesDone;
            report("done");
            return output; // one tile: exactly the whole-image restoration
        }
        const torch::Tensor weights = tileWeights(tile);
        sum.narrow(2, tile.rows.start, tile.rows.size)
            .narrow(3, tile.cols.start, tile.cols.size)
            .add_(output * weights);
        weightSum.narrow(2, tile.rows.start, tile.rows.size)
            .narrow(3, tile.cols.start, tile.cols.size)
            .add_(weights);
        ++state.tilesDone;
        report("blending");
    }
    report("done");
    return sum.div_(weightSum);
}

} // namespace unblur::engine
