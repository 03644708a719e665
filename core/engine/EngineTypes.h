#pragma once

#include "EngineOptions.h"

#include <string>
#include <torch/types.h>
#include <vector>

namespace unblur::engine {

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
    std::string device;                       ///< e.g. "cpu (2 threads)" or "cuda:0 (NVIDIA H100)"
    std::vector<std::string> notes;           ///< e.g. "out of memory at tile 512: halved to 256"
    Precision precision = Precision::Float32; ///< what ran (never Auto)
    /** Why, where the choice needs a word: "float32 (this CPU has no bf16 instructions)". */
    std::string precisionNote;
    double seconds = 0;
};

} // namespace unblur::engine
