#pragma once

#include "EngineTypes.h"
#include "model/FastPath.h"

#include <memory>
#include <torch/types.h>

namespace unblur::engine {

/**
 * Runs the model in reduced precision while it lives. On CUDA: LibTorch's autocast, which
 * keeps LayerNorm, softmax and norms in float32, with the reference formulation of the model.
 * bf16 on the CPU: the fast path in bf16 (model::ScopedBFloat16Path) with `cpuWeights`, the
 * model's bf16 weight copies; CPU autocast is not used (LibTorch 1.13's mixes bf16 and float32
 * operands in this model's layers). Nothing changes for float32. Never Auto: resolve it first.
 */
class PrecisionScope
{
public:
    PrecisionScope(Precision precision, const torch::Device& device,
                   model::BFloat16Weights& cpuWeights);
    ~PrecisionScope();
    PrecisionScope(const PrecisionScope&) = delete;
    PrecisionScope& operator=(const PrecisionScope&) = delete;

private:
    bool m_active = false;
    at::DeviceType m_deviceType = at::kCPU;
    bool m_previousEnabled = false;
    at::ScalarType m_previousType = at::kFloat;
    std::unique_ptr<model::ScopedReferencePath> m_referencePath;
    std::unique_ptr<model::ScopedBFloat16Path> m_cpuBFloat16;
};

/**
 * Whether Precision::Auto treats this CPU as computing bf16 natively (AVX-512 BF16 or AMX,
 * from /proc/cpuinfo). The environment variable UNBLUR_CPU_BF16=0 or =1 forces the answer
 * (tests; a CPU whose flags mislead); the model's kernels still follow the real CPU.
 */
bool cpuBFloat16Detected();

} // namespace unblur::engine
