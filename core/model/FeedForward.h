#pragma once

#include "Attention.h"

namespace unblur::model {

/** Restormer's gated-Dconv feed-forward network (GDFN), with the optional vector prior. */
struct FeedForwardImpl : torch::nn::Module
{
    explicit FeedForwardImpl(const BlockOptions& options);

    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& prior = {});

    /** Fast path: residual + ffn(norm(residual)), the norm's affine folded into project_in. */
    torch::Tensor forwardFused(const torch::Tensor& residual, const torch::Tensor& normalised,
                               const torch::Tensor& normWeight, const torch::Tensor& normBias,
                               const torch::Tensor& prior);

    torch::nn::Conv2d project_in{nullptr};
    torch::nn::Conv2d dwconv{nullptr};
    torch::nn::Conv2d project_out{nullptr};
    torch::nn::Linear ln1{nullptr};
    torch::nn::Linear ln2{nullptr};

private:
    int64_t m_hidden;
};
TORCH_MODULE(FeedForward);

} // namespace unblur::model
