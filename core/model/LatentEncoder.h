#pragma once

#include "HiDiffConfig.h"
#include "MixerMlp.h"

#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/conv.h>

namespace unblur::model {

/**
 * HI-Diff's latent encoder (latent_encoder_gelu): image(s) to group^2 prior tokens of width
 * 4*embed_dim. Stage 2 (net_le_dm) takes the blurry image; stage 1 (net_le) takes sharp and
 * blurry concatenated.
 */
struct LatentEncoderImpl : torch::nn::Module
{
    explicit LatentEncoderImpl(const EncoderConfig& config);

    /** blurry: (B,3,H,W) with H, W multiples of 4; sharp only for the stage-1 encoder. */
    torch::Tensor forward(const torch::Tensor& blurry, const torch::Tensor& sharp = {});

    torch::nn::Sequential conv1;
    torch::nn::ModuleList blocks;
    torch::nn::Conv2d conv2{nullptr};
    MixerMlp mlp{nullptr};
    torch::nn::Sequential end;

private:
    int64_t m_group;
};
TORCH_MODULE(LatentEncoder);

} // namespace unblur::model
