#pragma once

#include "Photo.h"
#include "ReadOptions.h"

#include <cstddef>
#include <string>

namespace unblur::io {

/**
 * Reads a photo, decoding by content, never by extension: JPEG, PNG (8/16-bit), TIFF
 * (8/16-bit, grey, RGB, alpha, deflate/LZW), WebP, BMP and camera RAW (DNG, CR2, CR3 where
 * LibRaw can, NEF, ARW, RAF, ORF, RW2, PEF ...). Depth, grey and alpha are kept; RAW comes
 * back 16-bit sRGB. The EXIF orientation is applied to the pixels exactly once.
 *
 * Throws ImageError naming the file and the reason: missing, unreadable, empty, truncated,
 * not an image, declared dimensions over `options.maxPixels`, RAW without image data.
 */
Photo readPhoto(const std::string& path, const ReadOptions& options = {});

/**
 * The same for a file already in memory (readPhoto reads the file, then decodes here);
 * `name` stands for the file in messages and in Photo::path. Throws ImageError as above.
 */
Photo readPhotoFromMemory(const char* data, size_t size, const std::string& name,
                          const ReadOptions& options = {});

} // namespace unblur::io
