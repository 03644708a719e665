#include "MixedPairSource.h"

#include <stdexcept>

namespace unblur::train {

MixedPairSource::MixedPairSource(std::vector<std::unique_ptr<PairSource>> sources)
    : m_sources(std::move(sources))
{
}

PatchPair MixedPairSource::sample(uint64_t index, int size) const
{
    if (m_sources.empty()) {
        throw std::logic_error("no training data sources");
    }
    const uint64_t n = m_sources.size();
    return m_sources[index % n]->sample(index / n, size);
}

std::string MixedPairSource::describe() const
{
    std::string text;
    for (const auto& source : m_sources) {
        text += (text.empty() ? "" : "; ") + source->describe();
    }
    return text;
}

} // namespace unblur::train
