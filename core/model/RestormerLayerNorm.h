#pragma once

#include <string>
#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>

namespace unblur::model {

/** Holds the `body.weight` / `body.bias` parameters of a Restormer LayerNorm. */
struct LayerNormBodyImpl : torch::nn::Module
{
    LayerNormBodyImpl(int64_t channels, bool withBias);
    torch::Tensor weight;
    torch::Tensor bias; ///< undefined for "BiasFree"
};
TORCH_MODULE(LayerNormBody);

/**
 * Restormer's LayerNorm: "WithBias" is (x-mean)/sqrt(var+1e-5)*w+b, "BiasFree" is
 * x/sqrt(var+1e-5)*w, both with the biased variance, eps 1e-5.
 */
struct RestormerLayerNormImpl : torch::nn::Module
{
    RestormerLayerNormImpl(int64_t channels, const std::string& type);

    /** Normalises over the last axis. */
    torch::Tensor forward(const torch::Tensor& x);
    /** Normalises each pixel of (B,C,H,W) over C. */
    torch::Tensor forwardChannels(const torch::Tensor& x);
    /**
     * forwardChannels without the affine part (fast path: the affine is folded elsewhere).
     * On the bf16 path: normalised in float32, the result given back in bf16.
     */
    torch::Tensor normaliseChannels(const torch::Tensor& x) const;

    bool withBias() const { return m_withBias; }
    LayerNormBody body{nullptr};

private:
    bool m_withBias;
};
TORCH_MODULE(RestormerLayerNorm);

} // namespace unblur::model
