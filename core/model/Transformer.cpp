#include "Transformer.h"

#include "FastPath.h"

#include <ATen/ATen.h>
#include <torch/nn/modules/pixelshuffle.h>

namespace unblur::model {
namespace {

/** The Sequential index layout of the published PriorDown: Rearrange, Linear, Rearrange, Linear. */
struct PlaceholderImpl : torch::nn::Module
{
};
TORCH_MODULE(Placeholder);

BlockOptions levelOptions(const TransformerConfig& c, int level, int group)
{
    BlockOptions options;
    options.dim = int64_t(c.dim) << (level == 3 ? 3 : level);
    options.heads = c.heads[level];
    options.ffnExpansionFactor = c.ffnExpansionFactor;
    options.bias = c.bias;
    options.layerNormType = c.layerNormType;
    options.embedDim = c.embedDim;
    options.group = group;
    return options;
}

} // namespace

ResampleImpl::ResampleImpl(int64_t channels, bool down) : m_down(down)
{
    const int64_t out = down ? channels / 2 : channels * 2;
    body = register_module("body",
                           torch::nn::Sequential(torch::nn::Conv2d(
                               torch::nn::Conv2dOptions(channels, out, 3).padding(1).bias(false))));
}

torch::Tensor ResampleImpl::forward(const torch::Tensor& x)
{
    torch::nn::Conv2d conv = body->ptr<torch::nn::Conv2dImpl>(0);
    const torch::Tensor y = convForward(conv, x);
    return m_down ? at::pixel_unshuffle(y, 2) : at::pixel_shuffle(y, 2);
}

PriorDownImpl::PriorDownImpl(int64_t tokensIn, int64_t tokensOut, int64_t width)
{
    // Indices 0 and 2 are parameter-free rearranges in the published model.
    register_module("0", Placeholder());
    tokens = register_module("1", torch::nn::Linear(tokensIn, tokensOut));
    register_module("2", Placeholder());
    channels = register_module("3", torch::nn::Linear(width, width));
}

torch::Tensor PriorDownImpl::forward(const torch::Tensor& prior)
{
    return channels->forward(tokens->forward(prior.transpose(1, 2)).transpose(1, 2));
}

TransformerImpl::TransformerImpl(const TransformerConfig& c)
{
    using torch::nn::Conv2dOptions;
    const int64_t dim = c.dim, tokens = int64_t(c.group) * c.group, width = 4 * int64_t(c.embedDim);
    down_1 = register_module("down_1", PriorDown(tokens, tokens / 4, width));
    down_2 = register_module("down_2", PriorDown(tokens / 4, 1, width));
    patch_embed_proj =
        torch::nn::Conv2d(Conv2dOptions(c.inChannels, dim, 3).padding(1).bias(c.bias));
    auto patchEmbed = std::make_shared<torch::nn::Module>();
    patchEmbed->register_module("proj", patch_embed_proj);
    register_module("patch_embed", patchEmbed);

    const int half = c.group / 2;
    encoder_level1 =
        register_module("encoder_level1", BasicLayer(levelOptions(c, 0, c.group), c.numBlocks[0]));
    down1_2 = register_module("down1_2", Resample(dim, true));
    encoder_level2 =
        register_module("encoder_level2", BasicLayer(levelOptions(c, 1, half), c.numBlocks[1]));
    down2_3 = register_module("down2_3", Resample(dim * 2, true));
    encoder_level3 =
        register_module("encoder_level3", BasicLayer(levelOptions(c, 2, half), c.numBlocks[2]));
    down3_4 = register_module("down3_4", Resample(dim * 4, true));
    latent = register_module("latent", BasicLayer(levelOptions(c, 3, 1), c.numBlocks[3]));
    up4_3 = register_module("up4_3", Resample(dim * 8, false));
    reduce_chan_level3 = register_module(
        "reduce_chan_level3", torch::nn::Conv2d(Conv2dOptions(dim * 8, dim * 4, 1).bias(c.bias)));
    decoder_level3 =
        register_module("decoder_level3", BasicLayer(levelOptions(c, 2, half), c.numBlocks[2]));
    up3_2 = register_module("up3_2", Resample(dim * 4, false));
    reduce_chan_level2 = register_module(
        "reduce_chan_level2", torch::nn::Conv2d(Conv2dOptions(dim * 4, dim * 2, 1).bias(c.bias)));
    decoder_level2 =
        register_module("decoder_level2", BasicLayer(levelOptions(c, 1, half), c.numBlocks[1]));
    up2_1 = register_module("up2_1", Resample(dim * 2, false));
    BlockOptions level1 = levelOptions(c, 1, c.group);
    level1.heads = c.heads[0];
    decoder_level1 = register_module("decoder_level1", BasicLayer(level1, c.numBlocks[0]));
    refinement = register_module("refinement", BasicLayer(level1, c.numRefinementBlocks));
    output = register_module(
        "output",
        torch::nn::Conv2d(Conv2dOptions(dim * 2, c.outChannels, 3).padding(1).bias(c.bias)));
}

torch::Tensor TransformerImpl::conv1x1(torch::nn::Conv2d& conv, const torch::Tensor& x) const
{
    if (!useFastPath()) {
        return conv->forward(x);
    }
    const torch::Tensor weight =
        fastWeight(conv->weight).view({conv->weight.size(0), conv->weight.size(1)});
    // On the bf16 path in bf16, the result back in x's type (the float32 residual stream).
    return pointwiseConv(toFastType(x.contiguous(at::MemoryFormat::ChannelsLast)), weight,
                         conv->options.bias() ? fastWeight(conv->bias) : torch::Tensor())
        .to(x.scalar_type());
}

torch::Tensor TransformerImpl::forward(const torch::Tensor& image, const torch::Tensor& prior)
{
    const torch::Tensor input =
        useFastPath() ? image.contiguous(at::MemoryFormat::ChannelsLast) : image;
    const torch::Tensor prior1 = prior;
    const torch::Tensor prior2 = down_1->forward(prior1);
    const torch::Tensor prior3 = down_2->forward(prior2).flatten(1);

    const torch::Tensor enc1 =
        encoder_level1->forward(convForward(patch_embed_proj, input), prior1);
    const torch::Tensor enc2 = encoder_level2->forward(down1_2->forward(enc1), prior2);
    const torch::Tensor enc3 = encoder_level3->forward(down2_3->forward(enc2), prior2);
    const torch::Tensor lat = latent->forward(down3_4->forward(enc3), prior3);

    torch::Tensor x = conv1x1(reduce_chan_level3, torch::cat({up4_3->forward(lat), enc3}, 1));
    x = decoder_level3->forward(x, prior2);
    x = conv1x1(reduce_chan_level2, torch::cat({up3_2->forward(x), enc2}, 1));
    x = decoder_level2->forward(x, prior2);
    x = decoder_level1->forward(torch::cat({up2_1->forward(x), enc1}, 1), prior1);
    x = refinement->forward(x, prior1);
    return convForward(output, x) + input;
}

} // namespace unblur::model
