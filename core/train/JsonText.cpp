#include "JsonText.h"

#include <cstdio>

namespace unblur::train {

std::string jsonString(const std::string& text)
{
    std::string out = "\"";
    for (const char c : text) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char escaped[8];
                std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
                out += escaped;
            } else {
                out += c;
            }
        }
    }
    return out + "\"";
}

std::string withJsonMember(const std::string& object, const std::string& member)
{
    const size_t close = object.find_last_of('}');
    if (close == std::string::npos) {
        return "{" + member + "}";
    }
    const bool empty = object.find_first_not_of(" \n\t{", 0) == close;
    return object.substr(0, close) + (empty ? "" : ", ") + member + object.substr(close);
}

} // namespace unblur::train
