#pragma once

#include "MixedPrecision.h"
#include "model/HiDiffConfig.h"

#include <cstdint>
#include <string>
#include <vector>

namespace unblur::train {

/** One phase of the progressive patch schedule: `batch` patches of `size` until `untilStep`. */
struct PatchPhase
{
    int size = 64;
    int batch = 8;
    int64_t untilStep = 0; ///< exclusive, counted over the whole run (both stages)
};

/** Optimiser settings of one stage (the published recipe uses the same for both). */
struct OptimiserOptions
{
    double learningRate = 2e-4;
    double minLearningRate = 1e-6; ///< floor of the cosine
    int64_t warmupSteps = 0;
    double weightDecay = 1e-4;
    double beta1 = 0.9;
    double beta2 = 0.999;
    double gradClipNorm = 0.01; ///< 0 disables clipping
};

/** Everything a training run needs; defaults follow the published recipe where it applies. */
struct TrainOptions
{
    model::HiDiffConfig config; ///< net_g, net_le_dm, net_d, schedule (net_le: 6 channels)
    int64_t stage1Steps = 1000; ///< stage 1: net_le(sharp, blurry) + net_g
    int64_t stage2Steps = 1000; ///< stage 2: frozen net_le; net_le_dm + net_d + net_g
    std::vector<PatchPhase> patches{{64, 8, 0}}; ///< last phase runs to the end
    OptimiserOptions optimiser;
    uint64_t seed = 1;
    int threads = 0; ///< 0: every core
    int loaderThreads = 2;
    int64_t validateEvery = 250;
    int64_t checkpointEvery = 250;
    int validationCount = 16;
    int validationSize = 128;
    /** Weight of the frequency term of the image loss (0: pixels only, the published loss). */
    double frequencyLossWeight = 0;
    /** Decay of the exported weight average (0: export the weights themselves). */
    double weightAverageDecay = 0;
    std::string outputDir; ///< model folder written at every checkpoint
    std::string device = "cpu";
    /** CPU: feed the network channels-last (faster); off only as a benchmark's baseline. */
    bool channelsLast = true;
    /** Mixed bfloat16 compute of the training step; weights and optimiser stay float32. */
    TrainPrecision precision = TrainPrecision::Float32;

    /** Throws std::invalid_argument naming the option when the values cannot work. */
    void validate() const;

    int64_t totalSteps() const { return stage1Steps + stage2Steps; }
    /** 1 or 2 for a 0-based global step. */
    int stageOf(int64_t step) const { return step < stage1Steps ? 1 : 2; }
    const PatchPhase& phaseAt(int64_t step) const;
};

/** Parses "64x8:3000,96x6:5000,128x4" (size x batch : until step; the last has no limit). */
std::vector<PatchPhase> parsePatchSchedule(const std::string& text);
std::string patchScheduleText(const std::vector<PatchPhase>& phases);

} // namespace unblur::train
