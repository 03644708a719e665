#include "PrecisionScope.h"

#include "model/Autocast.h"

#include <ATen/autocast_mode.h>
#include <cstdlib>
#include <string>
#include <torch/version.h>

namespace unblur::engine {

using model::autocastEnabled;
using model::autocastType;
using model::setAutocastEnabled;
using model::setAutocastType;

PrecisionScope::PrecisionScope(Precision precision, const torch::Device& device,
                               model::BFloat16Weights& cpuWeights)
{
    if (precision == Precision::Float32 || precision == Precision::Auto) {
        return;
    }
    if (precision == Precision::BFloat16 && !device.is_cuda()) {
        m_cpuBFloat16 = std::make_unique<model::ScopedBFloat16Path>(cpuWeights);
        return;
    }
    m_active = true;
    m_deviceType = device.is_cuda() ? at::kCUDA : at::kCPU;
    m_previousEnabled = autocastEnabled(m_deviceType);
    m_previousType = autocastType(m_deviceType);
    setAutocastType(m_deviceType, precision == Precision::Float16 ? at::kHalf : at::kBFloat16);
    setAutocastEnabled(m_deviceType, true);
    m_referencePath = std::make_unique<model::ScopedReferencePath>();
}

PrecisionScope::~PrecisionScope()
{
    if (!m_active) {
        return;
    }
    setAutocastEnabled(m_deviceType, m_previousEnabled);
    setAutocastType(m_deviceType, m_previousType);
    at::autocast::clear_cache();
}

bool cpuBFloat16Detected()
{
    const char* forced = std::getenv("UNBLUR_CPU_BF16");
    if (forced != nullptr && (std::string(forced) == "0" || std::string(forced) == "1")) {
        return std::string(forced) == "1";
    }
    return model::cpuHasNativeBFloat16();
}

} // namespace unblur::engine
