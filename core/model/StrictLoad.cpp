#include "StrictLoad.h"

#include "ModelError.h"

#include <map>
#include <sstream>
#include <torch/utils.h>

namespace unblur::model {

std::string shapeText(at::IntArrayRef shape)
{
    std::ostringstream out;
    out << '[';
    for (size_t i = 0; i < shape.size(); ++i) {
        out << (i ? ", " : "") << shape[i];
    }
    out << ']';
    return out.str();
}

std::map<std::string, torch::Tensor> namedTensorsOf(torch::nn::Module& module)
{
    std::map<std::string, torch::Tensor> named;
    for (const auto& item : module.named_parameters(/*recurse=*/true)) {
        named.emplace(item.key(), item.value());
    }
    for (const auto& item : module.named_buffers(/*recurse=*/true)) {
        named.emplace(item.key(), item.value());
    }
    return named;
}

void loadStrict(torch::nn::Module& module, const StateDict& dict, const std::string& file)
{
    std::map<std::string, torch::Tensor> targets = namedTensorsOf(module);
    std::map<std::string, const torch::Tensor*> sources;
    for (const auto& [key, tensor] : dict) {
        if (!targets.count(key)) {
            throw ModelError(file + ": unexpected key '" + key + "' with shape " +
                             shapeText(tensor.sizes()) + " (not part of this model)");
        }
        sources[key] = &tensor;
    }
    for (const auto& [key, target] : targets) {
        const auto found = sources.find(key);
        if (found == sources.end()) {
            throw ModelError(file + ": missing key '" + key + "' (expected shape " +
                             shapeText(target.sizes()) + ")");
        }
        if (found->second->sizes() != target.sizes()) {
            throw ModelError(file + ": key '" + key + "' has shape " +
                             shapeText(found->second->sizes()) + " but the model expects " +
                             shapeText(target.sizes()));
        }
    }
    torch::NoGradGuard noGrad;
    for (auto& [key, target] : targets) {
        target.copy_(*sources[key]);
    }
}

StateDict stateDictOf(const torch::nn::Module& module)
{
    StateDict dict;
    for (const auto& item : module.named_parameters(true)) {
        dict.emplace_back(item.key(), item.value().detach().to(torch::kCPU, torch::kFloat32));
    }
    for (const auto& item : module.named_buffers(true)) {
        dict.emplace_back(item.key(), item.value().detach().to(torch::kCPU, torch::kFloat32));
    }
    return dict;
}

} // namespace unblur::model
