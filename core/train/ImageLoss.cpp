#include "train/ImageLoss.h"

#include <torch/fft.h>
#include <torch/nn/functional/loss.h>

namespace unblur::train {

torch::Tensor imageTermLoss(const torch::Tensor& output, const torch::Tensor& target,
                            double frequencyWeight)
{
    torch::Tensor loss = torch::l1_loss(output, target);
    if (frequencyWeight > 0) {
        const auto spectrum = [](const torch::Tensor& image) {
            // The sizes given explicitly: LibTorch 1.13 and 2.x spell "none" differently.
            const at::IntArrayRef size = image.sizes().slice(image.dim() - 2);
            return torch::view_as_real(torch::fft::rfft2(image, size, {-2, -1}, "ortho"));
        };
        loss = loss + frequencyWeight * torch::l1_loss(spectrum(output), spectrum(target));
    }
    return loss;
}

} // namespace unblur::train
