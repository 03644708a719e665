#pragma once

#include "HiDiffConfig.h"
#include "TransformerBlock.h"

#include <torch/nn/modules/container/sequential.h>

namespace unblur::model {

/** 3x3 conv then PixelUnshuffle(2) (key `body.0`) or PixelShuffle(2) for upsampling. */
struct ResampleImpl : torch::nn::Module
{
    ResampleImpl(int64_t channels, bool down);
    torch::Tensor forward(const torch::Tensor& x);
    torch::nn::Sequential body;

private:
    bool m_down;
};
TORCH_MODULE(Resample);

/** Linear over the token axis, then over channels: keys `.1` and `.3` of the published model. */
struct PriorDownImpl : torch::nn::Module
{
    PriorDownImpl(int64_t tokensIn, int64_t tokensOut, int64_t channels);
    torch::Tensor forward(const torch::Tensor& prior);
    torch::nn::Linear tokens{nullptr};
    torch::nn::Linear channels{nullptr};
};
TORCH_MODULE(PriorDown);

/** HI-Diff's net_g: a Restormer U-Net whose levels take the hierarchical prior. */
struct TransformerImpl : torch::nn::Module
{
    explicit TransformerImpl(const TransformerConfig& config);

    /** image: (B,3,H,W), H and W multiples of 8; prior: (B,group^2,4*embed_dim). */
    torch::Tensor forward(const torch::Tensor& image, const torch::Tensor& prior);

    PriorDown down_1{nullptr}, down_2{nullptr};
    torch::nn::Conv2d patch_embed_proj{nullptr};
    BasicLayer encoder_level1{nullptr}, encoder_level2{nullptr}, encoder_level3{nullptr};
    BasicLayer latent{nullptr};
    BasicLayer decoder_level3{nullptr}, decoder_level2{nullptr}, decoder_level1{nullptr};
    BasicLayer refinement{nullptr};
    Resample down1_2{nullptr}, down2_3{nullptr}, down3_4{nullptr};
    Resample up4_3{nullptr}, up3_2{nullptr}, up2_1{nullptr};
    torch::nn::Conv2d reduce_chan_level3{nullptr}, reduce_chan_level2{nullptr};
    torch::nn::Conv2d output{nullptr};

private:
    torch::Tensor conv1x1(torch::nn::Conv2d& conv, const torch::Tensor& x) const;
};
TORCH_MODULE(Transformer);

} // namespace unblur::model
