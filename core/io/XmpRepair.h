#pragma once

#include <string>

namespace unblur::io {

/**
 * Mends the one common defect that makes the XMP toolkit refuse a whole packet: a property
 * given twice with the same value (Photoshop Elements writes such packets). Nothing is lost.
 */
class XmpRepair
{
public:
    /**
     * `packet` without repeated identical properties of a resource, or empty when it has none
     * to remove, is not well-formed XML, or repeats a property with different values.
     */
    static std::string withoutDuplicates(const std::string& packet);
};

} // namespace unblur::io
