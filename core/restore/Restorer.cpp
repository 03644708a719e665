#include "Restorer.h"

#include "TensorImage.h"
#include "engine/Engine.h"
#include "model/CpuRuntime.h"
#include "model/ModelError.h"
#include "model/ModelFolder.h"

#include <ATen/Context.h>
#include <c10/core/InferenceMode.h>
#include <c10/util/Exception.h>
#include <chrono>
#include <new>
#include <torch/cuda.h>

namespace unblur::restore {

namespace {

/** The message of any exception, without LibTorch's C++ backtrace. */
std::string messageOf(const std::exception& e)
{
    if (const auto* torchError = dynamic_cast<const c10::Error*>(&e)) {
        return torchError->what_without_backtrace();
    }
    if (dynamic_cast<const std::bad_alloc*>(&e) != nullptr) {
        return "out of memory";
    }
    return e.what();
}

std::string joined(const std::vector<int>& values)
{
    std::string text;
    for (const int value : values) {
        text += (text.empty() ? "" : "-") + std::to_string(value);
    }
    return text;
}

std::string describeConfig(const model::HiDiffConfig& config)
{
    return "dim " + std::to_string(config.g.dim) + ", blocks " + joined(config.g.numBlocks) + ", " +
           std::to_string(config.schedule.timesteps) + " diffusion steps";
}

} // namespace

struct Restorer::Impl
{
    std::unique_ptr<engine::Engine> engine;
    ModelSummary summary;
};

Restorer::Restorer() : m_impl(std::make_unique<Impl>()) {}

Restorer::~Restorer() = default;

std::unique_ptr<Restorer> Restorer::open(const std::string& folder, std::string& error)
{
    const auto start = std::chrono::steady_clock::now();
    try {
        model::LoadedModel loaded = model::loadModelFolder(folder);
        std::unique_ptr<Restorer> restorer(new Restorer());
        ModelSummary& summary = restorer->m_impl->summary;
        summary.folder = folder;
        summary.name = loaded.info.displayName();
        summary.notes = loaded.info.notes;
        summary.configuration = describeConfig(loaded.model->config());
        restorer->m_impl->engine = std::make_unique<engine::Engine>(std::move(loaded.model));
        summary.loadSeconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        error.clear();
        return restorer;
    } catch (const std::exception& e) {
        error = messageOf(e);
        return nullptr;
    }
}

const ModelSummary& Restorer::model() const
{
    return m_impl->summary;
}

RestoreResult Restorer::restore(const io::FloatImage& image, const RestoreOptions& options,
                                const RestoreObserver& observer, const CancelToken* cancel)
{
    RestoreResult result;
    try {
        c10::InferenceMode inference;
        engine::EngineResult restored = m_impl->engine->process(
            toTensor(image), options.engine, observer, cancel ? cancel->flag() : nullptr);
        result.tileSize = restored.tileSize;
        result.tiles = restored.tiles;
        result.device = std::move(restored.device);
        result.notes = std::move(restored.notes);
        result.precision = restored.precision;
        result.precisionNote = std::move(restored.precisionNote);
        result.seconds = restored.seconds;
        if (restored.status == engine::EngineStatus::Cancelled) {
            result.status = RestoreStatus::Cancelled;
            return result;
        }
        result.image = fromTensor(restored.image, image);
        restored.image = torch::Tensor(); // the memory goes before the refinement's
        result.refinement.summary = refine::refineModeName(refine::RefineMode::Off);
        if (options.refine != refine::RefineMode::Off) {
            const auto start = std::chrono::steady_clock::now();
            io::FloatImage refined =
                refine::refineShake(image, result.image, options.refine, result.refinement);
            if (options.keepNetworkOutput) {
                result.networkImage = std::move(result.image);
            }
            result.image = std::move(refined);
            result.refineSeconds =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            result.seconds += result.refineSeconds;
        }
        if (options.protectSharp) {
            const auto start = std::chrono::steady_clock::now();
            result.blur = blur::BlurAnalyzer(options.blur).assess(image);
            blur::blendThroughWeight(image, result.image, result.blur.restoreWeight);
            result.protectSeconds =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            result.seconds += result.protectSeconds;
        }
    } catch (const std::exception& e) {
        result.status = RestoreStatus::Failed;
        result.message = messageOf(e);
        result.image = io::FloatImage();
    }
    return result;
}

void Restorer::warmUp(const RestoreOptions& options)
{
    io::FloatImage probe;
    probe.width = probe.height = 64;
    probe.channels = 3;
    probe.pixels.assign(probe.sampleCount(), 0.5f);
    restore(probe, options);
}

int Restorer::automaticTileSize(const RestoreOptions& options)
{
    c10::InferenceMode inference;
    return m_impl->engine->automaticTileSize(options.engine);
}

std::string Restorer::check(const RestoreOptions& options)
{
    try {
        engine::Engine::checkOptions(options.engine); // resolves the device too
    } catch (const std::exception& e) {
        return messageOf(e);
    }
    return {};
}

DeviceDescription Restorer::describeDevice(const RestoreOptions& options)
{
    const torch::Device device = engine::Engine::resolveDevice(options.engine.device);
    return {engine::Engine::describeDevice(device), device.is_cpu()};
}

std::vector<std::string> Restorer::cudaDevices(std::string* whyNone)
{
    std::vector<std::string> names;
    if (!at::hasCUDA()) {
        if (whyNone != nullptr) {
            *whyNone = "This build of LibTorch has no CUDA support.";
        }
        return names;
    }
    const int count = int(torch::cuda::device_count());
    if (count == 0 && whyNone != nullptr) {
        *whyNone = "No CUDA GPU was found.";
    }
    for (int i = 0; i < count; ++i) {
        names.push_back(engine::Engine::describeDevice(
            torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(i))));
    }
    return names;
}

int Restorer::configureThreads(int requested)
{
    return model::configureCpuThreads(requested);
}

void Restorer::ensureFastCpuKernels(char** argv)
{
    model::ensureFastBlasKernels(argv);
}

} // namespace unblur::restore
