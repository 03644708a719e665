#include "Engine.h"

#include "EngineInternal.h"
#include "MemoryProbe.h"
#include "PrecisionScope.h"
#include "TileGrid.h"
#include "model/ModelError.h"
#include "model/ModelFolder.h"

#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>
#include <c10/util/Exception.h>
#include <chrono>
#include <cmath>
#include <torch/cuda.h>

#ifdef UNBLUR_WITH_CUDA
#include <c10/cuda/CUDACachingAllocator.h>
#include <cuda_runtime_api.h>
#endif

namespace unblur::engine {
namespace {

constexpr int kMinTile = 128;
constexpr int kMaxTile = 4096;
constexpr int64_t kCpuBudgetCap = int64_t(768) << 20; // keeps a GoPro-size run under 1.5 GiB

uint64_t splitMix64(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

void releaseCudaCache()
{
#ifdef UNBLUR_WITH_CUDA
    c10::cuda::CUDACachingAllocator::emptyCache();
#endif
}

} // namespace

Engine::Engine(std::unique_ptr<model::HiDiffModel> model)
    : m_model(std::move(model)), m_impl(std::make_unique<Impl>())
{
}

Engine::~Engine() = default;

std::unique_ptr<Engine> Engine::fromFolder(const std::string& folder)
{
    return std::make_unique<Engine>(model::loadModelFolder(folder).model);
}

uint64_t Engine::tileSeed(uint64_t seed, int64_t y, int64_t x)
{
    if (y == 0 && x == 0) {
        return seed; // the whole-image draw, for parity with the published code
    }
    return splitMix64(seed ^ splitMix64((uint64_t(y) << 32) ^ uint64_t(x)));
}

torch::Device Engine::resolveDevice(const std::string& name)
{
    if (name == "cpu") {
        return torch::Device(torch::kCPU);
    }
    if (name == "auto") {
        return torch::cuda::is_available() ? torch::Device(torch::kCUDA, 0)
                                           : torch::Device(torch::kCPU);
    }
    if (name.rfind("cuda", 0) == 0) {
        if (!torch::cuda::is_available()) {
            throw model::ModelError("device '" + name +
                                    "' is not available: this LibTorch has no CUDA support or "
                                    "no GPU is present; use cpu");
        }
        int index = 0;
        if (name.size() > 4) {
            if (name[4] != ':' || name.size() == 5 ||
                name.find_first_not_of("0123456789", 5) != std::string::npos) {
                throw model::ModelError("unknown device '" + name + "'; use cuda or cuda:N");
            }
            index = std::stoi(name.substr(5));
        }
        if (index >= int(torch::cuda::device_count())) {
            throw model::ModelError("device '" + name + "' does not exist: " +
                                    std::to_string(torch::cuda::device_count()) +
                                    " CUDA device(s) present");
        }
        return torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(index));
    }
    throw model::ModelError("unknown device '" + name + "'; use auto, cpu, cuda or cuda:N");
}

std::string Engine::describeDevice(const torch::Device& device)
{
    if (device.is_cpu()) {
        const int threads = at::get_num_threads();
        return "cpu (" + std::to_string(threads) + (threads == 1 ? " thread)" : " threads)");
    }
    std::string text = device.str();
#ifdef UNBLUR_WITH_CUDA
    cudaDeviceProp properties{};
    if (cudaGetDeviceProperties(&properties, device.has_index() ? device.index() : 0) ==
        cudaSuccess) {
        text += std::string(" (") + properties.name + ")";
    }
#endif
    return text;
}

double Engine::bytesPerPixel(const torch::Device& device)
{
    const std::string key = device.str();
    const auto known = m_impl->bytesPerPixel.find(key);
    if (known != m_impl->bytesPerPixel.end()) {
        return known->second;
    }
    if (m_model->device() != device) {
        m_model->to(device);
    }
    // Peak tensor memory of two probe tiles; the slope is what each extra pixel costs.
    c10::InferenceMode inference;
    auto peakFor = [&](int64_t side) {
        const torch::Tensor probe = torch::rand({1, 3, side, side}).to(device);
        MemoryProbe memory(device);
        m_model->restore(probe, 0);
        return double(memory.peakBytes());
    };
    const double small = peakFor(64), large = peakFor(128);
    double perPixel = (large - small) / double(128 * 128 - 64 * 64);
    if (!(perPixel > 0)) {
        perPixel = large / double(128 * 128);
    }
    if (!(perPixel > 0)) {
        // No measurement possible (no allocation reporting): a generous estimate.
        perPixel = 4.0 * 160.0 * m_model->config().g.dim;
    }
    perPixel *= 1.15; // allocator slack and fragmentation
    m_impl->bytesPerPixel[key] = perPixel;
    return perPixel;
}

int Engine::automaticTileSize(const EngineOptions& options)
{
    const torch::Device device = resolveDevice(options.device);
    int64_t budget = options.memoryBudget;
    if (budget <= 0) {
        if (device.is_cuda()) {
            budget = int64_t(0.8 * double(freeCudaMemory(device)));
        } else {
            const int64_t available = availableSystemMemory();
            budget = available > 0 ? std::min(available / 2, kCpuBudgetCap) : kCpuBudgetCap;
        }
    }
    const double side = std::sqrt(double(budget) / bytesPerPixel(device));
    const int tile = int(side) / 8 * 8;
    return std::clamp(tile, kMinTile, kMaxTile);
}

EngineResult Engine::process(const torch::Tensor& input, const EngineOptions& options,
                             const ProgressCallback& progress, const std::atomic<bool>* cancel)
{
    const auto start = std::chrono::steady_clock::now();
    const torch::Tensor image = (input.dim() == 3 ? input.unsqueeze(0) : input)
                                    .to(torch::kCPU, torch::kFloat32)
                                    .contiguous();
    if (image.dim() != 4 || image.size(0) != 1 || image.size(1) != 3 || image.size(2) < 1 ||
        image.size(3) < 1) {
        throw model::ModelError("the engine takes one RGB image, (1,3,H,W) or (3,H,W)");
    }
    checkOptions(options);
    const torch::Device device = resolveDevice(options.device);

    EngineResult result;
    if (options.tileSize > 0) {
        result.tileSize = options.tileSize;
    } else {
        if (progress && !m_impl->bytesPerPixel.count(device.str())) {
            EngineProgress measuring;
            measuring.stage = "measuring memory";
            progress(measuring);
        }
        result.tileSize = automaticTileSize(options);
        // The budget bounds a tile's area: an image within it goes through whole.
        const int64_t side = std::max(image.size(2), image.size(3));
        if (image.size(2) * image.size(3) <= int64_t(result.tileSize) * result.tileSize &&
            side <= 2 * result.tileSize) {
            result.tileSize = int((side + 7) / 8 * 8);
        }
    }
    if (m_model->device() != device) {
        m_model->to(device);
    }
    result.device = describeDevice(device);
    c10::InferenceMode inference;
    EngineOptions resolved = options;
    resolved.precision = resolvePrecision(options, device, image, result.precisionNote);
    result.precision = resolved.precision;
    for (;;) {
        try {
            result.image = runTiles(image, resolved, device, result, progress, cancel, start);
            break;
        } catch (const Cancelled&) {
            result.status = EngineStatus::Cancelled;
            result.image = torch::Tensor();
            break;
        } catch (const c10::OutOfMemoryError&) {
            if (!device.is_cuda() || result.tileSize / 2 < 64) {
                throw model::ModelError("out of memory on " + result.device + " even with " +
                                        std::to_string(result.tileSize) + " px tiles");
            }
            releaseCudaCache();
            const int smaller = result.tileSize / 2 / 8 * 8;
            result.notes.push_back("out of memory with " + std::to_string(result.tileSize) +
                                   " px tiles: retried with " + std::to_string(smaller) + " px");
            result.tileSize = smaller;
        }
    }
    result.seconds = secondsSince(start);
    return result;
}

} // namespace unblur::engine
