#pragma once

#include <cstdint>
#include <functional>
#include <string>

// The engine's options and progress, free of LibTorch types: the photo-level API
// (restore::Restorer) and everything above it include this, not EngineTypes.h.

namespace unblur::engine {

enum class Precision
{
    Float32,
    Float16,  ///< CUDA only
    BFloat16, ///< CUDA; on the CPU fast with native bf16 (AVX-512 BF16 / AMX), else emulated
    /**
     * The engine picks: float32 on CUDA and on CPUs without bf16 instructions; on a CPU with
     * them, bf16 when a probe tile runs faster in it (measured once per engine).
     */
    Auto,
};

/**
 * Parses "auto", "fp32", "fp16", "bf16" (also "float32", "float16", "bfloat16"); throws on
 * others.
 */
Precision parsePrecision(const std::string& text);
std::string precisionName(Precision precision);

/** True for the self-ensemble sizes offered: 1, 2, 4 or 8. */
bool isEnsembleSize(int views);

struct EngineOptions
{
    std::string device = "auto";              ///< "auto", "cpu", "cuda" or "cuda:N"
    Precision precision = Precision::Float32; ///< the CLI and the GUI default to Auto
    int tileSize = 0; ///< 0: automatic, from the memory budget; else a multiple of 8
    int overlap = 32; ///< pixels shared by neighbouring tiles (blended)
    uint64_t seed = 1234;
    /** Self-ensemble: each tile restored in 1, 2, 4 or 8 flipped/turned views, averaged. */
    int views = 1;
    /** Memory the model may use for one tile, in bytes; 0: a share of what the device has. */
    int64_t memoryBudget = 0;
};

/** What a progress callback receives; called from the thread running process(). */
struct EngineProgress
{
    int tilesDone = 0;
    int tilesTotal = 0;
    std::string stage; ///< "encoding", "diffusion 3/8", "restoring", "blending"...
    double elapsedSeconds = 0;
    double etaSeconds = -1; ///< -1 until the first tile has finished
    int tileSize = 0;
};
using ProgressCallback = std::function<void(const EngineProgress&)>;

} // namespace unblur::engine
