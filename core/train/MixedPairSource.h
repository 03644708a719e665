#pragma once

#include "PairSource.h"

#include <memory>
#include <vector>

namespace unblur::train {

/** Interleaves several sources: sample i comes from source i mod n, at its index i / n. */
class MixedPairSource : public PairSource
{
public:
    explicit MixedPairSource(std::vector<std::unique_ptr<PairSource>> sources);

    PatchPair sample(uint64_t index, int size) const override;
    std::string describe() const override;
    bool empty() const { return m_sources.empty(); }

private:
    std::vector<std::unique_ptr<PairSource>> m_sources;
};

} // namespace unblur::train
