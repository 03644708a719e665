#pragma once

#include <string>
#include <vector>

namespace unblur::io {

/** Readies Exiv2 once per process (XMP toolkit, BMFF for CR3); safe from any thread. */
void initExiv2();

/**
 * Collects Exiv2's warnings and errors on this thread while it lives (Exiv2 logs them
 * instead of throwing, e.g. a tag it cannot encode), so callers can report them; they are
 * not printed.
 */
class Exiv2Messages
{
public:
    Exiv2Messages();
    ~Exiv2Messages();
    Exiv2Messages(const Exiv2Messages&) = delete;
    Exiv2Messages& operator=(const Exiv2Messages&) = delete;

    const std::vector<std::string>& messages() const { return m_messages; }

private:
    std::vector<std::string> m_messages;
    Exiv2Messages* m_previous = nullptr;
};

} // namespace unblur::io
