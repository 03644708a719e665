#pragma once

#include <torch/types.h>

namespace unblur::model {

/**
 * gelu(a) * b with the exact (erf) GELU, in one pass: the gate of Restormer's feed-forward
 * network, the costliest elementwise step of the model. Dense float32 CPU tensors of equal
 * size take a vectorised kernel (glibc's libmvec erf); anything else falls back to ATen.
 */
torch::Tensor geluGate(const torch::Tensor& a, const torch::Tensor& b);

} // namespace unblur::model
