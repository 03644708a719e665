#pragma once

#include <torch/types.h>
#include <vector>

namespace unblur::train {

/**
 * The joint L2 norm of the parameters' gradients; when `maxNorm` > 0 the gradients are then
 * scaled to a norm of at most `maxNorm`, as torch::nn::utils::clip_grad_norm_ does, but
 * without reading the norm back to the host: that would stall a GPU mid-step. Returns the
 * norm before clipping, a scalar on the gradients' device (0 when none has a gradient).
 */
torch::Tensor clipGradientNorm(const std::vector<torch::Tensor>& parameters, double maxNorm);

} // namespace unblur::train
