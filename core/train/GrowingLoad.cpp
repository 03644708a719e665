#include "GrowingLoad.h"

#include "model/ModelError.h"
#include "model/StrictLoad.h"

#include <torch/torch.h>

#include <map>
#include <regex>
#include <set>

namespace unblur::train {

namespace {

/** "decoder_level1.blocks.2." for a key inside that block, "" for keys outside any block. */
std::string blockPrefix(const std::string& key)
{
    static const std::regex block(R"(^(.*\.)?blocks\.\d+\.)");
    std::smatch match;
    return std::regex_search(key, match, block) ? match.str(0) : std::string();
}

bool startsWith(const std::string& text, const std::string& prefix)
{
    return text.compare(0, prefix.size(), prefix) == 0;
}

} // namespace

std::vector<std::string> loadGrowing(torch::nn::Module& module, const model::StateDict& dict,
                                     const std::string& file)
{
    std::map<std::string, torch::Tensor> targets;
    for (const auto& item : module.named_parameters(/*recurse=*/true)) {
        targets.emplace(item.key(), item.value());
    }
    for (const auto& item : module.named_buffers(/*recurse=*/true)) {
        targets.emplace(item.key(), item.value());
    }
    std::set<std::string> loadedBlocks;
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
        loadedBlocks.insert(blockPrefix(key));
    }
    std::set<std::string> dictKeys;
    for (const auto& entry : dict) {
        dictKeys.insert(entry.first);
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

    torch::NoGradGuard noGrad;
    for (const auto& [key, tensor] : dict) {
        targets.at(key).copy_(tensor);
    }
    for (const std::string& prefix : newBlocks) {
        int zeroed = 0;
        for (auto& [key, target] : targets) {
            if (startsWith(key, prefix + "attn.project_out.") ||
                startsWith(key, prefix + "ffn.project_out.")) {
                target.zero_();
                zeroed += key.size() >= 6 && key.compare(key.size() - 6, 6, "weight") == 0;
            }
        }
        if (zeroed != 2) {
            throw model::ModelError(file + ": cannot start the new block " + prefix +
                                    " as an identity (no attention and feed-forward projections)");
        }
    }
    return {newBlocks.begin(), newBlocks.end()};
}

} // namespace unblur::train
