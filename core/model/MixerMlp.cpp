#include "MixerMlp.h"

#include <torch/nn/modules/activation.h>
#include <torch/nn/modules/linear.h>

namespace unblur::model {

MixerMlpImpl::MixerMlpImpl(int64_t tokens, int64_t channels, double patchExpansion,
                           double channelExpansion)
{
    const auto tokenWidth = static_cast<int64_t>(patchExpansion * tokens);
    const auto channelWidth = static_cast<int64_t>(channelExpansion * channels);
    patch_mixer = register_module("patch_mixer",
                                  torch::nn::Sequential(torch::nn::Linear(tokens, tokenWidth),
                                                        torch::nn::GELU(),
                                                        torch::nn::Linear(tokenWidth, tokens)));
    channel_mixer = register_module(
        "channel_mixer",
        torch::nn::Sequential(torch::nn::Linear(channels, channelWidth), torch::nn::GELU(),
                              torch::nn::Linear(channelWidth, channels)));
    norm1 = register_module("norm1", torch::nn::LayerNorm(torch::nn::LayerNormOptions({channels})));
    norm2 = register_module("norm2", torch::nn::LayerNorm(torch::nn::LayerNormOptions({channels})));
}

torch::Tensor MixerMlpImpl::forward(const torch::Tensor& input)
{
    // Under autocast the activations may arrive in 16 bits; LayerNorm stays in float32.
    const torch::Tensor x =
        input + patch_mixer->forward(norm1->forward(input.to(torch::kFloat32)).transpose(1, 2))
                    .transpose(1, 2);
    return x + channel_mixer->forward(norm2->forward(x.to(torch::kFloat32)));
}

} // namespace unblur::model
