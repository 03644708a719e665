#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <torch/types.h>
#include <vector>

namespace unblur::engine {

enum class Precision
{
    Float32,
    Float16,  ///< CUDA only
    BFloat16, ///< CUDA, or CPUs with native bf16 (AVX-512 BF16 / AMX)
};

/** Parses "fp32", "fp16", "bf16" (also "float32", "float16", "bfloat16"); throws on others. */
Precision parsePrecision(const std::string& text);
std::string precisionName(Precision precision);

struct EngineOptions
{
    std::string device = "auto"; ///< "auto", "cpu", "cuda" or "cuda:N"
    Precision precision = Precision::Float32;
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

enum class EngineStatus
{
    Done,
    Cancelled,
};

struct EngineResult
{
    EngineStatus status = EngineStatus::Done;
    torch::Tensor image; ///< (1,3,H,W) float32 on the CPU, unclamped; empty when cancelled
    int tileSize = 0;    ///< the tile size used (after any out-of-memory halving)
    int tiles = 0;
    std::string device;             ///< e.g. "cpu (2 threads)" or "cuda:0 (NVIDIA H100)"
    std::vector<std::string> notes; ///< e.g. "out of memory at tile 512: halved to 256"
    double seconds = 0;
};

} // namespace unblur::engine
