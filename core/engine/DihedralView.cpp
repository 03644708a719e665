#include "DihedralView.h"

#include <ATen/ATen.h>
#include <stdexcept>
#include <string>

namespace unblur::engine {
namespace {

void checkView(int view)
{
    if (view < 0 || view >= kDihedralViews) {
        throw std::invalid_argument("dihedral view " + std::to_string(view) + " is not in 0..7");
    }
}

torch::Tensor flips(const torch::Tensor& image, int view)
{
    if ((view & 3) == 0) {
        return image;
    }
    std::vector<int64_t> dims;
    if (view & 1) {
        dims.push_back(3);
    }
    if (view & 2) {
        dims.push_back(2);
    }
    return image.flip(dims);
}

} // namespace

torch::Tensor dihedralView(const torch::Tensor& image, int view)
{
    checkView(view);
    const torch::Tensor turned = (view & 4) ? image.transpose(2, 3) : image;
    return flips(turned, view).contiguous();
}

torch::Tensor undoDihedralView(const torch::Tensor& image, int view)
{
    checkView(view);
    const torch::Tensor unflipped = flips(image, view);
    return ((view & 4) ? unflipped.transpose(2, 3) : unflipped).contiguous();
}

bool isEnsembleSize(int views)
{
    return views == 1 || views == 2 || views == 4 || views == 8;
}

uint64_t viewSeed(uint64_t tileSeed, int view)
{
    // Golden-ratio steps keep the views' noise apart without touching view 0's.
    return tileSeed + uint64_t(view) * 0x9E3779B97F4A7C15ull;
}

} // namespace unblur::engine
