// Shared by the trainer tests: procedural pairs without OpenCV and a tiny model.
#pragma once

#include "train/BatchLoader.h"
#include "train/PairSource.h"
#include "train/Trainer.h"

#include <QString>
#include <algorithm>
#include <cmath>
#include <torch/torch.h>

namespace unblur::train::testing {

/**
 * Procedural pairs without OpenCV: a sharp pattern of bars and a disc whose layout depends on
 * the index, and the same pattern averaged over a horizontal motion of 5 pixels.
 */
class ProceduralPairs : public PairSource
{
public:
    explicit ProceduralPairs(bool sameEveryTime = false) : m_same(sameEveryTime) {}

    PatchPair sample(uint64_t index, int size) const override
    {
        const uint64_t k = m_same ? 7 : index;
        const double period = 5.0 + double(k % 7), cx = double((k * 13) % size);
        const auto sharpAt = [&](int c, int y, int x) {
            const double bars = std::fmod(x + 0.5 * y, period) < period / 2 ? 0.8 : 0.2;
            const double disc = std::hypot(x - cx, y - size / 2.0) < size / 4.0 ? 0.3 : 0.0;
            return float(std::min(1.0, bars * (0.6 + 0.2 * c) + disc));
        };
        PatchPair pair;
        pair.size = size;
        pair.sharp.resize(size_t(3 * size * size));
        pair.blurry.resize(pair.sharp.size());
        for (int c = 0; c < 3; ++c) {
            for (int y = 0; y < size; ++y) {
                for (int x = 0; x < size; ++x) {
                    float sum = 0;
                    for (int d = -2; d <= 2; ++d) {
                        sum += sharpAt(c, y, x + d);
                    }
                    const size_t at = size_t((c * size + y) * size + x);
                    pair.sharp[at] = sharpAt(c, y, x);
                    pair.blurry[at] = sum / 5.0f;
                }
            }
        }
        return pair;
    }

    std::string describe() const override { return "procedural bars"; }

private:
    bool m_same;
};

inline unblur::model::HiDiffConfig tinyConfig()
{
    unblur::model::HiDiffConfig config;
    config.g.dim = 8;
    config.g.numBlocks = {1, 1, 1, 1};
    config.g.numRefinementBlocks = 1;
    config.g.embedDim = config.le.embedDim = 8;
    config.le.blockNum = 1;
    config.d.inChannel = config.d.outChannel = 32;
    config.d.innerChannel = 16;
    config.d.blockNum = 3;
    return config;
}

inline TrainOptions tinyOptions(const QString& out, int64_t stage1, int64_t stage2)
{
    TrainOptions options;
    options.config = tinyConfig();
    options.stage1Steps = stage1;
    options.stage2Steps = stage2;
    options.patches = {{32, 2, 0}};
    options.optimiser.learningRate = 2e-3;
    options.optimiser.gradClipNorm = 0.5;
    options.validateEvery = 0;
    options.checkpointEvery = 1000;
    options.validationCount = 2;
    options.validationSize = 32;
    options.loaderThreads = 2;
    options.outputDir = out.toStdString();
    return options;
}

/** Every parameter of the four networks, in a fixed order. */
inline std::vector<torch::Tensor> weightsOf(TrainingNets& nets)
{
    std::vector<torch::Tensor> all;
    for (torch::nn::Module* m : nets.modules()) {
        for (const torch::Tensor& p : m->parameters()) {
            all.push_back(p.detach().clone());
        }
    }
    return all;
}

inline void trainSteps(Trainer& trainer, const PairSource& source, int64_t steps)
{
    for (int64_t i = 0; i < steps; ++i) {
        trainer.trainStep(
            makeBatch(source, trainer.step(), trainer.options().phaseAt(trainer.step())));
    }
}

} // namespace unblur::train::testing
