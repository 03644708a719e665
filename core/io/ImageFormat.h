#pragma once

#include <string>
#include <vector>

namespace unblur::io {

/** The container formats the photo layer knows. */
enum class ImageFormat
{
    Unknown,
    Jpeg,
    Png,
    Tiff,
    Webp,
    Bmp,
    Raw, ///< camera RAW, decoded through LibRaw
};

/** "JPEG", "PNG", "TIFF", "WebP", "BMP", "camera RAW" or "unknown". */
const char* formatName(ImageFormat format);

/**
 * The format the first bytes announce. TIFF-based RAW files (DNG, NEF, ARW, PEF ...) start
 * like TIFF and are told apart by the decoder; CR2, CR3, CRW, ORF, RW2, RAF, MRW and X3F
 * have signatures of their own and come back as Raw.
 */
ImageFormat sniffFormat(const char* data, size_t size);

/** The format a file name's extension names (.jpg .jpeg .png .tif .tiff .webp .bmp, RAW). */
ImageFormat formatForExtension(const std::string& path);

/** The format an extension without its dot names, in any case: "jpg", "TIFF", "webp"... */
ImageFormat formatNamed(const std::string& extension);

/** Whether photos can be written in `format` (JPEG, PNG, TIFF, WebP). */
bool canEncode(ImageFormat format);

/** The usual extension for `format`, without a dot: "jpg", "png", "tif", "webp". */
std::string extensionFor(ImageFormat format);

/**
 * The output format when none is asked for: the source's, except that RAW becomes TIFF
 * (16-bit) and BMP or an unknown source becomes PNG.
 */
ImageFormat defaultOutputFormat(ImageFormat source);

/** Lower-case extensions of the camera RAW files LibRaw reads, without dots. */
const std::vector<std::string>& rawExtensions();

} // namespace unblur::io
