#pragma once

#include <cstdint>
#include <memory>
#include <torch/types.h>

namespace unblur::engine {

/**
 * Measures the peak of tensor memory allocated while it lives, on the CPU through LibTorch's
 * allocation reporting (the hook its memory profiler uses), on CUDA through the caching
 * allocator's statistics. Install on the thread that runs the model.
 */
class MemoryProbe
{
public:
    explicit MemoryProbe(const torch::Device& device);
    ~MemoryProbe();

    /** Peak bytes allocated above the level at construction. */
    int64_t peakBytes() const;

private:
    struct CpuReporter;
    torch::Device m_device;
    std::shared_ptr<CpuReporter> m_reporter;
    std::unique_ptr<struct DebugInfoGuardHolder> m_guard;
    int64_t m_cudaStart = 0;
};

/** Bytes the OS says are available (MemAvailable), or 0 when unknown. */
int64_t availableSystemMemory();

/** Free bytes on a CUDA device, or 0 when unknown or built without CUDA. */
int64_t freeCudaMemory(const torch::Device& device);

} // namespace unblur::engine
