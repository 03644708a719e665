#pragma once

#include "RestormerLayerNorm.h"

#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>

namespace unblur::model {

/** Fields shared by the blocks of one Transformer level. */
struct BlockOptions
{
    int64_t dim = 48;
    int64_t heads = 1;
    double ffnExpansionFactor = 2.66;
    bool bias = false;
    std::string layerNormType = "WithBias";
    int64_t embedDim = 64;
    int64_t group = 4; ///< 1 at the latent level: the prior modulates attention and FFN
};

/**
 * Restormer's multi-Dconv head transposed attention (MDTA). `x` is already normalised by
 * the block's norm1; with a vector prior (latent level) x = x*ln1(prior) + ln2(prior) first.
 */
struct AttentionImpl : torch::nn::Module
{
    explicit AttentionImpl(const BlockOptions& options);

    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& prior = {});

    /**
     * Fast path: returns residual + attn(norm(residual)) where `norm` has no affine part;
     * the norm's affine (`normWeight`, `normBias`) is applied here (folded when possible).
     */
    torch::Tensor forwardFused(const torch::Tensor& residual, const torch::Tensor& normalised,
                               const torch::Tensor& normWeight, const torch::Tensor& normBias,
                               const torch::Tensor& prior);

    torch::Tensor temperature;
    torch::nn::Conv2d qkv{nullptr};
    torch::nn::Conv2d qkv_dwconv{nullptr};
    torch::nn::Conv2d project_out{nullptr};
    torch::nn::Linear ln1{nullptr};
    torch::nn::Linear ln2{nullptr};

private:
    int64_t m_heads;
};
TORCH_MODULE(Attention);

/** x*ln1(prior) + ln2(prior) broadcast over H,W, or the scale/shift folded with a norm affine. */
torch::Tensor modulateByPrior(const torch::Tensor& x, torch::nn::Linear& ln1,
                              torch::nn::Linear& ln2, const torch::Tensor& prior);

/**
 * The latent level's LayerNorm affine (w, b) followed by x*ln1(p) + ln2(p), as one per-channel
 * scale and shift for one image's prior vector p.
 */
std::pair<torch::Tensor, torch::Tensor> priorAffine(const torch::Tensor& normWeight,
                                                    const torch::Tensor& normBias,
                                                    torch::nn::Linear& ln1, torch::nn::Linear& ln2,
                                                    const torch::Tensor& prior);

/**
 * Affine applied before a 1x1 conv, folded into it: conv(W, x*scale + shift) = (W*scale) x +
 * W shift (+ bias). Returns {weight2d, bias} for pointwiseConv.
 */
std::pair<torch::Tensor, torch::Tensor> foldAffine(const torch::Tensor& weight2d,
                                                   const torch::Tensor& bias,
                                                   const torch::Tensor& scale,
                                                   const torch::Tensor& shift);

} // namespace unblur::model
