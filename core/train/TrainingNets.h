#pragma once

#include "model/HiDiffModel.h"

#include <string>
#include <vector>

namespace unblur::train {

/** The four HI-Diff networks of training: the inference three plus the stage-1 encoder. */
struct TrainingNets
{
    explicit TrainingNets(const model::HiDiffConfig& config);

    model::HiDiffModel model;   ///< net_g, net_le_dm, net_d
    model::LatentEncoder netLe; ///< stage 1: sharp and blurry, 6 channels

    void to(const torch::Device& device);

    /** net_g, net_le_dm, net_d and net_le, in that order. */
    std::vector<torch::nn::Module*> modules();

    /** Writes net_g.pth, net_le_dm.pth, net_d.pth and net_le.pth (published layout). */
    void writeCheckpoints(const std::string& folder) const;

    /**
     * Loads weights from a model folder: the three inference files, and net_le.pth when the
     * folder has one (otherwise net_le keeps its fresh initialisation). Throws ModelError.
     * Returns true when net_le.pth was found. With `grown`, net_g.pth may be shallower than
     * net_g (see loadGrowing); the prefixes of the blocks it lacked go to *grown.
     */
    bool readCheckpoints(const std::string& folder, std::vector<std::string>* grown = nullptr);
};

/** The stage-1 encoder's configuration: net_le_dm's with 6 input channels. */
model::EncoderConfig stageOneEncoderConfig(const model::HiDiffConfig& config);

} // namespace unblur::train
