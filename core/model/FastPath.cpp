#include "FastPath.h"

#include <ATen/ATen.h>
#include <atomic>
#include <c10/core/InferenceMode.h>

namespace unblur::model {
namespace {
std::atomic<bool> g_fastPath{true};
thread_local bool t_referencePath = false;
} // namespace

ScopedReferencePath::ScopedReferencePath() : m_previous(t_referencePath)
{
    t_referencePath = true;
}

ScopedReferencePath::~ScopedReferencePath()
{
    t_referencePath = m_previous;
}

bool fastPathEnabled()
{
    return g_fastPath.load(std::memory_order_relaxed);
}

void setFastPathEnabled(bool enabled)
{
    g_fastPath.store(enabled, std::memory_order_relaxed);
}

bool useFastPath()
{
    return fastPathEnabled() && !t_referencePath && c10::InferenceMode::is_enabled();
}

torch::Tensor pixelRows(const torch::Tensor& x)
{
    // Channels-last memory is (B,H,W,C) in order, so this is a free view.
    return x.permute({0, 2, 3, 1}).reshape({-1, x.size(1)});
}

torch::Tensor fromPixelRows(const torch::Tensor& rows, int64_t batch, int64_t height, int64_t width)
{
    return rows.view({batch, height, width, rows.size(1)}).permute({0, 3, 1, 2});
}

namespace {

/** oneDNN (MKL-DNN) when it can take the tensor: much faster than the BLAS fallback. */
bool oneDnnFits(const torch::Tensor& x)
{
    return at::hasMKLDNN() && x.device().is_cpu() && x.scalar_type() == at::kFloat &&
           x.is_contiguous(at::MemoryFormat::ChannelsLast);
}

} // namespace

torch::Tensor pointwiseConv(const torch::Tensor& x, const torch::Tensor& weight2d,
                            const torch::Tensor& bias)
{
    const torch::Tensor weight = weight2d.view({weight2d.size(0), weight2d.size(1), 1, 1});
    const c10::optional<torch::Tensor> optionalBias =
        bias.defined() ? c10::optional<torch::Tensor>(bias) : c10::nullopt;
    const torch::Tensor input = x.contiguous(at::MemoryFormat::ChannelsLast);
    if (oneDnnFits(input)) {
        return at::mkldnn_convolution(input, weight, optionalBias, {0, 0}, {1, 1}, {1, 1}, 1);
    }
    return at::conv2d(input, weight, optionalBias);
}

torch::Tensor depthwiseConv3x3(const torch::Tensor& x, const torch::Tensor& weight,
                               const torch::Tensor& bias)
{
    const c10::optional<torch::Tensor> optionalBias =
        bias.defined() ? c10::optional<torch::Tensor>(bias) : c10::nullopt;
    const torch::Tensor input = x.contiguous(at::MemoryFormat::ChannelsLast);
    const torch::Tensor dense = weight.contiguous();
    if (oneDnnFits(input)) {
        return at::mkldnn_convolution(input, dense, optionalBias, {1, 1}, {1, 1}, {1, 1},
                                      x.size(1));
    }
    return at::conv2d(input, dense, optionalBias, 1, 1, 1, x.size(1));
}

torch::Tensor pointwiseDepthwiseSlice(const torch::Tensor& x, const torch::Tensor& weight2d,
                                      const torch::Tensor& bias, const torch::Tensor& dwWeight,
                                      const torch::Tensor& dwBias, int64_t first, int64_t count)
{
    auto slice = [&](const torch::Tensor& t) {
        return t.defined() ? t.narrow(0, first, count) : torch::Tensor();
    };
    return depthwiseConv3x3(pointwiseConv(x, weight2d.narrow(0, first, count), slice(bias)),
                            dwWeight.narrow(0, first, count), slice(dwBias));
}

torch::Tensor pointwiseConvAdd(const torch::Tensor& residual, const torch::Tensor& x,
                               const torch::Tensor& weight2d)
{
    return pointwiseConv(x, weight2d, {}).add_(residual);
}

} // namespace unblur::model
