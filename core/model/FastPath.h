#pragma once

#include <memory>
#include <torch/nn/modules/conv.h>
#include <torch/types.h>

namespace unblur::model {

/**
 * The optimised inference path (channels-last, folded weights, fused attention) runs under
 * c10::InferenceMode while it is enabled; otherwise every module runs the plain
 * reference formulation, which is also the differentiable one used in training.
 */
bool fastPathEnabled();
void setFastPathEnabled(bool enabled);
bool useFastPath();

/** Runs the reference formulation on this thread while it lives (autocast runs use it). */
class ScopedReferencePath
{
public:
    ScopedReferencePath();
    ~ScopedReferencePath();
    ScopedReferencePath(const ScopedReferencePath&) = delete;
    ScopedReferencePath& operator=(const ScopedReferencePath&) = delete;

private:
    bool m_previous;
};

/** Whether this CPU computes bfloat16 natively (AVX-512 BF16 or AMX), read once from cpuinfo. */
bool cpuHasNativeBFloat16();

/**
 * bf16 copies of a model's float32 weights for the bf16 CPU fast path: each made on first
 * request and kept beside its float32 original (made again if the original changed).
 * Not thread-safe, like the model that owns it.
 */
class BFloat16Weights
{
public:
    BFloat16Weights();
    ~BFloat16Weights();
    BFloat16Weights(const BFloat16Weights&) = delete;
    BFloat16Weights& operator=(const BFloat16Weights&) = delete;

    /** The bf16 copy of `weight`, shaped like it; undefined for an undefined one. */
    torch::Tensor of(const torch::Tensor& weight);
    /** Forgets every copy (after the weights moved). */
    void clear();
    size_t size() const;

private:
    struct Copies;
    std::unique_ptr<Copies> m_copies;
};

/**
 * Runs the fast path in bfloat16 on this thread while it lives, with `weights` as the source
 * of bf16 weights: convolutions and matrix products in bf16 on bf16 channels-last activations;
 * LayerNorm, softmax, attention's q-k products and norms in float32, and the residual stream
 * between the blocks float32 too; the model's output float32. No effect where the fast path
 * is off.
 */
class ScopedBFloat16Path
{
public:
    explicit ScopedBFloat16Path(BFloat16Weights& weights);
    ~ScopedBFloat16Path();
    ScopedBFloat16Path(const ScopedBFloat16Path&) = delete;
    ScopedBFloat16Path& operator=(const ScopedBFloat16Path&) = delete;

private:
    BFloat16Weights* m_previous;
};

/** Whether the fast path runs in bfloat16 here (a ScopedBFloat16Path lives and useFastPath()). */
bool bfloat16Path();

/** A weight as the fast path computes with it: its cached bf16 copy on the bf16 path. */
torch::Tensor fastWeight(const torch::Tensor& weight);

/** A tensor computed at run time (a folded weight) converted to the fast path's type. */
torch::Tensor toFastType(const torch::Tensor& t);

/** conv->forward(x); on the bf16 path computed in bf16, the result in x's type. */
torch::Tensor convForward(torch::nn::Conv2d& conv, const torch::Tensor& x);

/** 1x1 convolution of a channels-last (B,C,H,W) tensor as one GEMM; result is channels-last. */
torch::Tensor pointwiseConv(const torch::Tensor& x, const torch::Tensor& weight2d,
                            const torch::Tensor& bias);

/**
 * Same, adding the product to `residual` (channels-last, output shape) in the GEMM; the
 * result has residual's type (a bf16 product joins a float32 residual stream).
 */
torch::Tensor pointwiseConvAdd(const torch::Tensor& residual, const torch::Tensor& x,
                               const torch::Tensor& weight2d);

/** Depthwise 3x3 convolution (padding 1) of a channels-last tensor; result is channels-last. */
torch::Tensor depthwiseConv3x3(const torch::Tensor& x, const torch::Tensor& weight,
                               const torch::Tensor& bias);

/**
 * Output channels [first, first+count) of a 1x1 convolution followed by a depthwise 3x3 one,
 * computed from those weight slices alone, so the result is a dense channels-last tensor.
 */
torch::Tensor pointwiseDepthwiseSlice(const torch::Tensor& x, const torch::Tensor& weight2d,
                                      const torch::Tensor& bias, const torch::Tensor& dwWeight,
                                      const torch::Tensor& dwBias, int64_t first, int64_t count);

/** A channels-last (B,C,H,W) tensor seen as a (B*H*W, C) matrix without copying. */
torch::Tensor pixelRows(const torch::Tensor& x);

/** Inverse of pixelRows: a (B*H*W, C) matrix as a channels-last (B,C,H,W) tensor. */
torch::Tensor fromPixelRows(const torch::Tensor& rows, int64_t batch, int64_t height,
                            int64_t width);

} // namespace unblur::model
