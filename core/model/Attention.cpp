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

AttentionImpl::AttentionImpl(const BlockOptions& options) : m_heads(options.heads)
{
    using torch::nn::Conv2dOptions;
    const int64_t dim = options.dim;
    temperature = register_parameter("temperature", torch::ones({options.heads, 1, 1}));
    qkv = register_module("qkv", torch::nn::Conv2d(Conv2dOptions(dim, dim * 3, 1).bias(options.bias)));
    qkv_dwconv = register_module(
        "qkv_dwconv", torch::nn::Conv2d(Conv2dOptions(dim * 3, dim * 3, 3)
                                            .padding(1)
                                            .groups(dim * 3)
                                            .bias(options.bias)));
    project_out = register_module(
        "project_out", torch::nn::Conv2d(Conv2dOptions(dim, dim, 1).bias(options.bias)));
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
    auto heads = [&](const torch::Tensor& t) { return t.reshape({b, m_heads, c / m_heads, h * w}); };
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
                                          const torch::Tensor& normBias,
                                          const torch::Tensor& prior)
{
    const int64_t batch = residual.size(0), c = residual.size(1);
    const int64_t h = residual.size(2), w = residual.size(3);
    const int64_t headDim = c / m_heads;
    const torch::Tensor qkvWeight = qkv->weight.view({3 * c, c});
    const torch::Tensor projectWeight = project_out->weight.view({c, c});
    const torch::Tensor& qkvBias = qkv->options.bias() ? qkv->bias : torch::Tensor();
    const torch::Tensor& dwBias = qkv_dwconv->options.bias() ? qkv_dwconv->bias : torch::Tensor();

    std::vector<torch::Tensor> outputs;
    for (int64_t i = 0; i < batch; ++i) {
        // LayerNorm affine and the optional prior modulation become one per-channel
        // scale/shift, folded into the qkv 1x1 convolution.
        torch::Tensor scale = normWeight, shift = normBias;
        if (prior.defined()) {
            const torch::Tensor k1 = ln1->forward(prior[i]);
            const torch::Tensor k2 = ln2->forward(prior[i]);
            scale = scale * k1;
            shift = shift.defined() ? shift * k1 + k2 : k2;
        }
        const auto [weight, bias] = foldAffine(qkvWeight, qkvBias, scale, shift);
        const torch::Tensor one = normalised.narrow(0, i, 1);
        const torch::Tensor mixed = at::conv2d(pointwiseConv(one, weight, bias),
                                               qkv_dwconv->weight, dwBias, 1, 1, 1, 3 * c);
        const torch::Tensor rows = pixelRows(mixed); // (HW, 3C)
        const torch::Tensor q = rows.narrow(1, 0, c);
        const torch::Tensor k = rows.narrow(1, c, c);
        const torch::Tensor v = rows.narrow(1, 2 * c, c);

        // Gram of all channels at once; heads are its diagonal blocks. Normalising q and k
        // along H*W is dividing the Gram by the outer product of their norms.
        const torch::Tensor qNorm = at::linalg_vector_norm(q, 2, {0}).clamp_min(1e-12);
        const torch::Tensor kNorm = at::linalg_vector_norm(k, 2, {0}).clamp_min(1e-12);
        const torch::Tensor gram = at::mm(q.t(), k) / at::outer(qNorm, kNorm);
        torch::Tensor mixing = torch::zeros({c, c}, gram.options());
        for (int64_t head = 0; head < m_heads; ++head) {
            const int64_t at = head * headDim;
            const torch::Tensor block = gram.narrow(0, at, headDim).narrow(1, at, headDim);
            mixing.narrow(0, at, headDim)
                .narrow(1, at, headDim)
                .copy_((block * temperature[head]).softmax(-1));
        }
        // out = project_out(attn @ v) = v @ (W_out @ blockdiag(attn))^T, plus the residual.
        const torch::Tensor fused = at::mm(projectWeight, mixing);
        const torch::Tensor sum = at::addmm(pixelRows(residual.narrow(0, i, 1)), v, fused.t());
        torch::Tensor out = fromPixelRows(sum, 1, h, w);
        if (project_out->options.bias()) {
            out = out + project_out->bias.view({1, c, 1, 1});
        }
        outputs.push_back(out);
    }
    return batch == 1 ? outputs[0] : at::cat(outputs, 0);
}

} // namespace unblur::model
