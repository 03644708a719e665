#include "FastPath.h"

#include <ATen/ATen.h>
#include <atomic>
#include <c10/core/InferenceMode.h>
#include <fstream>
#include <sstream>
#include <string>
#include <unordered_map>

namespace unblur::model {
namespace {
std::atomic<bool> g_fastPath{true};
thread_local bool t_referencePath = false;
thread_local BFloat16Weights* t_bfloat16Weights = nullptr;

bool readCpuInfoBFloat16()
{
    std::ifstream cpuinfo("/proc/cpuinfo");
    std::string line;
    while (std::getline(cpuinfo, line)) {
        if (line.rfind("flags", 0) == 0) {
            std::istringstream flags(line);
            std::string flag;
            while (flags >> flag) {
                if (flag == "avx512_bf16" || flag == "amx_bf16") {
                    return true;
                }
            }
            return false;
        }
    }
    return false;
}
} // namespace

bool cpuHasNativeBFloat16()
{
    static const bool native = readCpuInfoBFloat16();
    return native;
}

struct BFloat16Weights::Copies
{
    struct Entry
    {
        torch::Tensor source; ///< kept alive so that its address cannot be reused
        int64_t version = 0;
        torch::Tensor copy;
    };
    std::unordered_map<const void*, Entry> entries;
};

BFloat16Weights::BFloat16Weights() : m_copies(std::make_unique<Copies>()) {}

BFloat16Weights::~BFloat16Weights() = default;

torch::Tensor BFloat16Weights::of(const torch::Tensor& weight)
{
    if (!weight.defined() || weight.scalar_type() == at::kBFloat16) {
        return weight;
    }
    if (!weight.is_contiguous()) {
        return weight.to(at::kBFloat16);
    }
    // Keyed by address: the modules take fresh views (w.view(...)) of the same weight.
    Copies::Entry& entry = m_copies->entries[weight.data_ptr()];
    const int64_t version = int64_t(weight._version());
    if (!entry.copy.defined() || entry.copy.numel() != weight.numel() || entry.version != version) {
        entry.source = weight;
        entry.version = version;
        entry.copy = weight.detach().to(at::kBFloat16).contiguous();
    }
    return entry.copy.view(weight.sizes());
}

void BFloat16Weights::clear()
{
    m_copies->entries.clear();
}

size_t BFloat16Weights::size() const
{
    return m_copies->entries.size();
}

ScopedBFloat16Path::ScopedBFloat16Path(BFloat16Weights& weights) : m_previous(t_bfloat16Weights)
{
    t_bfloat16Weights = &weights;
}

ScopedBFloat16Path::~ScopedBFloat16Path()
{
    t_bfloat16Weights = m_previous;
}

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

bool bfloat16Path()
{
    return t_bfloat16Weights != nullptr && useFastPath();
}

torch::Tensor fastWeight(const torch::Tensor& weight)
{
    return bfloat16Path() ? t_bfloat16Weights->of(weight) : weight;
}

torch::Tensor toFastType(const torch::Tensor& t)
{
    return bfloat16Path() && t.defined() ? t.to(at::kBFloat16) : t;
}

torch::Tensor convForward(torch::nn::Conv2d& conv, const torch::Tensor& x)
{
    if (!bfloat16Path()) {
        return conv->forward(x);
    }
    const auto& o = conv->options;
    const auto* padding = c10::get_if<torch::ExpandingArray<2>>(&o.padding());
    TORCH_CHECK(padding, "convForward: bf16 needs an explicit padding");
    return at::conv2d(x.to(at::kBFloat16), fastWeight(conv->weight),
                      o.bias() ? fastWeight(conv->bias) : torch::Tensor(), *o.stride(), **padding,
                      *o.dilation(), o.groups())
        .to(x.scalar_type());
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
    // oneDNN's bf16 kernels need AVX-512 BF16 or AMX; elsewhere ATen emulates bf16.
    const bool type = x.scalar_type() == at::kFloat ||
                      (x.scalar_type() == at::kBFloat16 && cpuHasNativeBFloat16());
    return at::hasMKLDNN() && x.device().is_cpu() && type &&
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
    torch::Tensor product = pointwiseConv(x, weight2d, {});
    // The bf16 path adds its bf16 product into the float32 residual stream.
    return product.scalar_type() == residual.scalar_type() ? product.add_(residual)
                                                           : residual + product;
}

} // namespace unblur::model
