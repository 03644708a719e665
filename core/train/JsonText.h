#pragma once

#include <string>

namespace unblur::train {

/** `text` as a quoted JSON string, with quotes, backslashes and control characters escaped. */
std::string jsonString(const std::string& text);

/**
 * The JSON object text `object` with `member` (`"key": value`) added as its last member; just
 * `{member}` when `object` holds no object (e.g. is empty).
 */
std::string withJsonMember(const std::string& object, const std::string& member);

} // namespace unblur::train
