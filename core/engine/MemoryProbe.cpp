#include "MemoryProbe.h"

#include <algorithm>
#include <atomic>
#include <c10/core/Allocator.h>
#include <c10/util/ThreadLocalDebugInfo.h>
#include <fstream>
#include <string>

#ifdef UNBLUR_WITH_CUDA
#include <c10/cuda/CUDACachingAllocator.h>
#include <cuda_runtime_api.h>
#endif

namespace unblur::engine {
namespace {

// The type of reportMemoryUsage's running totals: int64_t in LibTorch 1.13, size_t in 2.x.
template <typename Method> struct TotalsArgument;
template <typename C, typename P, typename S, typename T, typename R, typename D>
struct TotalsArgument<void (C::*)(P, S, T, R, D)>
{
    using type = T;
};
using Totals = TotalsArgument<decltype(&c10::MemoryReportingInfoBase::reportMemoryUsage)>::type;

} // namespace

struct MemoryProbe::CpuReporter : c10::MemoryReportingInfoBase
{
    void reportMemoryUsage(void*, int64_t size, Totals, Totals, c10::Device device) override
    {
        if (!device.is_cpu()) {
            return;
        }
        const int64_t now = current.fetch_add(size) + size;
        int64_t seen = peak.load();
        while (now > seen && !peak.compare_exchange_weak(seen, now)) {
        }
    }
    bool memoryProfilingEnabled() const override { return true; }

    std::atomic<int64_t> current{0};
    std::atomic<int64_t> peak{0};
};

struct DebugInfoGuardHolder
{
    explicit DebugInfoGuardHolder(std::shared_ptr<c10::DebugInfoBase> info)
        : guard(c10::DebugInfoKind::PROFILER_STATE, std::move(info))
    {
    }
    c10::DebugInfoGuard guard;
};

MemoryProbe::MemoryProbe(const torch::Device& device) : m_device(device)
{
    if (device.is_cpu()) {
        m_reporter = std::make_shared<CpuReporter>();
        m_guard = std::make_unique<DebugInfoGuardHolder>(m_reporter);
        return;
    }
#ifdef UNBLUR_WITH_CUDA
    const int index = device.has_index() ? device.index() : 0;
    c10::cuda::CUDACachingAllocator::resetPeakStats(index);
    const auto stats = c10::cuda::CUDACachingAllocator::getDeviceStats(index);
    m_cudaStart = stats.allocated_bytes[0].current;
#endif
}

MemoryProbe::~MemoryProbe() = default;

int64_t MemoryProbe::peakBytes() const
{
    if (m_reporter) {
        return m_reporter->peak.load();
    }
#ifdef UNBLUR_WITH_CUDA
    const int index = m_device.has_index() ? m_device.index() : 0;
    const auto stats = c10::cuda::CUDACachingAllocator::getDeviceStats(index);
    return std::max<int64_t>(0, stats.allocated_bytes[0].peak - m_cudaStart);
#else
    return 0;
#endif
}

int64_t availableSystemMemory()
{
    std::ifstream meminfo("/proc/meminfo");
    std::string key;
    int64_t value = 0;
    std::string unit;
    while (meminfo >> key >> value >> unit) {
        if (key == "MemAvailable:") {
            return value * 1024;
        }
    }
    return 0;
}

int64_t freeCudaMemory(const torch::Device& device)
{
#ifdef UNBLUR_WITH_CUDA
    size_t freeBytes = 0, totalBytes = 0;
    int previous = 0;
    cudaGetDevice(&previous);
    cudaSetDevice(device.has_index() ? device.index() : 0);
    const bool ok = cudaMemGetInfo(&freeBytes, &totalBytes) == cudaSuccess;
    cudaSetDevice(previous);
    // Memory the caching allocator holds but does not use is free for us too.
    const auto stats =
        c10::cuda::CUDACachingAllocator::getDeviceStats(device.has_index() ? device.index() : 0);
    const int64_t cached = stats.reserved_bytes[0].current - stats.allocated_bytes[0].current;
    return ok ? int64_t(freeBytes) + std::max<int64_t>(0, cached) : 0;
#else
    (void)device;
    return 0;
#endif
}

} // namespace unblur::engine
