#include "TileGrid.h"

#include <ATen/ATen.h>
#include <algorithm>
#include <cmath>

namespace unblur::engine {

std::vector<TileSpan> planAxis(int64_t length, int64_t tile, int64_t overlap)
{
    std::vector<TileSpan> spans;
    if (length <= tile) {
        spans.push_back({0, length, 0, 0});
        return spans;
    }
    overlap = std::clamp<int64_t>(overlap, 0, tile / 2);
    // As few tiles as cover the axis with at least `overlap` shared, then each only as long
    // as that count needs (a multiple of 8, so no padding), spread evenly to both borders.
    const int64_t count = (length - overlap + (tile - overlap) - 1) / (tile - overlap);
    const int64_t needed = (length + (count - 1) * overlap + count - 1) / count;
    const int64_t size = std::min(tile, (needed + 7) / 8 * 8);
    for (int64_t i = 0; i < count; ++i) {
        spans.push_back({(length - size) * i / (count - 1), size, 0, 0});
    }
    for (size_t i = 1; i < spans.size(); ++i) {
        const int64_t shared = spans[i - 1].start + size - spans[i].start;
        spans[i - 1].overlapAfter = shared;
        spans[i].overlapBefore = shared;
    }
    return spans;
}

std::vector<Tile> planTiles(int64_t height, int64_t width, int64_t tile, int64_t overlap)
{
    std::vector<Tile> tiles;
    const std::vector<TileSpan> rows = planAxis(height, tile, overlap);
    const std::vector<TileSpan> cols = planAxis(width, tile, overlap);
    for (const TileSpan& row : rows) {
        for (const TileSpan& col : cols) {
            tiles.push_back({row, col});
        }
    }
    return tiles;
}

torch::Tensor spanWeights(const TileSpan& span)
{
    std::vector<float> weights(size_t(span.size), 1.0f);
    auto ramp = [](int64_t i, int64_t n) {
        // Raised cosine rising over n pixels, sampled at pixel centres; ramp(i)+ramp(n-1-i)=1.
        return float(0.5 - 0.5 * std::cos(M_PI * (double(i) + 0.5) / double(n)));
    };
    for (int64_t i = 0; i < span.overlapBefore; ++i) {
        weights[size_t(i)] *= ramp(i, span.overlapBefore);
    }
    for (int64_t i = 0; i < span.overlapAfter; ++i) {
        weights[size_t(span.size - 1 - i)] *= ramp(i, span.overlapAfter);
    }
    return torch::from_blob(weights.data(), {span.size}, torch::kFloat32).clone();
}

torch::Tensor tileWeights(const Tile& tile)
{
    return at::outer(spanWeights(tile.rows), spanWeights(tile.cols))
        .view({1, 1, tile.rows.size, tile.cols.size});
}

} // namespace unblur::engine
