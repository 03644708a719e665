#include "TransformerBlock.h"

#include "FastPath.h"
#include "HierarchicalIntegration.h"

namespace unblur::model {

TransformerBlockImpl::TransformerBlockImpl(const BlockOptions& options)
{
    norm1 = register_module("norm1", RestormerLayerNorm(options.dim, options.layerNormType));
    attn = register_module("attn", Attention(options));
    norm2 = register_module("norm2", RestormerLayerNorm(options.dim, options.layerNormType));
    ffn = register_module("ffn", FeedForward(options));
}

torch::Tensor TransformerBlockImpl::forward(const torch::Tensor& input, const torch::Tensor& prior)
{
    if (useFastPath()) {
        const torch::Tensor x = attn->forwardFused(input, norm1->normaliseChannels(input),
                                                   norm1->body->weight, norm1->body->bias, prior);
        return ffn->forwardFused(x, norm2->normaliseChannels(x), norm2->body->weight,
                                 norm2->body->bias, prior);
    }
    const torch::Tensor x = input + attn->forward(norm1->forwardChannels(input), prior);
    return x + ffn->forward(norm2->forwardChannels(x), prior);
}

BasicLayerImpl::BasicLayerImpl(const BlockOptions& options, int64_t numBlocks)
    : m_group(options.group)
{
    blocks = register_module("blocks", torch::nn::ModuleList());
    for (int64_t i = 0; i < numBlocks; ++i) {
        blocks->push_back(TransformerBlock(options));
    }
    if (m_group > 1) {
        him = register_module("him", HierarchicalIntegration(options));
    }
}

torch::Tensor BasicLayerImpl::forward(const torch::Tensor& input, const torch::Tensor& prior)
{
    torch::Tensor x = input;
    torch::Tensor blockPrior = prior;
    if (prior.defined() && m_group > 1) {
        x = him->forward(x, prior);
        blockPrior = torch::Tensor();
    }
    for (const auto& block : *blocks) {
        x = block->as<TransformerBlock>()->forward(x, blockPrior);
    }
    return x;
}

} // namespace unblur::model
