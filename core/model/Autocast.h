#pragma once

#include <c10/core/DeviceType.h>
#include <c10/core/ScalarType.h>

namespace unblur::model {

/**
 * LibTorch's autocast state per device type (CPU or CUDA), through whichever calls this
 * LibTorch has: 2.4 replaced the per-backend ones by calls taking the device type, and the old
 * names stay only as deprecated wrappers that warn at every call.
 */
bool autocastEnabled(c10::DeviceType type);
void setAutocastEnabled(c10::DeviceType type, bool enabled);
c10::ScalarType autocastType(c10::DeviceType type);
void setAutocastType(c10::DeviceType type, c10::ScalarType scalar);

} // namespace unblur::model
