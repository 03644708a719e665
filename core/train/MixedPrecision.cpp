#include "MixedPrecision.h"

#include <ATen/autocast_mode.h>
#include <torch/version.h>

namespace unblur::train {

namespace {

// LibTorch 2.4 replaced the per-backend autocast calls by ones taking the device type.
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
bool autocastEnabled(at::DeviceType type)
{
    return at::autocast::is_autocast_enabled(type);
}
void setAutocastEnabled(at::DeviceType type, bool enabled)
{
    at::autocast::set_autocast_enabled(type, enabled);
}
at::ScalarType autocastType(at::DeviceType type)
{
    return at::autocast::get_autocast_dtype(type);
}
void setAutocastType(at::DeviceType type, at::ScalarType scalar)
{
    at::autocast::set_autocast_dtype(type, scalar);
}
#else
bool autocastEnabled(at::DeviceType type)
{
    return type == at::kCUDA ? at::autocast::is_enabled() : at::autocast::is_cpu_enabled();
}
void setAutocastEnabled(at::DeviceType type, bool enabled)
{
    type == at::kCUDA ? at::autocast::set_enabled(enabled) : at::autocast::set_cpu_enabled(enabled);
}
at::ScalarType autocastType(at::DeviceType type)
{
    return type == at::kCUDA ? at::autocast::get_autocast_gpu_dtype()
                             : at::autocast::get_autocast_cpu_dtype();
}
void setAutocastType(at::DeviceType type, at::ScalarType scalar)
{
    type == at::kCUDA ? at::autocast::set_autocast_gpu_dtype(scalar)
                      : at::autocast::set_autocast_cpu_dtype(scalar);
}
#endif

} // namespace

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
