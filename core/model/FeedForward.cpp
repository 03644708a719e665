#include "FeedForward.h"

#include "FastPath.h"
#include "GeluGate.h"

#include <ATen/ATen.h>

namespace unblur::model {

FeedForwardImpl::FeedForwardImpl(const BlockOptions& options)
    : m_hidden(static_cast<int64_t>(options.dim * options.ffnExpansionFactor))
{
    using torch::nn::Conv2dOptions;
    const int64_t dim = options.dim;
    project_in = register_module(
        "project_in", torch::nn::Conv2d(Conv2dOptions(dim, m_hidden * 2, 1).bias(options.bias)));
    dwconv =
        register_module("dwconv", torch::nn::Conv2d(Conv2dOptions(m_hidden * 2, m_hidden * 2, 3)
                                                        .padding(1)
                                                        .groups(m_hidden * 2)
                                                        .bias(options.bias)));
    project_out = register_module(
        "project_out", torch::nn::Conv2d(Conv2dOptions(m_hidden, dim, 1).bias(options.bias)));
    if (options.group == 1) {
        ln1 = register_module("ln1", torch::nn::Linear(options.embedDim * 4, dim));
        ln2 = register_module("ln2", torch::nn::Linear(options.embedDim * 4, dim));
    }
}

torch::Tensor FeedForwardImpl::forward(const torch::Tensor& input, const torch::Tensor& prior)
{
    const torch::Tensor x = prior.defined() ? modulateByPrior(input, ln1, ln2, prior) : input;
    return project_out->forward(geluGateHalves(dwconv->forward(project_in->forward(x))));
}

torch::Tensor FeedForwardImpl::forwardFused(const torch::Tensor& residual,
                                            const torch::Tensor& normalised,
                                            const torch::Tensor& normWeight,
                                            const torch::Tensor& normBias,
                                            const torch::Tensor& prior)
{
    const int64_t dim = residual.size(1);
    const torch::Tensor inWeight = project_in->weight.view({2 * m_hidden, dim});
    const torch::Tensor inBias = project_in->options.bias() ? project_in->bias : torch::Tensor();
    const torch::Tensor dwWeight = fastWeight(dwconv->weight);
    const torch::Tensor dwBias =
        dwconv->options.bias() ? fastWeight(dwconv->bias) : torch::Tensor();
    const torch::Tensor outWeight = fastWeight(project_out->weight).view({dim, m_hidden});

    std::vector<torch::Tensor> outputs;
    for (int64_t i = 0; i < residual.size(0); ++i) {
        const auto [scale, shift] = prior.defined()
                                        ? priorAffine(normWeight, normBias, ln1, ln2, prior[i])
                                        : std::make_pair(normWeight, normBias);
        // Folded in float32; on the bf16 path the result is then converted.
        const auto [folded, foldedBias] = foldAffine(inWeight, inBias, scale, shift);
        const torch::Tensor weight = toFastType(folded), bias = toFastType(foldedBias);
        const torch::Tensor one = normalised.narrow(0, i, 1);
        // The gate's two halves through their own conv slices: dense tensors throughout.
        auto half = [&](int64_t index) {
            return pointwiseDepthwiseSlice(one, weight, bias, dwWeight, dwBias, index * m_hidden,
                                           m_hidden);
        };
        const torch::Tensor gated = geluGate(half(0), half(1));
        torch::Tensor out = pointwiseConvAdd(residual.narrow(0, i, 1), gated, outWeight);
        if (project_out->options.bias()) {
            out.add_(project_out->bias.view({1, dim, 1, 1}));
        }
        outputs.push_back(out);
    }
    return outputs.size() == 1 ? outputs[0] : at::cat(outputs, 0);
}

} // namespace unblur::model
