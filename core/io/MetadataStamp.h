#pragma once

#include "FloatImage.h"
#include "PhotoMetadata.h"
#include "PhotoWriter.h"

#include <string>

namespace unblur::io {

/** What the output is, for the updates made to its metadata. */
struct OutputFacts
{
    ImageFormat format = ImageFormat::Unknown;
    const FloatImage* pixels = nullptr; ///< the upright result: size and EXIF thumbnail
    bool sourceIsRaw = false;
    MetadataPolicy policy = MetadataPolicy::Keep;
    Provenance provenance;
    std::string path; ///< for error messages
};

/**
 * The metadata to write: `source`'s, with the policy applied and the updates made on
 * purpose, and only those (see writePhoto): orientation 1, pixel dimensions, EXIF thumbnail
 * remade or removed, embedded previews removed, Software / CreatorTool, XMP history; RAW
 * structure tags dropped; the packets Exiv2 derives (XMLPacket, IPTCNAA, InterColorProfile)
 * left for it to derive again.
 */
PhotoMetadata stampForOutput(const PhotoMetadata& source, const OutputFacts& facts);

} // namespace unblur::io
