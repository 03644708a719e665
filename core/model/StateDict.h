#pragma once

#include <string>
#include <torch/types.h>
#include <utility>
#include <vector>

namespace unblur::model {

/** A state dict in file order: (key, tensor) pairs as torch.save wrote them. */
using StateDict = std::vector<std::pair<std::string, torch::Tensor>>;

} // namespace unblur::model
