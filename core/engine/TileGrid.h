#pragma once

#include <torch/types.h>
#include <vector>

namespace unblur::engine {

/** One tile's extent along one axis, and how much it shares with its neighbours. */
struct TileSpan
{
    int64_t start = 0;
    int64_t size = 0;
    int64_t overlapBefore = 0; ///< pixels shared with the previous tile (blend ramp in)
    int64_t overlapAfter = 0;  ///< pixels shared with the next tile (blend ramp out)
};

struct Tile
{
    TileSpan rows;
    TileSpan cols;
};

/**
 * Covers [0, length) with as few equal spans of at most `tile` pixels as overlap by at least
 * `overlap` (at most tile/2), spread from border to border: no span is cut short, and
 * none is longer than the count of spans needs. A length up to `tile` is one span.
 */
std::vector<TileSpan> planAxis(int64_t length, int64_t tile, int64_t overlap);

/** Row-major grid of tiles over an image. */
std::vector<Tile> planTiles(int64_t height, int64_t width, int64_t tile, int64_t overlap);

/**
 * Blend weights of a span: raised-cosine ramps over its overlaps, 1 elsewhere. The ramps of
 * two neighbours over the same pixels sum to exactly 1, so no seam and no change of level.
 */
torch::Tensor spanWeights(const TileSpan& span);

/** (1,1,h,w) outer product of the row and column weights. */
torch::Tensor tileWeights(const Tile& tile);

} // namespace unblur::engine
