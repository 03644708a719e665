#pragma once

#include <stdexcept>
#include <string>

namespace unblur::io {

/** Any failure to read or write an image; the message names the file and the reason. */
class ImageError : public std::runtime_error
{
public:
    explicit ImageError(const std::string& message) : std::runtime_error(message) {}
};

} // namespace unblur::io
