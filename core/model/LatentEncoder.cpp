#include "LatentEncoder.h"

#include "FastPath.h"

#include <ATen/ATen.h>
#include <torch/nn/modules/activation.h>
#include <torch/nn/modules/linear.h>

namespace unblur::model {

LatentEncoderImpl::LatentEncoderImpl(const EncoderConfig& c) : m_group(c.group)
{
    using torch::nn::Conv2d;
    using torch::nn::Conv2dOptions;
    const int64_t e = c.embedDim;
    conv1 = register_module(
        "conv1", torch::nn::Sequential(Conv2d(Conv2dOptions(c.inChannels * 16, e, 3).padding(1)),
                                       torch::nn::GELU()));
    blocks = register_module("blocks", torch::nn::ModuleList());
    for (int i = 0; i < c.blockNum; ++i) {
        blocks->push_back(torch::nn::Sequential(Conv2d(Conv2dOptions(e, e, 3).padding(1)),
                                                torch::nn::GELU(),
                                                Conv2d(Conv2dOptions(e, e, 3).padding(1))));
    }
    conv2 = register_module("conv2", Conv2d(Conv2dOptions(e, e, 3).padding(1)));
    mlp = register_module(
        "mlp", MixerMlp(int64_t(c.group) * c.group, e, c.patchExpansion, c.channelExpansion));
    end = register_module("end",
                          torch::nn::Sequential(torch::nn::Linear(e, 4 * e), torch::nn::GELU()));
}

torch::Tensor LatentEncoderImpl::forward(const torch::Tensor& blurry, const torch::Tensor& sharp)
{
    torch::Tensor x = sharp.defined() ? torch::cat({sharp, blurry}, 1) : blurry;
    x = at::pixel_unshuffle(x, 4);
    if (useFastPath()) {
        x = x.contiguous(at::MemoryFormat::ChannelsLast);
    }
    x = conv1->forward(x);
    for (const auto& block : *blocks) {
        x = block->as<torch::nn::Sequential>()->forward(x) + x;
    }
    x = at::adaptive_avg_pool2d(conv2->forward(x), {m_group, m_group});
    x = x.flatten(2).transpose(1, 2); // (B, group^2, e)
    return end->forward(mlp->forward(x));
}

} // namespace unblur::model
