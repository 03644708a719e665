#include "Attention.h"

#include "FastPath.h"

#include <ATen/ATen.h>

namespace unblur::model {

torch::Tensor modulateByPrior(const torch::Tensor& x, torch::nn::Linear& ln1,
                              torch::nn::Linear& ln2, const torch::Tensor& prior)
{
    const torch::Tensor scale = ln1->forward(prior).unsqueeze(-1).unsqueeze(-1);
    const torch::Tensor shift = ln2->forward(prior).unsqueeze(-1).unsqueeze(-1);
    return x * scale + shift;
}

std::pair<torch::Tensor, torch::Tensor> priorAffine(const torch::Tensor& normWeight,
                                                    const torch::Tensor& normBias,
                                                    torch::nn::Linear& ln1, torch::nn::Linear& ln2,
                                                    const torch::Tensor& prior)
{
    const torch::Tensor k1 = ln1->forward(prior);
    const torch::Tensor k2 = ln2->forward(prior);
    return {normWeight * k1, normBias.defined() ? normBias * k1 + k2 : k2};
}

std::pair<torch::Tensor, torch::Tensor> foldAffine(const torch::Tensor& weight2d,
                                                   const torch::Tensor& bias,
                                                   const torch::Tensor& scale,
                                                   const torch::Tensor& shift)
{
    torch::Tensor weight = scale.defined() ? weight2d * scale.unsqueeze(0) : weight2d;
    torch::Tensor folded = shift.defined() ? at::mv(weight2d, shift) : torch::Tensor();
    if (bias.defined()) {
        folded = folded.defined() ? folded + bias : bias;
    }
    return {weight.contiguous(), folded};
}

namespace {

/** F.normalize's divisor: max(||column||, 1e-12) over the rows of an (HW, C) matrix. */
torch::Tensor columnNorms(const torch::Tensor& rows)
{
    return at::sum(rows * rows, {0}).sqrt_().clamp_min_(1e-12);
}

} // namespace

AttentionImpl::AttentionImpl(const BlockOptions& options) : m_heads(options.heads)
{
    using torch::nn::Conv2dOptions;
    const int64_t dim = options.dim;
    temperature = register_parameter("temperature", torch::ones({options.heads, 1, 1}));
    qkv = register_module("qkv",
                          torch::nn::Conv2d(Conv2dOptions(dim, dim * 3, 1).bias(options.bias)));
    qkv_dwconv = register_module(
        "qkv_dwconv",
        torch::nn::Conv2d(
            Conv2dOptions(dim * 3, dim * 3, 3).padding(1).groups(dim * 3).bias(options.bias)));
    project_out = register_module("project_out",
                                  torch::nn::Conv2d(Conv2dOptions(dim, dim, 1).bias(options.bias)));
    if (options.group == 1) {
        ln1 = register_module("ln1", torch::nn::Linear(options.embedDim * 4, dim));
        ln2 = register_module("ln2", torch::nn::Linear(options.embedDim * 4, dim));
    }
}

torch::Tensor AttentionImpl::forward(const torch::Tensor& input, const torch::Tensor& prior)
{
    const int64_t b = input.size(0), c = input.size(1), h = input.size(2), w = input.size(3);
    torch::Tensor x = prior.defined() ? modulateByPrior(input, ln1, ln2, prior) : input;
    const auto parts = qkv_dwconv->forward(qkv->forward(x)).chunk(3, 1);
    auto heads = [&](const torch::Tensor& t) {
        return t.reshape({b, m_heads, c / m_heads, h * w});
    };
    const torch::Tensor q = torch::nn::functional::normalize(
        heads(parts[0]), torch::nn::functional::NormalizeFuncOptions().dim(-1));
    const torch::Tensor k = torch::nn::functional::normalize(
        heads(parts[1]), torch::nn::functional::NormalizeFuncOptions().dim(-1));
    const torch::Tensor attn = (at::matmul(q, k.transpose(-2, -1)) * temperature).softmax(-1);
    const torch::Tensor out = at::matmul(attn, heads(parts[2])).reshape({b, c, h, w});
    return project_out->forward(out);
}

torch::Tensor AttentionImpl::forwardFused(const torch::Tensor& residual,
                                          const torch::Tensor& normalised,
                                          const torch::Tensor& normWeight,
                                          const torch::Tensor& normBias, const torch::Tensor& prior)
{
    const int64_t batch = residual.size(0), c = residual.size(1);
    const int64_t headDim = c / m_heads;
    const torch::Tensor qkvWeight = qkv->weight.view({3 * c, c});
    const torch::Tensor projectWeight = project_out->weight.view({c, c});
    const torch::Tensor qkvBias = qkv->options.bias() ? qkv->bias : torch::Tensor();
    const torch::Tensor dwWeight = fastWeight(qkv_dwconv->weight);
    const torch::Tensor dwBias =
        qkv_dwconv->options.bias() ? fastWeight(qkv_dwconv->bias) : torch::Tensor();

    std::vector<torch::Tensor> outputs;
    for (int64_t i = 0; i < batch; ++i) {
        // LayerNorm affine and the optional prior modulation, folded into the qkv 1x1 conv.
        const auto [scale, shift] = prior.defined()
                                        ? priorAffine(normWeight, normBias, ln1, ln2, prior[i])
                                        : std::make_pair(normWeight, normBias);
        // Folded in float32; on the bf16 path the result is then converted.
        const auto [folded, foldedBias] = foldAffine(qkvWeight, qkvBias, scale, shift);
        const torch::Tensor weight = toFastType(folded), bias = toFastType(foldedBias);
        const torch::Tensor one = normalised.narrow(0, i, 1);
        // q, k and v each through their own slice of the 1x1 and depthwise convolutions, so
        // every intermediate is a dense channels-last tensor.
        auto part = [&](int64_t index) {
            return pointwiseDepthwiseSlice(one, weight, bias, dwWeight, dwBias, index * c, c);
        };
        // q and k in float32 on the bf16 path too: a bf16 Gram matrix costs about 18 dB of
        // accuracy (the fixture's output from 54 to 36 dB PSNR against float32).
        const torch::Tensor q = pixelRows(part(0)).to(at::kFloat);
        const torch::Tensor k = pixelRows(part(1)).to(at::kFloat);
        const torch::Tensor v = part(2);

        // Normalising q and k along H*W is dividing their Gram matrix by the outer product
        // of their norms; each head's attention is a diagonal block of it.
        const torch::Tensor qNorm = columnNorms(q);
        const torch::Tensor kNorm = columnNorms(k);
        torch::Tensor mixing = torch::zeros({c, c}, q.options());
        for (int64_t head = 0; head < m_heads; ++head) {
            const int64_t at = head * headDim;
            const torch::Tensor qHead = q.narrow(1, at, headDim);
            const torch::Tensor kHead = k.narrow(1, at, headDim);
            const torch::Tensor gram =
                at::mm(qHead.t(), kHead) /
                at::outer(qNorm.narrow(0, at, headDim), kNorm.narrow(0, at, headDim));
            mixing.narrow(0, at, headDim)
                .narrow(1, at, headDim)
                .copy_((gram * temperature[head]).softmax(-1));
        }
        // project_out(attn @ v) = (W_out @ blockdiag(attn)) applied to v as one 1x1 conv.
        torch::Tensor out = pointwiseConvAdd(residual.narrow(0, i, 1), v,
                                             toFastType(at::mm(projectWeight, mixing)));
        if (project_out->options.bias()) {
            out.add_(project_out->bias.view({1, c, 1, 1}));
        }
        outputs.push_back(out);
    }
    return batch == 1 ? outputs[0] : at::cat(outputs, 0);
}

} // namespace unblur::model
