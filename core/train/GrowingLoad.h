#pragma once

#include "model/StateDict.h"

#include <string>
#include <torch/nn/module.h>
#include <vector>

namespace unblur::train {

/**
 * Loads a shallower net_g into a deeper one of the same widths, so training can add capacity
 * without losing what a model has learnt. Every key of `dict` must exist in `module` with the
 * same shape; the module's keys that `dict` lacks must make up whole transformer blocks
 * ("<layer>.blocks.<i>."). Those new blocks keep their fresh weights except the output
 * projections of attention and feed-forward, which are zeroed: each new block starts as the
 * identity and the grown network computes exactly what the loaded one did.
 * Throws ModelError naming `file`. Returns the prefixes of the new blocks.
 */
std::vector<std::string> loadGrowing(torch::nn::Module& module, const model::StateDict& dict,
                                     const std::string& file);

} // namespace unblur::train
