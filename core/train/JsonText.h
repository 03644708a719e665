#pragma once

#include <string>

namespace unblur::train {

/** `text` as a quoted JSON string, with quotes, backslashes and control characters escaped. */
std::string jsonString(const std::string& text);

} // namespace unblur::train
