#pragma once

#include "HiDiffConfig.h"
#include "MixerMlp.h"

#include <torch/nn/modules/container/modulelist.h>

namespace unblur::model {

/** HI-Diff's denoiser (net_d): predicts the noise of prior tokens z given the condition c. */
struct DenoiserImpl : torch::nn::Module
{
    explicit DenoiserImpl(const DenoiserConfig& config);

    /** z, condition: (B,N,P); step: the integer timestep t (1-based) for every element. */
    torch::Tensor forward(const torch::Tensor& z, const torch::Tensor& condition, int64_t step);
    /** Same with a per-element step tensor shaped like z (training draws steps per sample). */
    torch::Tensor forward(const torch::Tensor& z, const torch::Tensor& condition,
                          const torch::Tensor& steps);

    torch::Tensor time_mlp;
    torch::nn::Sequential first_layer;
    torch::nn::ModuleList blocks;
    torch::nn::Sequential final_layer;
};
TORCH_MODULE(Denoiser);

} // namespace unblur::model
