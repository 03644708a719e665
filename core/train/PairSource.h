#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace unblur::train {

/** One training example: a blurry patch and its sharp counterpart, planar RGB floats in [0,1]. */
struct PatchPair
{
    int size = 0;              ///< side length in pixels (square patches)
    std::vector<float> blurry; ///< 3 * size * size values, channel-major (CHW)
    std::vector<float> sharp;  ///< same layout
};

/**
 * An endless, deterministic stream of training pairs. `sample(index, size)` depends only on
 * the source's seed, `index` and `size`, so a resumed run sees exactly the same data, and
 * worker threads may call it concurrently (implementations keep no mutable shared state).
 */
class PairSource
{
public:
    virtual ~PairSource() = default;

    /** The pair at position `index` of the stream, cut to `size` x `size`. Thread-safe. */
    virtual PatchPair sample(uint64_t index, int size) const = 0;

    /** One line for logs and model.json: what the data is and where it comes from. */
    virtual std::string describe() const = 0;
};

} // namespace unblur::train
