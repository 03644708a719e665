#include "PrecisionScope.h"

#include <ATen/autocast_mode.h>
#include <fstream>
#include <sstream>
#include <string>

namespace unblur::engine {

PrecisionScope::PrecisionScope(Precision precision, const torch::Device& device)
{
    if (precision == Precision::Float32) {
        return;
    }
    const at::ScalarType type = precision == Precision::Float16 ? at::kHalf : at::kBFloat16;
    m_active = true;
    m_cuda = device.is_cuda();
    if (m_cuda) {
        m_previousEnabled = at::autocast::is_enabled();
        m_previousType = at::autocast::get_autocast_gpu_dtype();
        at::autocast::set_autocast_gpu_dtype(type);
        at::autocast::set_enabled(true);
    } else {
        m_previousEnabled = at::autocast::is_cpu_enabled();
        m_previousType = at::autocast::get_autocast_cpu_dtype();
        at::autocast::set_autocast_cpu_dtype(type);
        at::autocast::set_cpu_enabled(true);
    }
    m_referencePath = std::make_unique<model::ScopedReferencePath>();
}

PrecisionScope::~PrecisionScope()
{
    if (!m_active) {
        return;
    }
    if (m_cuda) {
        at::autocast::set_enabled(m_previousEnabled);
        at::autocast::set_autocast_gpu_dtype(m_previousType);
    } else {
        at::autocast::set_cpu_enabled(m_previousEnabled);
        at::autocast::set_autocast_cpu_dtype(m_previousType);
    }
    at::autocast::clear_cache();
}

bool cpuHasNativeBFloat16()
{
    std::ifstream cpuinfo("/proc/cpuinfo");
    std::string line;
    while (std::getline(cpuinfo, line)) {
        if (line.rfind("flags", 0) == 0) {
            std::istringstream flags(line);
            std::string flag;
            while (flags >> flag) {
                if (flag == "avx512_bf16" || flag == "amx_bf16") {
                    return true;
                }
            }
            return false;
        }
    }
    return false;
}

} // namespace unblur::engine
