#include "MixedPrecision.h"

#include "model/Autocast.h"

#include <ATen/autocast_mode.h>
#include <torch/version.h>

namespace unblur::train {

using model::autocastEnabled;
using model::autocastType;
using model::setAutocastEnabled;
using model::setAutocastType;

std::string precisionName(TrainPrecision precision)
{
    return precision == TrainPrecision::BFloat16 ? "bf16" : "fp32";
}

MixedPrecisionScope::MixedPrecisionScope(TrainPrecision precision, const torch::Device& device)
{
    if (precision == TrainPrecision::Float32) {
        return;
    }
    m_active = true;
    m_deviceType = device.is_cuda() ? at::kCUDA : at::kCPU;
    m_previousEnabled = autocastEnabled(m_deviceType);
    m_previousType = autocastType(m_deviceType);
    setAutocastType(m_deviceType, at::kBFloat16);
    setAutocastEnabled(m_deviceType, true);
    at::autocast::increment_nesting();
}

MixedPrecisionScope::~MixedPrecisionScope()
{
    if (!m_active) {
        return;
    }
    setAutocastEnabled(m_deviceType, m_previousEnabled);
    setAutocastType(m_deviceType, m_previousType);
    if (at::autocast::decrement_nesting() == 0) {
        at::autocast::clear_cache(); // the casts of this step's weights
    }
}

} // namespace unblur::train
