#include "GradientClip.h"

#include <torch/torch.h>

namespace unblur::train {

torch::Tensor clipGradientNorm(const std::vector<torch::Tensor>& parameters, double maxNorm)
{
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> grads, norms;
    for (const torch::Tensor& p : parameters) {
        if (p.grad().defined()) {
            grads.push_back(p.grad());
            norms.push_back(p.grad().norm());
        }
    }
    if (grads.empty()) {
        return torch::zeros({});
    }
    const torch::Tensor total = torch::stack(norms).norm();
    if (maxNorm > 0) {
        const torch::Tensor scale = torch::clamp_max(maxNorm / (total + 1e-6), 1.0);
        for (torch::Tensor& g : grads) {
            g.mul_(scale);
        }
    }
    return total;
}

} // namespace unblur::train
