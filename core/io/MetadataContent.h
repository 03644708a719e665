#pragma once

#include "PhotoMetadata.h"

#include <exiv2/exiv2.hpp>

namespace unblur::io {

/** What PhotoMetadata holds; only the io layer's sources include this (it needs Exiv2). */
struct PhotoMetadata::Content
{
    Exiv2::ExifData exif;
    Exiv2::IptcData iptc;
    Exiv2::XmpData xmp;
    std::string icc;
    Exiv2::ByteOrder byteOrder = Exiv2::invalidByteOrder; ///< of the source's EXIF
};

} // namespace unblur::io
