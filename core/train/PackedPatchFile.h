#pragma once

#include "train/PairSource.h"

#include <cstdint>
#include <string>
#include <vector>

namespace unblur::train {

/**
 * A packed file of pre-cut patch pairs, so a machine with nothing but LibTorch (no OpenCV,
 * no Qt) can train on data made elsewhere. Plain C++ only. Layout, little-endian:
 *
 *     offset  bytes  field
 *     0       8      magic "UNBLURPK"
 *     8       4      version (1)
 *     12      4      patch side S in pixels
 *     16      8      pair count N (>= 1)
 *     24      8      index of the first pair in the source stream
 *     32      4      length L of the description
 *     36      L      the source's describe() line, UTF-8
 *     36+L    ...    N records: blurry then sharp, each 3*S*S uint16, planar RGB (CHW),
 *                    value = round(clamp(v, 0, 1) * 65535)
 *
 * uint16 keeps every 8-bit level exactly (k/255 is k*257/65535); the error is at most
 * 1/131070 elsewhere.
 */
constexpr char kPackedPatchMagic[8] = {'U', 'N', 'B', 'L', 'U', 'R', 'P', 'K'};
constexpr uint32_t kPackedPatchVersion = 1;

/**
 * Writes pairs `firstIndex .. firstIndex + count - 1` of `source` at `size` to `path`,
 * atomically (a temporary file beside it, then a rename). Samples on `threads` threads
 * (<= 0: one per core), in stream order on disk. Throws std::runtime_error naming the file.
 */
void writePackedPatches(const std::string& path, const PairSource& source, uint64_t count, int size,
                        uint64_t firstIndex = 0, int threads = 0);

/**
 * Reads a packed file fully into memory (2 bytes per value) and serves it as a PairSource:
 * sample(index, size) is stored pair `index % count`, cut at a random place to `size` if
 * the stored side is larger, under one of the 8 flips/quarter turns; place and turn come
 * from (seed, index). A malformed file throws std::runtime_error naming the file and what
 * is wrong with it.
 */
class PackedPatchSource final : public PairSource
{
public:
    explicit PackedPatchSource(const std::string& path, uint64_t seed = 0);

    /** Throws std::invalid_argument when `size` is larger than the stored side. */
    PatchPair sample(uint64_t index, int size) const override;
    std::string describe() const override;

    uint64_t count() const { return m_count; }
    int storedSize() const { return m_size; }
    uint64_t firstIndex() const { return m_firstIndex; }
    /** The describe() line of the source the file was written from. */
    const std::string& sourceDescription() const { return m_description; }
    /** Stored pair `i` as written: full size, no turn. */
    PatchPair stored(uint64_t i) const;

private:
    std::string m_path;
    uint64_t m_seed = 0;
    uint64_t m_count = 0;
    int m_size = 0;
    uint64_t m_firstIndex = 0;
    std::string m_description;
    std::vector<uint16_t> m_values; ///< count records of 2 * 3 * size * size values
};

} // namespace unblur::train
