#pragma once

#include <string>
#include <torch/types.h>

namespace unblur::train {

/** What the training step computes in; master weights and optimiser state stay float32. */
enum class TrainPrecision
{
    Float32,  ///< everything in float32
    BFloat16, ///< mixed: convolutions and matrix products in bfloat16 (autocast)
};

/** "fp32" or "bf16", as --precision spells them and the model card records them. */
std::string precisionName(TrainPrecision precision);

/**
 * Computes the forward pass in mixed bfloat16 while it lives: LibTorch's autocast for the
 * device, which casts the float32 weights to bfloat16 copies for convolutions and matrix
 * products (their gradients flow back to the float32 weights), while the model's LayerNorms
 * keep their statistics in float32. The cast weights are dropped at the end of the scope, so
 * the next step casts the updated weights. Nothing changes for float32.
 */
class MixedPrecisionScope
{
public:
    MixedPrecisionScope(TrainPrecision precision, const torch::Device& device);
    ~MixedPrecisionScope();
    MixedPrecisionScope(const MixedPrecisionScope&) = delete;
    MixedPrecisionScope& operator=(const MixedPrecisionScope&) = delete;

private:
    bool m_active = false;
    at::DeviceType m_deviceType = at::kCPU;
    bool m_previousEnabled = false;
    at::ScalarType m_previousType = at::kFloat;
};

} // namespace unblur::train
