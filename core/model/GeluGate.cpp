#include "GeluGate.h"

#include "GeluGateKernel.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <optional>
#include <torch/csrc/autograd/custom_function.h>

namespace unblur::model {
namespace {

/** How the kernels walk a and b: `rows` runs of `length` values, `inStride` apart. */
struct GateLayout
{
    int64_t rows = 1;
    int64_t length = 0;
    int64_t inStride = 0;
    bool channelRows = false; ///< rows are the pixels of a channels-last (B,C,H,W) view
};

bool kernelType(const torch::Tensor& t)
{
    return t.device().is_cpu() && t.scalar_type() == at::kFloat && t.numel() > 0;
}

/** The forward kernels also take bfloat16 (the bf16 inference path), a and b alike. */
bool forwardKernelType(const torch::Tensor& a, const torch::Tensor& b)
{
    const bool bf16 = a.scalar_type() == at::kBFloat16 && b.scalar_type() == at::kBFloat16 &&
                      a.device().is_cpu() && b.device().is_cpu() && a.numel() > 0;
    return bf16 || (kernelType(a) && kernelType(b));
}

std::optional<GateLayout> layoutOf(const torch::Tensor& a, const torch::Tensor& b)
{
    if (!forwardKernelType(a, b) || a.sizes() != b.sizes() || a.strides() != b.strides()) {
        return std::nullopt;
    }
    if (a.is_non_overlapping_and_dense()) {
        // Elementwise over the memory itself: any order works when the strides agree.
        return GateLayout{1, a.numel(), a.numel(), false};
    }
    // A channel slice of a wider channels-last tensor: each pixel's channels are contiguous.
    if (a.dim() == 4) {
        const int64_t c = a.size(1), h = a.size(2), w = a.size(3);
        const int64_t pixelStride = a.stride(3);
        if (a.stride(1) == 1 && pixelStride >= c && a.stride(2) == w * pixelStride &&
            (a.size(0) == 1 || a.stride(0) == h * w * pixelStride)) {
            return GateLayout{a.size(0) * h * w, c, pixelStride, true};
        }
    }
    return std::nullopt;
}

/** Result of the gate for `layout`: dense, channels-last where the rows are pixels. */
torch::Tensor gateOutput(const torch::Tensor& a, const GateLayout& layout)
{
    return layout.channelRows
               ? at::empty(a.sizes(), a.options().memory_format(at::MemoryFormat::ChannelsLast))
               : at::empty_like(a);
}

/** Calls `body(firstRow, rowCount, firstValue, valueCount)` on slices, in parallel. */
template <typename Body> void forSlices(const GateLayout& layout, const Body& body)
{
    if (layout.rows == 1) {
        at::parallel_for(0, layout.length, 16384,
                         [&](int64_t begin, int64_t end) { body(0, 1, begin, end - begin); });
        return;
    }
    const int64_t grain = std::max<int64_t>(1, 16384 / layout.length);
    at::parallel_for(0, layout.rows, grain, [&](int64_t begin, int64_t end) {
        body(begin, end - begin, 0, layout.length);
    });
}

torch::Tensor gateForward(const torch::Tensor& a, const torch::Tensor& b, const GateLayout& l)
{
    torch::Tensor out = gateOutput(a, l);
    const int64_t outStride = l.channelRows ? l.length : 0;
    if (a.scalar_type() == at::kBFloat16) {
        const auto* pa = reinterpret_cast<const uint16_t*>(a.data_ptr<at::BFloat16>());
        const auto* pb = reinterpret_cast<const uint16_t*>(b.data_ptr<at::BFloat16>());
        auto* po = reinterpret_cast<uint16_t*>(out.data_ptr<at::BFloat16>());
        forSlices(l, [&](int64_t row, int64_t rows, int64_t first, int64_t count) {
            geluGateKernelBFloat16(pa + row * l.inStride + first, pb + row * l.inStride + first,
                                   po + row * outStride + first, rows, count, l.inStride,
                                   outStride);
        });
        return out;
    }
    const float* pa = a.data_ptr<float>();
    const float* pb = b.data_ptr<float>();
    float* po = out.data_ptr<float>();
    forSlices(l, [&](int64_t row, int64_t rows, int64_t first, int64_t count) {
        geluGateKernel(pa + row * l.inStride + first, pb + row * l.inStride + first,
                       po + row * outStride + first, rows, count, l.inStride, outStride);
    });
    return out;
}

/** A channels-last (B,2C,H,W) float32 CPU tensor, the layout GateHalvesFunction takes. */
bool denseChannelsLast(const torch::Tensor& x)
{
    return kernelType(x) && x.dim() == 4 && x.size(1) % 2 == 0 &&
           x.is_contiguous(at::MemoryFormat::ChannelsLast);
}

/** Autograd node for geluGateHalves: one kernel forward, one backward into x's gradient. */
class GateHalvesFunction : public torch::autograd::Function<GateHalvesFunction>
{
public:
    static torch::Tensor forward(torch::autograd::AutogradContext* context, const torch::Tensor& x)
    {
        context->save_for_backward({x});
        const auto halves = x.chunk(2, 1);
        return gateForward(halves[0], halves[1], *layoutOf(halves[0], halves[1]));
    }

    static torch::autograd::tensor_list backward(torch::autograd::AutogradContext* context,
                                                 torch::autograd::tensor_list gradients)
    {
        const torch::Tensor x = context->get_saved_variables()[0];
        const int64_t c = x.size(1) / 2;
        const GateLayout l{x.size(0) * x.size(2) * x.size(3), c, 2 * c, true};
        const torch::Tensor g =
            gradients[0].to(at::kFloat).contiguous(at::MemoryFormat::ChannelsLast);
        torch::Tensor gradX = at::empty_like(x, at::MemoryFormat::ChannelsLast);
        const float* px = x.data_ptr<float>();
        const float* pg = g.data_ptr<float>();
        float* pgx = gradX.data_ptr<float>();
        forSlices(l, [&](int64_t row, int64_t rows, int64_t first, int64_t count) {
            const int64_t in = row * 2 * c + first;
            geluGateBackwardKernel(px + in, px + in + c, pg + row * c + first, pgx + in,
                                   pgx + in + c, rows, count, 2 * c, c, 2 * c);
        });
        return {gradX};
    }
};

} // namespace

torch::Tensor geluGate(const torch::Tensor& a, const torch::Tensor& b)
{
    if (at::GradMode::is_enabled() && (a.requires_grad() || b.requires_grad())) {
        return at::gelu(a) * b;
    }
    const std::optional<GateLayout> layout = layoutOf(a, b);
    return layout ? gateForward(a, b, *layout) : at::gelu(a).mul_(b);
}

torch::Tensor geluGateHalves(const torch::Tensor& x)
{
    if (at::GradMode::is_enabled() && x.requires_grad() && denseChannelsLast(x)) {
        return GateHalvesFunction::apply(x);
    }
    const auto halves = x.chunk(2, 1);
    return geluGate(halves[0], halves[1]);
}

} // namespace unblur::model
