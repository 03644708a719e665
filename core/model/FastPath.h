#pragma once

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

/** 1x1 convolution of a channels-last (B,C,H,W) tensor as one GEMM; result is channels-last. */
torch::Tensor pointwiseConv(const torch::Tensor& x, const torch::Tensor& weight2d,
                            const torch::Tensor& bias);

/** Same, adding the product to `residual` (channels-last, output shape) in the GEMM. */
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
