#pragma once

#include "ImageFormat.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace unblur::io {

/** What a file's own header says, read before any decoding. */
struct HeaderInfo
{
    int64_t width = -1; ///< -1 where the header was not understood
    int64_t height = -1;
    std::string damage; ///< why the file is incomplete or broken; empty when it looks whole
    /** TIFF whose first image is a camera's raw data or a preview of it (DNG, NEF, ARW ...). */
    bool rawLike = false;
    /** TIFF: where IFD0's Orientation and ExtraSamples values sit (two bytes), or -1. */
    int64_t orientationAt = -1;
    int64_t extraSamplesAt = -1;

    int64_t pixels() const { return width < 0 || height < 0 ? -1 : width * height; }
};

/**
 * Declared dimensions (to refuse decompression bombs before decoding) and a structural
 * check (to call a truncated file truncated rather than decode it half grey): JPEG markers
 * up to the end-of-image marker, PNG chunks up to IEND, TIFF strips and tiles inside the
 * file, the WebP RIFF size, the BMP pixel array. Never throws and never reads past `size`.
 */
HeaderInfo probeHeader(const char* data, size_t size, ImageFormat format);

} // namespace unblur::io
