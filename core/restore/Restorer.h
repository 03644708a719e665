#pragma once

#include "CancelToken.h"
#include "RestoreOptions.h"
#include "blur/BlurAnalyzer.h"
#include "io/FloatImage.h"

#include <memory>
#include <string>
#include <vector>

namespace unblur::restore {

/** A loaded model, as people see it. */
struct ModelSummary
{
    std::string folder;
    std::string name;               ///< "Unblur default 1.0", else the folder's name
    std::vector<std::string> notes; ///< what loading noticed, e.g. "net_g.pth: using params_ema"
    std::string configuration;      ///< "dim 48, blocks 1-3-8-20, 8 diffusion steps"
    double loadSeconds = 0;
};

using RestoreProgress = engine::EngineProgress;
/** Called on the restoring thread at least once per tile and per diffusion step. */
using RestoreObserver = std::function<void(const RestoreProgress&)>;

enum class RestoreStatus
{
    Done,
    Cancelled,
    Failed,
};

struct RestoreResult
{
    RestoreStatus status = RestoreStatus::Done;
    io::FloatImage image; ///< shaped like the input (channels, alpha, bit depth); empty unless Done
    std::string message;  ///< why it failed, without LibTorch's backtrace
    int tileSize = 0;
    int tiles = 0;
    std::string device; ///< "cpu (2 threads)", "cuda:0 (NVIDIA H100 80GB HBM3)"
    std::vector<std::string> notes;
    engine::Precision precision = engine::Precision::Float32; ///< what ran (never Auto)
    /** Why, where the choice needs a word: "float32 (this CPU has no bf16 instructions)". */
    std::string precisionNote;
    double seconds = 0; ///< the whole restore, refinement included
    /** What the shake refinement did ("off" when not asked for). */
    refine::RefineReport refinement;
    /** The network's output before the refinement, with options.keepNetworkOutput only. */
    io::FloatImage networkImage;
    double refineSeconds = 0;
    /** The input's blur assessment, with options.protectSharp only (maps included). */
    blur::BlurAssessment blur;
    double protectSeconds = 0;

    bool ok() const { return status == RestoreStatus::Done; }
};

/** A device an options' `engine.device` names, resolved. */
struct DeviceDescription
{
    std::string text; ///< "cpu (2 threads)", "cuda:0 (NVIDIA H100 80GB HBM3)"
    bool cpu = true;
};

/**
 * Restores photos with one loaded HI-Diff model: the photo-level API that the CLI, the GUI
 * and batch use. It owns what every caller needs around the tiled engine: inference mode, the
 * photo-tensor bridge (grey, alpha and bit depth kept), device and precision resolution, and
 * turning LibTorch's exceptions into messages. Its header carries no LibTorch type.
 * restore() may be called from any one thread at a time.
 */
class Restorer
{
public:
    ~Restorer();
    Restorer(const Restorer&) = delete;
    Restorer& operator=(const Restorer&) = delete;

    /**
     * Loads the model folder (net_g.pth, net_le_dm.pth, net_d.pth, optional model.json).
     * Returns null and sets `error` (naming the file and the reason) when it cannot.
     */
    static std::unique_ptr<Restorer> open(const std::string& folder, std::string& error);

    const ModelSummary& model() const;

    /**
     * Restores `image`. Never throws: a bad option, a device error or running out of memory
     * gives status Failed with the message; `cancel` gives Cancelled within one tile or
     * diffusion step.
     */
    RestoreResult restore(const io::FloatImage& image, const RestoreOptions& options,
                          const RestoreObserver& observer = {},
                          const CancelToken* cancel = nullptr);

    /** Restores a small image once, outside any timing: the memory probe of automatic tiles
     *  and a cold model's first allocations. */
    void warmUp(const RestoreOptions& options);

    /** The tile side automatic tiles use at most here (measures the model on first use). */
    int automaticTileSize(const RestoreOptions& options);

    /**
     * Why `options` cannot be used, before any work (no such device, precision impossible
     * there, tile or overlap out of range, ensemble size); empty when they can.
     */
    static std::string check(const RestoreOptions& options);

    /** The device `options` name; check() them first. */
    static DeviceDescription describeDevice(const RestoreOptions& options);

    /**
     * The CUDA devices ("cuda:0 (NVIDIA ...)"); none, with the reason in `whyNone`, when this
     * LibTorch has no CUDA or no GPU is present.
     */
    static std::vector<std::string> cudaDevices(std::string* whyNone = nullptr);

    /** Sets the CPU threads (0: every core); returns the count used. */
    static int configureThreads(int requested);

    /**
     * Call first in main(): re-executes the program once with OpenBLAS's fast kernels where
     * OpenBLAS did not recognise the CPU (see model::ensureFastBlasKernels).
     */
    static void ensureFastCpuKernels(char** argv);

private:
    Restorer();
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace unblur::restore
