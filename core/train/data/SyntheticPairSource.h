#pragma once

#include "train/PairSource.h"
#include "train/data/SynthesisOptions.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace unblur::train {

/**
 * Sharp photos from folders, blurred synthetically (BlurKernels, Degradation). The photos
 * (jpg jpeg png tif tiff webp bmp, found recursively) are split into train and validation
 * by a stable hash of their path relative to the folder, so the split never depends on the
 * machine or the order of the scan; with two or more photos each split has at least one,
 * a single photo serves both. Only this split's photos are decoded, once, at construction
 * (kept at 8 or 16 bits, 3 bytes or 6 per pixel). sample() depends only on the seed, the
 * index and the size, and is safe to call from many threads at once.
 */
class SyntheticPairSource final : public PairSource
{
public:
    /** Throws std::runtime_error naming the folders when no usable photo is found. */
    SyntheticPairSource(const std::vector<std::string>& folders, uint64_t seed,
                        bool validation = false, const SyntheticPairOptions& options = {});
    ~SyntheticPairSource() override;
    SyntheticPairSource(SyntheticPairSource&&) noexcept;
    SyntheticPairSource& operator=(SyntheticPairSource&&) noexcept;

    PatchPair sample(uint64_t index, int size) const override;
    std::string describe() const override;

    bool isValidation() const;
    /** The decoded photos this source draws from (this split, readable ones), sorted. */
    const std::vector<std::string>& photos() const;
    /** Every photo file found, by split (including unreadable ones). */
    const std::vector<std::string>& trainFiles() const;
    const std::vector<std::string>& validationFiles() const;
    /** Files of this split that could not be used, with the reason. */
    const std::vector<SkippedFile>& skipped() const;

    /** The split hash of a relative path, uniform in [0,1); below the fraction: validation. */
    static double splitScore(const std::string& relativePath);

private:
    struct Impl;
    std::unique_ptr<const Impl> m;
};

} // namespace unblur::train
