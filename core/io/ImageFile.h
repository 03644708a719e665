#pragma once

#include "FloatImage.h"
#include "ImageError.h"
#include "ReadOptions.h"

#include <string>
#include <vector>

namespace unblur::io {

/** Options of the pixel-only writer; PhotoWriter.h has the full set. */
struct WriteOptions
{
    int quality = 95; ///< JPEG and WebP, 1..100
};

/**
 * The pixels of a photo (see readPhoto in PhotoReader.h, which also returns the metadata):
 * decoded by content, depth, grey and alpha kept, EXIF orientation applied. Throws ImageError.
 */
FloatImage readImage(const std::string& path, const ReadOptions& options = {});

/**
 * Encodes pixels only, without metadata, by the extension (.png, .jpg/.jpeg, .tif/.tiff,
 * .webp), 16-bit where the image's bitDepth is 16 and the format holds it (PNG, TIFF), else
 * 8-bit; samples are clamped and rounded. Atomic: a temporary file in the target folder is
 * synced and renamed over `path`, so a failure never leaves a partial file. Throws ImageError.
 */
void writeImage(const std::string& path, const FloatImage& image, const WriteOptions& options = {});

/**
 * The checks writeImage makes before encoding (known extension, existing folder, not a
 * folder itself), for callers that want to fail before a long computation. Throws ImageError.
 */
void checkWritablePath(const std::string& path);

/** Lower-case extensions writeImage accepts on this build, without dots. */
std::vector<std::string> writableExtensions();

} // namespace unblur::io
