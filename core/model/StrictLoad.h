#pragma once

#include "StateDict.h"

#include <map>
#include <string>
#include <torch/nn/module.h>

namespace unblur::model {

/**
 * Copies `dict` into the module's parameters and buffers. Strict: a missing key, an
 * unexpected key or a shape mismatch throws ModelError naming `file`, the key and both shapes.
 */
void loadStrict(torch::nn::Module& module, const StateDict& dict, const std::string& file);

/** The module's parameters and buffers by their state-dict keys (the tensors themselves). */
std::map<std::string, torch::Tensor> namedTensorsOf(torch::nn::Module& module);

/** The module's parameters and buffers as a state dict (registration order, CPU float32). */
StateDict stateDictOf(const torch::nn::Module& module);

/** "[48, 3, 3, 3]" */
std::string shapeText(at::IntArrayRef shape);

} // namespace unblur::model
