#pragma once

#include <string>

namespace unblur {

/** Whether `text` begins with `prefix`. */
inline bool startsWith(const std::string& text, const std::string& prefix)
{
    return text.compare(0, prefix.size(), prefix) == 0;
}

} // namespace unblur
