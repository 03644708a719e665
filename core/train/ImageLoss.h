#pragma once

#include <torch/types.h>

namespace unblur::train {

/**
 * The image term of the training loss: mean L1 on the pixels, plus `frequencyWeight` times
 * the mean L1 on the real and imaginary parts of their 2-D spectra (as MIMO-UNet's frequency
 * loss). The spectra are orthonormal, so the term does not grow with the patch size and a
 * weight of 1 sets it about level with the pixel term; it weighs every frequency alike, where
 * the pixel term is dominated by the low ones that blur leaves intact.
 */
torch::Tensor imageTermLoss(const torch::Tensor& output, const torch::Tensor& target,
                            double frequencyWeight);

} // namespace unblur::train
