#pragma once

#include "StateDict.h"

#include <string>
#include <vector>

namespace unblur::model {

/** net_g (Transformer) fields, as named in the published option files. */
struct TransformerConfig
{
    int inChannels = 3;
    int outChannels = 3;
    int dim = 48;
    std::vector<int> numBlocks{3, 5, 6, 6};
    int numRefinementBlocks = 4;
    std::vector<int> heads{1, 2, 4, 8};
    double ffnExpansionFactor = 2.66;
    bool bias = false;
    std::string layerNormType = "WithBias"; ///< "WithBias" or "BiasFree"
    int embedDim = 64;
    int group = 4;
};

/** Latent encoder fields (stage 1 takes 6 channels, stage 2 takes 3). */
struct EncoderConfig
{
    int inChannels = 3;
    int embedDim = 64;
    int blockNum = 6;
    int group = 4;
    double patchExpansion = 0.5;
    double channelExpansion = 4.0;
};

/** Denoiser MLP fields. */
struct DenoiserConfig
{
    int inChannel = 256;
    int outChannel = 256;
    int innerChannel = 512;
    int blockNum = 4;
    int group = 4;
    double patchExpansion = 0.5;
    double channelExpansion = 2.0;
};

/** Diffusion schedule: linear betas. */
struct ScheduleConfig
{
    std::string schedule = "linear";
    int timesteps = 8;
    double linearStart = 0.1;
    double linearEnd = 0.99;
};

/** The whole HI-Diff configuration; defaults are the published GoPro model. */
struct HiDiffConfig
{
    TransformerConfig g;
    EncoderConfig le;
    DenoiserConfig d;
    ScheduleConfig schedule;

    /** Throws ModelError naming the field when the fields cannot describe a working model. */
    void validate() const;
};

/**
 * Reads the configuration from the tensor shapes of the three inference checkpoints.
 * `file` names what the message should blame when a key it needs is missing.
 */
TransformerConfig inferTransformerConfig(const StateDict& netG, const std::string& file);
EncoderConfig inferEncoderConfig(const StateDict& netLe, const std::string& file);
DenoiserConfig inferDenoiserConfig(const StateDict& netD, const std::string& file);

} // namespace unblur::model
