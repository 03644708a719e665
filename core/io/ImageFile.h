#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace unblur::io {

/** Any failure to read or write an image; the message names the file and the reason. */
class ImageError : public std::runtime_error
{
public:
    explicit ImageError(const std::string& message) : std::runtime_error(message) {}
};

/** A decoded photo: interleaved samples in RGB(A) order, scaled to [0,1]. */
struct FloatImage
{
    int width = 0;
    int height = 0;
    int channels = 0; ///< 1 (grey), 3 (RGB) or 4 (RGBA)
    int bitDepth = 8; ///< of the source file: 8 or 16
    std::vector<float> pixels;

    bool hasAlpha() const { return channels == 4; }
    size_t sampleCount() const { return size_t(width) * size_t(height) * size_t(channels); }
};

struct ReadOptions
{
    /** Larger images are refused, from the header where the format allows it. */
    int64_t maxPixels = 250'000'000;
};

struct WriteOptions
{
    int quality = 95; ///< JPEG and WebP, 1..100
};

/**
 * Decodes by content, not extension (PNG, JPEG, TIFF, WebP, ... as OpenCV allows). Depth,
 * grey and alpha are kept; JPEG's EXIF orientation is applied. Throws ImageError.
 */
FloatImage readImage(const std::string& path, const ReadOptions& options = {});

/**
 * Encodes by the extension (.png, .jpg/.jpeg, .tif/.tiff, .webp), 16-bit where the image's
 * bitDepth is 16 and the format holds it (PNG, TIFF), else 8-bit; samples are clamped and
 * rounded. Atomic: a temporary file in the target folder is synced and renamed over `path`,
 * so a failure never leaves a partial file. Throws ImageError.
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
