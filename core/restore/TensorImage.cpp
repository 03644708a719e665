#include "TensorImage.h"

#include <cstring>
#include <stdexcept>
#include <torch/torch.h>

namespace unblur::restore {

using io::FloatImage;

torch::Tensor toTensor(const FloatImage& image)
{
    const int64_t h = image.height;
    const int64_t w = image.width;
    const int64_t c = image.channels;
    // from_blob does not copy: the view lives only inside this function.
    const torch::Tensor hwc =
        torch::from_blob(const_cast<float*>(image.pixels.data()), {h, w, c}, torch::kFloat32);
    const torch::Tensor rgb = c == 1 ? hwc.expand({h, w, 3}) : hwc.narrow(2, 0, 3);
    torch::Tensor result = torch::empty({1, 3, h, w}, torch::kFloat32);
    result[0].copy_(rgb.permute({2, 0, 1})); // always a copy, never a view of `image`
    return result;
}

FloatImage fromTensor(const torch::Tensor& rgb, const FloatImage& source)
{
    if (rgb.dim() != 4 || rgb.size(0) != 1 || rgb.size(1) != 3 || rgb.size(2) != source.height ||
        rgb.size(3) != source.width) {
        throw std::invalid_argument("fromTensor: tensor shape does not match the image");
    }
    torch::Tensor hwc =
        rgb.detach().to(torch::kCPU, torch::kFloat32).clamp(0.0, 1.0)[0].permute({1, 2, 0});
    if (source.channels == 1) {
        hwc = hwc.mean(2, /*keepdim=*/true);
    }
    hwc = hwc.contiguous();

    FloatImage result;
    result.width = source.width;
    result.height = source.height;
    result.channels = source.channels;
    result.bitDepth = source.bitDepth;
    result.pixels.resize(result.sampleCount());
    const float* colour = hwc.data_ptr<float>();
    if (source.channels != 4) {
        std::memcpy(result.pixels.data(), colour, result.pixels.size() * sizeof(float));
        return result;
    }
    const size_t count = size_t(source.width) * size_t(source.height);
    for (size_t i = 0; i < count; ++i) {
        float* out = &result.pixels[i * 4];
        out[0] = colour[i * 3];
        out[1] = colour[i * 3 + 1];
        out[2] = colour[i * 3 + 2];
        out[3] = source.pixels[i * 4 + 3];
    }
    return result;
}

} // namespace unblur::restore
