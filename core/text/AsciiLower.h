#pragma once

#include <algorithm>
#include <string>

namespace unblur {

/** `text` with A-Z turned into a-z and every other byte kept (file extensions, option names). */
inline std::string asciiLower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) {
        return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : char(c);
    });
    return text;
}

} // namespace unblur
