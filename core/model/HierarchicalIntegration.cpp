#include "HierarchicalIntegration.h"

#include "FastPath.h"

#include <ATen/ATen.h>
#include <cmath>

namespace unblur::model {

HierarchicalIntegrationImpl::HierarchicalIntegrationImpl(const BlockOptions& options)
    : m_heads(options.heads), m_scale(1.0 / std::sqrt(double(options.dim / options.heads)))
{
    using torch::nn::LinearOptions;
    const int64_t dim = options.dim, priorDim = options.embedDim * 4;
    norm1 = register_module("norm1", RestormerLayerNorm(dim, options.layerNormType));
    norm2 = register_module("norm2", RestormerLayerNorm(priorDim, options.layerNormType));
    q = register_module("q", torch::nn::Linear(LinearOptions(dim, dim).bias(options.bias)));
    kv = register_module("kv",
                         torch::nn::Linear(LinearOptions(priorDim, 2 * dim).bias(options.bias)));
    proj = register_module("proj", torch::nn::Linear(LinearOptions(dim, dim).bias(true)));
}

torch::Tensor HierarchicalIntegrationImpl::forward(const torch::Tensor& x,
                                                   const torch::Tensor& prior)
{
    if (useFastPath()) {
        return forwardFused(x, prior);
    }
    // q and proj as 1x1 convolutions: on channels-last CPU tensors (training) oneDNN runs them
    // about 4x faster than BLAS runs the (B*H*W, C) GEMMs, and the tokens are free views.
    const int64_t b = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
    auto pointwise = [](const torch::Tensor& input, torch::nn::Linear& linear) {
        return pointwiseConv(input, linear->weight,
                             linear->options.bias() ? linear->bias : torch::Tensor());
    };
    auto tokensOf = [](const torch::Tensor& t) { return t.flatten(2).transpose(1, 2); };
    const torch::Tensor query = tokensOf(pointwise(norm1->forwardChannels(x), q)); // (B,HW,C)
    const auto keyValue = kv->forward(norm2->forward(prior)).chunk(2, -1);
    auto heads = [&](const torch::Tensor& t) {
        return t.reshape({b, t.size(1), m_heads, c / m_heads}).transpose(1, 2);
    };
    const torch::Tensor attn =
        (at::matmul(heads(query), heads(keyValue[0]).transpose(-2, -1)) * m_scale).softmax(-1);
    const torch::Tensor out = at::matmul(attn, heads(keyValue[1]))
                                  .transpose(1, 2)
                                  .reshape({b, h, w, c})
                                  .permute({0, 3, 1, 2}); // channels-last (B,C,H,W)
    return x + pointwise(out, proj);
}

torch::Tensor HierarchicalIntegrationImpl::forwardFused(const torch::Tensor& x,
                                                        const torch::Tensor& prior)
{
    // scores_h = (norm(t) Wq'^T + bq')_h K_h^T * scale folds into one (C x heads*N) matrix;
    // proj(concat_h P_h V_h) folds into one (heads*N x C) matrix. Softmax rows of each head
    // sum to one, so proj's bias is spread over the heads' rows of that matrix.
    const int64_t batch = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
    const int64_t headDim = c / m_heads, tokens = prior.size(1);
    const torch::Tensor& normWeight = norm1->body->weight;
    const torch::Tensor& normBias = norm1->body->bias;
    const auto [qWeight, qBias] =
        foldAffine(q->weight, q->options.bias() ? q->bias : torch::Tensor(), normWeight, normBias);
    const torch::Tensor normalised = norm1->normaliseChannels(x);

    std::vector<torch::Tensor> outputs;
    for (int64_t i = 0; i < batch; ++i) {
        const auto keyValue = kv->forward(norm2->forward(prior[i])).chunk(2, -1); // (N,C) each
        std::vector<torch::Tensor> scoreCols, scoreBias, valueRows;
        for (int64_t head = 0; head < m_heads; ++head) {
            const torch::Tensor key = keyValue[0].narrow(1, head * headDim, headDim);
            const torch::Tensor value = keyValue[1].narrow(1, head * headDim, headDim);
            const torch::Tensor qHead = qWeight.narrow(0, head * headDim, headDim); // (d,C)
            scoreCols.push_back(at::mm(qHead.t(), key.t()) * m_scale);              // (C,N)
            if (qBias.defined()) {
                scoreBias.push_back(at::mv(key, qBias.narrow(0, head * headDim, headDim)) *
                                    m_scale);
            }
            const torch::Tensor projHead = proj->weight.narrow(1, head * headDim, headDim);
            valueRows.push_back(at::mm(value, projHead.t()) + proj->bias / double(m_heads));
        }
        const torch::Tensor scoreMatrix = at::cat(scoreCols, 1); // (C, heads*N)
        const torch::Tensor valueMatrix = at::cat(valueRows, 0); // (heads*N, C)
        // Folded in float32; on the bf16 path the matrices are then converted.
        const torch::Tensor scores =
            pointwiseConv(normalised.narrow(0, i, 1), toFastType(scoreMatrix.t().contiguous()),
                          qBias.defined() ? toFastType(at::cat(scoreBias, 0)) : torch::Tensor());
        const torch::Tensor logits = pixelRows(scores).view({h * w, m_heads, tokens});
        // The softmax in float32 (the bf16 path converts its logits in and its weights out).
        const torch::Tensor weights = (logits.scalar_type() == at::kFloat
                                           ? logits.softmax(-1)
                                           : logits.to(at::kFloat).softmax(-1).to(scores.dtype()))
                                          .view({h * w, m_heads * tokens});
        outputs.push_back(pointwiseConvAdd(x.narrow(0, i, 1), fromPixelRows(weights, 1, h, w),
                                           toFastType(valueMatrix.t().contiguous())));
    }
    return batch == 1 ? outputs[0] : at::cat(outputs, 0);
}

} // namespace unblur::model
