#include "GeluGate.h"

#include "GeluGateKernel.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>

namespace unblur::model {

torch::Tensor geluGate(const torch::Tensor& a, const torch::Tensor& b)
{
    const bool dense = a.device().is_cpu() && b.device().is_cpu() &&
                       a.scalar_type() == at::kFloat && b.scalar_type() == at::kFloat &&
                       a.sizes() == b.sizes() && a.strides() == b.strides() &&
                       a.is_non_overlapping_and_dense();
    if (!dense) {
        return at::gelu(a).mul_(b);
    }
    torch::Tensor out = at::empty_like(a);
    const float* in = a.data_ptr<float>();
    const float* gate = b.data_ptr<float>();
    float* result = out.data_ptr<float>();
    at::parallel_for(0, a.numel(), 16384, [&](int64_t begin, int64_t end) {
        geluGateKernel(in + begin, gate + begin, result + begin, end - begin);
    });
    return out;
}

} // namespace unblur::model
