#pragma once

#include <string>
#include <vector>

namespace unblur::train {

/** One model folder of a weighted average, and its weight. */
struct WeightedModel
{
    std::string folder;
    double weight = 1;
};

/**
 * Writes to `out` a model folder whose weights are the weighted mean of the inputs' (a "model
 * soup": fine-tunes of one model often average to one better than each). The inputs must have
 * the same checkpoint files, keys and shapes; weights are normalised to sum to 1. The model
 * card takes the first input's name, description, licence and configuration, `version`, the
 * union of the inputs' data and lineage (by run id), and one entry `runId` (default: `out`'s
 * folder name) naming the parents and weights. Throws std::runtime_error naming the folder or
 * key.
 */
void averageModelFolders(const std::vector<WeightedModel>& inputs, const std::string& out,
                         const std::string& runId = {}, const std::string& version = {});

/**
 * Writes to `out` a copy of the model folder `in` with its checkpoints stored as float16, half
 * the size on disk; loading converts them back to float32. The model card is kept, its last
 * lineage entry noting the storage. Throws std::runtime_error (or ModelError) naming the
 * folder or tensor.
 */
void writeHalfPrecisionCopy(const std::string& in, const std::string& out);

/** "DIR" or "DIR=WEIGHT" (weight 1 when not given); throws std::invalid_argument. */
WeightedModel parseWeightedModel(const std::string& text);

} // namespace unblur::train
