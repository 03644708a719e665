#pragma once

#include <stdexcept>
#include <string>

namespace unblur::model {

/** Any failure to read, validate or run a model; the message names the file and the reason. */
class ModelError : public std::runtime_error
{
public:
    explicit ModelError(const std::string& message) : std::runtime_error(message) {}
};

} // namespace unblur::model
