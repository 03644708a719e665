#pragma once

#include "FloatImage.h"
#include "ImageFormat.h"
#include "PhotoMetadata.h"

#include <string>
#include <vector>

namespace unblur::io {

/** A photo as read from a file: upright pixels, the file's metadata, and where it came from. */
struct Photo
{
    /** Upright: the EXIF orientation is already applied (exactly once). */
    FloatImage image;
    /** As in the file; its orientation tag still describes the file's stored pixels. */
    PhotoMetadata metadata;
    ImageFormat format = ImageFormat::Unknown;
    std::string path;
    /** Things worth telling the user that did not stop the read (unreadable metadata ...). */
    std::vector<std::string> notes;
};

} // namespace unblur::io
