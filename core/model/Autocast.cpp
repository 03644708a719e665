#include "Autocast.h"

#include <ATen/autocast_mode.h>
#include <torch/version.h>

namespace unblur::model {

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

} // namespace unblur::model
