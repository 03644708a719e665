#pragma once

#include "train/PairSource.h"
#include "train/data/SynthesisOptions.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace unblur::train {

struct PairFolderOptions
{
    /** Decoded pairs kept in memory, in scan order, up to this many bytes; the rest are
     *  decoded again whenever they are drawn. */
    uint64_t cacheBytes = 4ull << 30;
    /** Decoding threads at construction (<= 0: one per core). */
    int loadThreads = 0;
};

/**
 * Real blurry/sharp pairs from a folder in the GoPro layout: every `blur/NAME` with a
 * `sharp/NAME` beside it (the same parent folder), at any depth; `input/` + `target/` is
 * read the same way. Every pair is decoded once at construction to check it (both sides
 * the same size); pairs that do not match are skipped. sample() draws a pair, an aligned
 * random crop (reflected when the photo is smaller) and one of the 8 flips/quarter turns,
 * from (seed, index) alone; it is safe to call from many threads at once.
 */
class PairFolderSource final : public PairSource
{
public:
    /** Throws std::runtime_error naming the folder when it holds no usable pair. */
    PairFolderSource(const std::string& folder, uint64_t seed,
                     const PairFolderOptions& options = {});
    ~PairFolderSource() override;
    PairFolderSource(PairFolderSource&&) noexcept;
    PairFolderSource& operator=(PairFolderSource&&) noexcept;

    PatchPair sample(uint64_t index, int size) const override;
    std::string describe() const override;

    size_t pairCount() const;
    /** The blurry and sharp file of every usable pair, in the same (sorted) order. */
    const std::vector<std::string>& blurryFiles() const;
    const std::vector<std::string>& sharpFiles() const;
    /** Files found but not used, with the reason. */
    const std::vector<SkippedFile>& skipped() const;

private:
    struct Impl;
    std::unique_ptr<const Impl> m;
};

} // namespace unblur::train
