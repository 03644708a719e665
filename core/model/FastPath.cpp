#include "FastPath.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

#include <atomic>

namespace unblur::model {
namespace {
std::atomic<bool> g_fastPath{true};
}

bool fastPathEnabled() { return g_fastPath.load(std::memory_order_relaxed); }

void setFastPathEnabled(bool enabled) { g_fastPath.store(enabled, std::memory_order_relaxed); }

bool useFastPath() { return fastPathEnabled() && c10::InferenceMode::is_enabled(); }

torch::Tensor pixelRows(const torch::Tensor& x)
{
    // Channels-last memory is (B,H,W,C) in order, so this is a free view.
    return x.permute({0, 2, 3, 1}).reshape({-1, x.size(1)});
}

torch::Tensor fromPixelRows(const torch::Tensor& rows, int64_t batch, int64_t height,
                            int64_t width)
{
    return rows.view({batch, height, width, rows.size(1)}).permute({0, 3, 1, 2});
}

torch::Tensor pointwiseConv(const torch::Tensor& x, const torch::Tensor& weight2d,
                            const torch::Tensor& bias)
{
    const torch::Tensor rows = pixelRows(x);
    const torch::Tensor out = bias.defined() ? at::addmm(bias, rows, weight2d.t())
                                             : at::mm(rows, weight2d.t());
    return fromPixelRows(out, x.size(0), x.size(2), x.size(3));
}

torch::Tensor pointwiseConvAdd(const torch::Tensor& residual, const torch::Tensor& x,
                               const torch::Tensor& weight2d)
{
    const torch::Tensor out = at::addmm(pixelRows(residual), pixelRows(x), weight2d.t());
    return fromPixelRows(out, x.size(0), x.size(2), x.size(3));
}

} // namespace unblur::model
