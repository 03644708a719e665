#pragma once

#include "io/FloatImage.h"

#include <torch/types.h>

namespace unblur::restore {

// The bridge between photos and the engine's tensors; only the Restorer uses it.

/**
 * The image's colour as a (1,3,H,W) float32 CPU tensor in [0,1]. Grey becomes three equal
 * channels; alpha is left out (fromTensor takes it back from the source).
 */
torch::Tensor toTensor(const io::FloatImage& image);

/**
 * A restored (1,3,H,W) tensor (any device, any range) as an image shaped like `source`:
 * clamped to [0,1], same channels and bit depth; grey is the mean of the three channels and
 * the source's alpha is re-attached untouched.
 */
io::FloatImage fromTensor(const torch::Tensor& rgb, const io::FloatImage& source);

} // namespace unblur::restore
