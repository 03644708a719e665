#pragma once

#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/normalization.h>

namespace unblur::model {

/** MLP-Mixer block on (B, tokens, channels): token mixing, then channel mixing, each residual. */
struct MixerMlpImpl : torch::nn::Module
{
    MixerMlpImpl(int64_t tokens, int64_t channels, double patchExpansion, double channelExpansion);
    torch::Tensor forward(const torch::Tensor& x);

    torch::nn::Sequential patch_mixer;
    torch::nn::Sequential channel_mixer;
    torch::nn::LayerNorm norm1{nullptr};
    torch::nn::LayerNorm norm2{nullptr};
};
TORCH_MODULE(MixerMlp);

} // namespace unblur::model
