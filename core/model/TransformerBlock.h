#pragma once

#include "FeedForward.h"
#include "HierarchicalIntegration.h"

namespace unblur::model {

/** x += attn(norm1(x)); x += ffn(norm2(x)), each optionally modulated by a vector prior. */
struct TransformerBlockImpl : torch::nn::Module
{
    explicit TransformerBlockImpl(const BlockOptions& options);

    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& prior = {});

    RestormerLayerNorm norm1{nullptr};
    Attention attn{nullptr};
    RestormerLayerNorm norm2{nullptr};
    FeedForward ffn{nullptr};
};
TORCH_MODULE(TransformerBlock);

/** One level of net_g: HIM with the token prior (group > 1), then the blocks. */
struct BasicLayerImpl : torch::nn::Module
{
    BasicLayerImpl(const BlockOptions& options, int64_t numBlocks);

    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& prior);

    torch::nn::ModuleList blocks;
    HierarchicalIntegration him{nullptr};

private:
    int64_t m_group;
};
TORCH_MODULE(BasicLayer);

} // namespace unblur::model
