#pragma once

#include <torch/types.h>

namespace unblur::model {

/**
 * A host tensor on `device`: to a GPU through pinned memory without waiting for the copy
 * (the caching host allocator keeps the pinned block until the copy is done), elsewhere as is.
 */
inline torch::Tensor toDevice(const torch::Tensor& host, const torch::Device& device)
{
    if (device.is_cuda()) {
        return host.pin_memory().to(device, /*non_blocking=*/true);
    }
    return host.to(device);
}

} // namespace unblur::model
