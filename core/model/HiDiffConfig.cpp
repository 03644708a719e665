#include "HiDiffConfig.h"

#include "ModelError.h"

#include <cmath>
#include <map>
#include <optional>
#include <set>

namespace unblur::model {
namespace {

const torch::Tensor* findTensor(const StateDict& dict, const std::string& key)
{
    for (const auto& [name, tensor] : dict) {
        if (name == key) {
            return &tensor;
        }
    }
    return nullptr;
}

const torch::Tensor& requireTensor(const StateDict& dict, const std::string& key,
                                   const std::string& file)
{
    const torch::Tensor* tensor = findTensor(dict, key);
    if (!tensor) {
        throw ModelError(file + ": missing key '" + key + "' needed to infer the configuration");
    }
    return *tensor;
}

/** Number of distinct N in keys of the form `<prefix>N.` */
int countIndexed(const StateDict& dict, const std::string& prefix)
{
    std::set<int> indices;
    for (const auto& entry : dict) {
        const std::string& name = entry.first;
        if (name.rfind(prefix, 0) != 0) {
            continue;
        }
        const size_t dot = name.find('.', prefix.size());
        try {
            indices.insert(std::stoi(name.substr(prefix.size(), dot - prefix.size())));
        } catch (const std::exception&) {
        }
    }
    return static_cast<int>(indices.size());
}

int squareRoot(int64_t n, const std::string& what, const std::string& file)
{
    const int root = static_cast<int>(std::lround(std::sqrt(static_cast<double>(n))));
    if (root * root != n) {
        throw ModelError(file + ": " + what + " has " + std::to_string(n) +
                         " tokens, which is not a square group");
    }
    return root;
}

/** An expansion factor f with int(base * f) == width, preferring round published values. */
double inferExpansion(const std::vector<std::pair<int64_t, int64_t>>& baseAndWidth)
{
    double low = 0.0;
    double high = 1e9;
    for (const auto& [base, width] : baseAndWidth) {
        low = std::max(low, static_cast<double>(width) / base);
        high = std::min(high, static_cast<double>(width + 1) / base);
    }
    for (double candidate : {2.66, 2.0, 4.0, 3.0, 1.0, 0.5, 0.25, 1.5, 2.5, 8.0}) {
        if (candidate >= low && candidate < high) {
            return candidate;
        }
    }
    return (low + high) / 2.0;
}

} // namespace

void HiDiffConfig::validate() const
{
    auto fail = [](const std::string& field, const std::string& why) {
        throw ModelError("configuration field '" + field + "' " + why);
    };
    if (g.dim <= 0 || g.dim % 2 != 0) {
        // Each downsampling halves the channels before a 2x2 pixel unshuffle quadruples them.
        fail("dim", "must be a positive even number");
    }
    if (g.numBlocks.size() != 4) {
        fail("num_blocks", "must list 4 levels");
    }
    if (g.heads.size() != 4) {
        fail("heads", "must list 4 levels");
    }
    for (int level = 0; level < 4; ++level) {
        const int64_t channels = int64_t(g.dim) << (level == 3 ? 3 : level);
        if (g.heads[level] <= 0 || channels % g.heads[level] != 0) {
            fail("heads", "must divide each level's channels");
        }
    }
    if (g.group < 2 || g.group % 2 != 0) {
        fail("group", "must be an even number of at least 2");
    }
    if (g.layerNormType != "WithBias" && g.layerNormType != "BiasFree") {
        fail("LayerNorm_type", "must be WithBias or BiasFree");
    }
    if (g.embedDim != le.embedDim) {
        fail("embed_dim", "differs between net_g and the latent encoder");
    }
    if (d.inChannel != 4 * int64_t(le.embedDim) || d.outChannel != 4 * int64_t(le.embedDim)) {
        fail("in_channel", "of the denoiser must be 4 x embed_dim");
    }
    if (le.group != g.group || d.group != g.group) {
        fail("group", "differs between the networks");
    }
    if (d.blockNum < 2) {
        fail("block_num", "of the denoiser must be at least 2");
    }
    if (schedule.schedule != "linear") {
        fail("schedule", "must be linear");
    }
    // HI-Diff samples in a handful of steps; a hostile model.json must not ask for billions.
    constexpr int kMostTimesteps = 1000;
    if (schedule.timesteps < 1 || schedule.timesteps > kMostTimesteps) {
        fail("timesteps", "must be between 1 and " + std::to_string(kMostTimesteps));
    }
}

TransformerConfig inferTransformerConfig(const StateDict& netG, const std::string& file)
{
    TransformerConfig config;
    const torch::Tensor& embed = requireTensor(netG, "patch_embed.proj.weight", file);
    config.dim = static_cast<int>(embed.size(0));
    config.inChannels = static_cast<int>(embed.size(1));
    config.outChannels = static_cast<int>(requireTensor(netG, "output.weight", file).size(0));
    config.bias = findTensor(netG, "patch_embed.proj.bias") != nullptr;

    const char* levels[4] = {"encoder_level1", "encoder_level2", "encoder_level3", "latent"};
    std::vector<std::pair<int64_t, int64_t>> ffnWidths;
    for (int level = 0; level < 4; ++level) {
        const std::string prefix = std::string(levels[level]) + ".blocks.";
        config.numBlocks[level] = countIndexed(netG, prefix);
        const int channels = config.dim << level;
        if (const torch::Tensor* temperature = findTensor(netG, prefix + "0.attn.temperature")) {
            config.heads[level] = static_cast<int>(temperature->size(0));
        }
        if (const torch::Tensor* projectIn = findTensor(netG, prefix + "0.ffn.project_in.weight")) {
            ffnWidths.emplace_back(channels, projectIn->size(0) / 2);
        }
        if (level == 0 && config.numBlocks[0] > 0) {
            config.layerNormType =
                findTensor(netG, prefix + "0.norm1.body.bias") ? "WithBias" : "BiasFree";
        }
    }
    config.numRefinementBlocks = countIndexed(netG, "refinement.blocks.");
    if (!ffnWidths.empty()) {
        config.ffnExpansionFactor = inferExpansion(ffnWidths);
    }
    config.embedDim = static_cast<int>(requireTensor(netG, "down_1.3.weight", file).size(0) / 4);
    config.group =
        squareRoot(requireTensor(netG, "down_1.1.weight", file).size(1), "down_1.1.weight", file);
    return config;
}

EncoderConfig inferEncoderConfig(const StateDict& netLe, const std::string& file)
{
    EncoderConfig config;
    const torch::Tensor& conv1 = requireTensor(netLe, "conv1.0.weight", file);
    config.embedDim = static_cast<int>(conv1.size(0));
    config.inChannels = static_cast<int>(conv1.size(1) / 16);
    config.blockNum = countIndexed(netLe, "blocks.");
    const torch::Tensor& patchMixer = requireTensor(netLe, "mlp.patch_mixer.0.weight", file);
    const int64_t tokens = patchMixer.size(1);
    config.group = squareRoot(tokens, "mlp.patch_mixer.0.weight", file);
    config.patchExpansion = inferExpansion({{tokens, patchMixer.size(0)}});
    config.channelExpansion = inferExpansion(
        {{config.embedDim, requireTensor(netLe, "mlp.channel_mixer.0.weight", file).size(0)}});
    return config;
}

DenoiserConfig inferDenoiserConfig(const StateDict& netD, const std::string& file)
{
    DenoiserConfig config;
    const torch::Tensor& first = requireTensor(netD, "first_layer.0.weight", file);
    config.innerChannel = static_cast<int>(first.size(0));
    config.inChannel = static_cast<int>(first.size(1) / 3);
    config.outChannel = static_cast<int>(requireTensor(netD, "final_layer.0.weight", file).size(0));
    const int mixers = countIndexed(netD, "blocks.");
    config.blockNum = mixers + 2;
    if (mixers > 0) {
        const torch::Tensor& patchMixer =
            requireTensor(netD, "blocks.0.0.patch_mixer.0.weight", file);
        const int64_t tokens = patchMixer.size(1);
        config.group = squareRoot(tokens, "blocks.0.0.patch_mixer.0.weight", file);
        config.patchExpansion = inferExpansion({{tokens, patchMixer.size(0)}});
        config.channelExpansion = inferExpansion(
            {{config.innerChannel,
              requireTensor(netD, "blocks.0.0.channel_mixer.0.weight", file).size(0)}});
    }
    return config;
}

} // namespace unblur::model
