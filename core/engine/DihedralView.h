#pragma once

#include "EngineOptions.h"

#include <cstdint>
#include <torch/types.h>

namespace unblur::engine {

/**
 * The eight flips and quarter turns of an image (the dihedral group), used for the
 * self-ensemble: a tile is restored in several views and the results, turned back, averaged.
 * Views 0-3 keep the shape (identity, left-right, upside-down, both: half turn); views 4-7
 * transpose first, so 2 views = identity + mirror, 4 = all shape-keeping ones, 8 = all.
 */
constexpr int kDihedralViews = 8;

/** View `view` (0..7) of an (N,C,H,W) tensor. */
torch::Tensor dihedralView(const torch::Tensor& image, int view);

/** Undoes dihedralView: undoDihedralView(dihedralView(x, v), v) == x. */
torch::Tensor undoDihedralView(const torch::Tensor& image, int view);

/** The noise seed of view `view` of a tile: view 0 keeps the tile's own seed. */
uint64_t viewSeed(uint64_t tileSeed, int view);

} // namespace unblur::engine
