// The tile loop of Engine::process: cut, restore, blend, report, honour cancel.
#include "DihedralView.h"
#include "Engine.h"
#include "EngineInternal.h"
#include "PrecisionScope.h"
#include "TileGrid.h"
#include "model/DeviceCopy.h"
#include "model/ModelError.h"

#include <ATen/ATen.h>
#include <algorithm>
#include <cstdio>

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
}

Precision Engine::resolvePrecision(const EngineOptions& options, const torch::Device& device,
                                   const torch::Tensor& image, std::string& note)
{
    note.clear();
    const bool cpu = !device.is_cuda();
    if (options.precision == Precision::BFloat16 && cpu && !cpuBFloat16Detected()) {
        note = "bf16 (emulated: this CPU has no bf16 instructions, so it is slow)";
    }
    if (options.precision != Precision::Auto) {
        return options.precision;
    }
    if (!cpu) {
        return Precision::Float32; // the default before Auto existed
    }
    if (!cpuBFloat16Detected()) {
        note = "float32 (this CPU has no bf16 instructions)";
        return Precision::Float32;
    }
    if (!m_impl->autoPrecision) {
        const int64_t side = 128;
        const torch::Tensor crop = image.narrow(2, 0, std::min(side, image.size(2)))
                                       .narrow(3, 0, std::min(side, image.size(3)))
                                       .contiguous()
                                       .to(device);
        // A full 128 px square even from a small image: a tiny probe times only overheads.
        const torch::Tensor padded = model::padToMultiple(crop, side);
        const torch::Tensor condition = m_model->encodeCondition(padded);
        const torch::Tensor prior = model::HiDiffModel::initialNoise(condition.sizes(), 0);
        const double full = timeTransform(padded, prior, Precision::Float32);
        const double half = timeTransform(padded, prior, Precision::BFloat16);
        const bool faster = half * 1.1 < full;
        m_impl->autoPrecision = faster ? Precision::BFloat16 : Precision::Float32;
        char ratio[32];
        std::snprintf(ratio, sizeof ratio, "%.2f", full / half);
        m_impl->autoNote =
            faster ? "bf16 (" + std::string(ratio) + "x as fast as float32 on a probe tile)"
                   : "float32 (bf16 was not faster on a probe tile: " + std::string(ratio) + "x)";
    }
    note = m_impl->autoNote;
    return *m_impl->autoPrecision;
}

double Engine::timeTransform(const torch::Tensor& padded, const torch::Tensor& prior,
                             Precision precision)
{
    const PrecisionScope scope(precision, padded.device(), m_model->bfloat16Weights());
    m_model->transform(padded, prior); // warm-up: bf16 weight copies, oneDNN primitives
    const auto start = std::chrono::steady_clock::now();
    m_model->transform(padded, prior);
    return secondsSince(start);
}

torch::Tensor Engine::runTile(const torch::Tensor& tile, uint64_t seed, Precision precision,
                              const model::StepCallback& onStep)
{
    const PrecisionScope scope(precision, tile.device(), m_model->bfloat16Weights());
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
