#pragma once

#include "Attention.h"

namespace unblur::model {

/**
 * HIM: cross-attention from every pixel to the prior tokens, added to the pixels.
 * Registered as `him` (keys norm1, norm2, q, kv, proj).
 */
struct HierarchicalIntegrationImpl : torch::nn::Module
{
    explicit HierarchicalIntegrationImpl(const BlockOptions& options);

    /** x: (B,C,H,W), prior: (B,N,4*embed_dim). */
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& prior);

    RestormerLayerNorm norm1{nullptr};
    RestormerLayerNorm norm2{nullptr};
    torch::nn::Linear q{nullptr};
    torch::nn::Linear kv{nullptr};
    torch::nn::Linear proj{nullptr};

private:
    torch::Tensor forwardFused(const torch::Tensor& x, const torch::Tensor& prior);

    int64_t m_heads;
    double m_scale;
};
TORCH_MODULE(HierarchicalIntegration);

} // namespace unblur::model
