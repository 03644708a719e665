#pragma once

#include "EngineTypes.h"
#include "model/FastPath.h"

#include <memory>
#include <torch/types.h>

namespace unblur::engine {

/**
 * Runs the model in reduced precision while it lives: LibTorch's autocast for the device,
 * which keeps LayerNorm, softmax and norms in float32, with the reference formulation of the
 * model (the fused CPU path is float32 only). Nothing changes for float32.
 */
class PrecisionScope
{
public:
    PrecisionScope(Precision precision, const torch::Device& device);
    ~PrecisionScope();
    PrecisionScope(const PrecisionScope&) = delete;
    PrecisionScope& operator=(const PrecisionScope&) = delete;

private:
    bool m_active = false;
    at::DeviceType m_deviceType = at::kCPU;
    bool m_previousEnabled = false;
    at::ScalarType m_previousType = at::kFloat;
    std::unique_ptr<model::ScopedReferencePath> m_referencePath;
};

/** Whether this CPU computes bfloat16 natively (AVX-512 BF16 or AMX). */
bool cpuHasNativeBFloat16();

} // namespace unblur::engine
