#pragma once

#include <cstdint>

namespace unblur::io {

/** How photos are read. */
struct ReadOptions
{
    /** Larger images are refused, from the header where the format allows it. */
    int64_t maxPixels = 250'000'000;
    /** Camera RAW: a fast half-size decode, for previews. */
    bool rawHalfSize = false;
};

} // namespace unblur::io
