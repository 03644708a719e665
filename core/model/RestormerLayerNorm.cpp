#include "RestormerLayerNorm.h"

#include "FastPath.h"

#include <ATen/ATen.h>

namespace unblur::model {
namespace {
constexpr double kEps = 1e-5;

torch::Tensor normaliseLast(const torch::Tensor& x, bool centred)
{
    if (centred) {
        return at::layer_norm(x, {x.size(-1)}, {}, {}, kEps);
    }
    const torch::Tensor variance = x.var(-1, /*unbiased=*/false, /*keepdim=*/true);
    return x * at::rsqrt(variance + kEps);
}
} // namespace

LayerNormBodyImpl::LayerNormBodyImpl(int64_t channels, bool withBias)
{
    weight = register_parameter("weight", torch::ones({channels}));
    if (withBias) {
        bias = register_parameter("bias", torch::zeros({channels}));
    }
}

RestormerLayerNormImpl::RestormerLayerNormImpl(int64_t channels, const std::string& type)
    : m_withBias(type != "BiasFree")
{
    body = register_module("body", LayerNormBody(channels, m_withBias));
}

torch::Tensor RestormerLayerNormImpl::forward(const torch::Tensor& input)
{
    // Statistics in float32 even when autocast hands over 16-bit activations.
    const torch::Tensor x = input.to(torch::kFloat32);
    if (m_withBias) {
        // One fused kernel forward and one backward, where the formula below takes eight and
        // about twice as many: a small network on a GPU is bound by kernel launches.
        return at::layer_norm(x, {x.size(-1)}, body->weight, body->bias, kEps);
    }
    const torch::Tensor variance = x.var(-1, /*unbiased=*/false, /*keepdim=*/true);
    return x / torch::sqrt(variance + kEps) * body->weight;
}

torch::Tensor RestormerLayerNormImpl::forwardChannels(const torch::Tensor& x)
{
    // (B,C,H,W) -> (B,H,W,C): free for channels-last memory, a view otherwise.
    return forward(x.permute({0, 2, 3, 1})).permute({0, 3, 1, 2});
}

torch::Tensor RestormerLayerNormImpl::normaliseChannels(const torch::Tensor& x) const
{
    // The bf16 fast path: statistics in float32 (bf16 LayerNorm is slow on CPUs), result bf16
    // for the convolutions that take it. Both conversions are no-ops in float32.
    const torch::Tensor pixels = x.permute({0, 2, 3, 1}).to(at::kFloat);
    return toFastType(normaliseLast(pixels, m_withBias)).permute({0, 3, 1, 2});
}

} // namespace unblur::model
