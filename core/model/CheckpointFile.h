#pragma once

#include "StateDict.h"

#include <string>

namespace unblur::model {

/** What a BasicSR checkpoint file holds: the tensors and which entry they came from. */
struct Checkpoint
{
    StateDict params;
    std::string entry;                ///< "params_ema" when the file has it, else "params"
    std::vector<std::string> entries; ///< every top-level key found in the file
};

/**
 * Reads a checkpoint written by `torch.save({'params': state_dict})` (PyTorch zip format),
 * without Python. Tensors come back as contiguous float32 CPU tensors.
 * Throws ModelError naming the file and the reason for anything it cannot read.
 */
Checkpoint readCheckpoint(const std::string& path);

/** How writeCheckpoint stores tensors: float32, or float16 at half the size on disk. */
enum class StoredPrecision
{
    Float32,
    Float16
};

/**
 * Writes `{'params': OrderedDict(state_dict)}` in the PyTorch zip format that
 * `torch.load` reads, atomically (temporary file, then rename). Tensors are stored as
 * `precision`; Float16 refuses, naming the tensor, values that float16 cannot hold.
 */
void writeCheckpoint(const std::string& path, const StateDict& params,
                     StoredPrecision precision = StoredPrecision::Float32);

} // namespace unblur::model
