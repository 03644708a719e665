#include "GrowingLoad.h"

#include "model/ModelError.h"
#include "model/StrictLoad.h"
#include "text/StartsWith.h"

#include <map>
#include <regex>
#include <set>
#include <torch/torch.h>

namespace unblur::train {

namespace {

/** "decoder_level1.blocks.2." for a key inside that block, "" for keys outside any block. */
std::string blockPrefix(const std::string& key)
{
    static const std::regex block(R"(^(.*\.)?blocks\.\d+\.)");
    std::smatch match;
    return std::regex_search(key, match, block) ? match.str(0) : std::string();
}

} // namespace

std::vector<std::string> loadGrowing(torch::nn::Module& module, const model::StateDict& dict,
                                     const std::string& file)
{
    std::map<std::string, torch::Tensor> targets = model::namedTensorsOf(module);
    std::set<std::string> dictKeys, loadedBlocks;
    for (const auto& [key, tensor] : dict) {
        const auto target = targets.find(key);
        if (target == targets.end()) {
            throw model::ModelError(file + ": unexpected key '" + key + "' with shape " +
                                    model::shapeText(tensor.sizes()) +
                                    " (a model can grow deeper, not shallower or wider)");
        }
        if (target->second.sizes() != tensor.sizes()) {
            throw model::ModelError(file + ": key '" + key + "' has shape " +
                                    model::shapeText(tensor.sizes()) + " but the model expects " +
                                    model::shapeText(target->second.sizes()) +
                                    " (growing keeps the widths)");
        }
        dictKeys.insert(key);
        loadedBlocks.insert(blockPrefix(key));
    }
    std::set<std::string> newBlocks;
    for (const auto& [key, target] : targets) {
        if (dictKeys.count(key)) {
            continue;
        }
        const std::string prefix = blockPrefix(key);
        if (prefix.empty() || loadedBlocks.count(prefix)) {
            throw model::ModelError(file + ": missing key '" + key + "' (expected shape " +
                                    model::shapeText(target.sizes()) + ")");
        }
        newBlocks.insert(prefix);
    }
    const char* const outputs[] = {"attn.project_out.", "ffn.project_out."};
    for (const std::string& prefix : newBlocks) {
        for (const char* output : outputs) {
            if (!targets.count(prefix + output + "weight")) {
                throw model::ModelError(file + ": cannot start the new block " + prefix +
                                        " as an identity (it has no " + output + "weight)");
            }
        }
    }

    torch::NoGradGuard noGrad;
    for (const auto& [key, tensor] : dict) {
        targets.at(key).copy_(tensor);
    }
    for (auto& [key, target] : targets) {
        const std::string prefix = blockPrefix(key);
        if (newBlocks.count(prefix) &&
            (startsWith(key, prefix + outputs[0]) || startsWith(key, prefix + outputs[1]))) {
            target.zero_(); // weight, and bias where the model has one
        }
    }
    return {newBlocks.begin(), newBlocks.end()};
}

} // namespace unblur::train
