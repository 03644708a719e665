#pragma once

#include <torch/types.h>

namespace unblur::model {

/**
 * gelu(a) * b with the exact (erf) GELU, in one pass: the gate of Restormer's feed-forward
 * network, the costliest elementwise step of the model. Float32 CPU tensors with the same
 * strides take a vectorised kernel (glibc's libmvec erf): dense tensors of any memory format,
 * and the two channel halves of a channels-last tensor. bfloat16 ones (the bf16 inference path)
 * take its bf16 variant, computed in float32. Anything else, and anything autograd records,
 * goes through ATen.
 */
torch::Tensor geluGate(const torch::Tensor& a, const torch::Tensor& b);

/**
 * geluGate of the first and second halves of x's channels, (B,2C,H,W) -> (B,C,H,W). With
 * autograd recording on a channels-last float32 CPU tensor (CPU training), one kernel forward
 * and one backward that writes x's gradient directly: about twice as fast as ATen's
 * chunk, gelu, mul and their backward passes.
 */
torch::Tensor geluGateHalves(const torch::Tensor& x);

} // namespace unblur::model
