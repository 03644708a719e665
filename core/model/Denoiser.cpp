#include "Denoiser.h"

#include <torch/nn/modules/activation.h>
#include <torch/nn/modules/linear.h>

namespace unblur::model {

DenoiserImpl::DenoiserImpl(const DenoiserConfig& c)
{
    using torch::nn::Linear;
    time_mlp = register_parameter("time_mlp", torch::full({1}, 1e-3));
    first_layer = register_module(
        "first_layer",
        torch::nn::Sequential(
            Linear(c.inChannel * 3, c.innerChannel),
            torch::nn::LeakyReLU(torch::nn::LeakyReLUOptions().negative_slope(0.2))));
    blocks = register_module("blocks", torch::nn::ModuleList());
    for (int i = 0; i < c.blockNum - 2; ++i) {
        blocks->push_back(torch::nn::Sequential(MixerMlp(int64_t(c.group) * c.group, c.innerChannel,
                                                         c.patchExpansion, c.channelExpansion),
                                                torch::nn::GELU()));
    }
    final_layer =
        register_module("final_layer", torch::nn::Sequential(Linear(c.innerChannel, c.outChannel),
                                                             torch::nn::GELU()));
}

torch::Tensor DenoiserImpl::forward(const torch::Tensor& z, const torch::Tensor& condition,
                                    int64_t step)
{
    return forward(z, condition, torch::full_like(z, static_cast<double>(step)));
}

torch::Tensor DenoiserImpl::forward(const torch::Tensor& z, const torch::Tensor& condition,
                                    const torch::Tensor& steps)
{
    torch::Tensor x = first_layer->forward(torch::cat({z, steps * time_mlp, condition}, -1));
    for (const auto& block : *blocks) {
        x = block->as<torch::nn::Sequential>()->forward(x);
    }
    return final_layer->forward(x);
}

} // namespace unblur::model
