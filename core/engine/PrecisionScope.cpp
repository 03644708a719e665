#include "PrecisionScope.h"

#include <ATen/autocast_mode.h>
#include <cstdlib>
#include <string>
#include <torch/version.h>

namespace unblur::engine {

namespace {

// LibTorch 2.4 replaced the per-backend autocast calls by ones taking the device type; the
// old names stay only as deprecated wrappers that warn at every call.
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
