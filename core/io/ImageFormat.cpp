#include "ImageFormat.h"

#include "text/AsciiLower.h"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace unblur::io {

namespace {

bool hasPrefix(const char* data, size_t size, const char* magic, size_t length, size_t at = 0)
{
    return size >= at + length && std::memcmp(data + at, magic, length) == 0;
}

/** What follows the last dot of the file name, as written; empty without one. */
std::string extensionOf(const std::string& path)
{
    const size_t slash = path.find_last_of('/');
    const size_t dot = path.find_last_of('.');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) {
        return {};
    }
    return path.substr(dot + 1);
}

} // namespace

const char* formatName(ImageFormat format)
{
    switch (format) {
    case ImageFormat::Jpeg:
        return "JPEG";
    case ImageFormat::Png:
        return "PNG";
    case ImageFormat::Tiff:
        return "TIFF";
    case ImageFormat::Webp:
        return "WebP";
    case ImageFormat::Bmp:
        return "BMP";
    case ImageFormat::Raw:
        return "camera RAW";
    case ImageFormat::Unknown:
        break;
    }
    return "unknown";
}

ImageFormat sniffFormat(const char* data, size_t size)
{
    if (hasPrefix(data, size, "\xFF\xD8\xFF", 3)) {
        return ImageFormat::Jpeg;
    }
    if (hasPrefix(data, size, "\x89PNG\r\n\x1A\n", 8)) {
        return ImageFormat::Png;
    }
    if (hasPrefix(data, size, "RIFF", 4) && hasPrefix(data, size, "WEBP", 4, 8)) {
        return ImageFormat::Webp;
    }
    if (hasPrefix(data, size, "BM", 2) && size >= 26) {
        return ImageFormat::Bmp;
    }
    // RAW formats with signatures of their own (checked before plain TIFF: ORF and RW2
    // start with a variant of the TIFF header, CR2 with a real one).
    if (hasPrefix(data, size, "IIRO", 4) || hasPrefix(data, size, "IIRS", 4) ||
        hasPrefix(data, size, "MMOR", 4) || hasPrefix(data, size, "IIU\0", 4) ||
        hasPrefix(data, size, "FUJIFILMCCD-RAW", 15) || hasPrefix(data, size, "HEAPCCDR", 8, 6) ||
        hasPrefix(data, size, "ftypcrx ", 8, 4) || hasPrefix(data, size, "\0MRM", 4) ||
        hasPrefix(data, size, "FOVb", 4) || hasPrefix(data, size, "CR\2\0", 4, 8)) {
        return ImageFormat::Raw;
    }
    if (hasPrefix(data, size, "II*\0", 4) || hasPrefix(data, size, "MM\0*", 4) ||
        hasPrefix(data, size, "II+\0", 4) || hasPrefix(data, size, "MM\0+", 4)) {
        return ImageFormat::Tiff;
    }
    return ImageFormat::Unknown;
}

ImageFormat formatForExtension(const std::string& path)
{
    return formatNamed(extensionOf(path));
}

ImageFormat formatNamed(const std::string& extension)
{
    const std::string ext = asciiLower(extension);
    if (ext == "jpg" || ext == "jpeg" || ext == "jpe") {
        return ImageFormat::Jpeg;
    }
    if (ext == "png") {
        return ImageFormat::Png;
    }
    if (ext == "tif" || ext == "tiff") {
        return ImageFormat::Tiff;
    }
    if (ext == "webp") {
        return ImageFormat::Webp;
    }
    if (ext == "bmp") {
        return ImageFormat::Bmp;
    }
    const std::vector<std::string>& raw = rawExtensions();
    if (std::find(raw.begin(), raw.end(), ext) != raw.end()) {
        return ImageFormat::Raw;
    }
    return ImageFormat::Unknown;
}

bool canEncode(ImageFormat format)
{
    return format == ImageFormat::Jpeg || format == ImageFormat::Png ||
           format == ImageFormat::Tiff || format == ImageFormat::Webp;
}

std::string extensionFor(ImageFormat format)
{
    switch (format) {
    case ImageFormat::Jpeg:
        return "jpg";
    case ImageFormat::Png:
        return "png";
    case ImageFormat::Tiff:
        return "tif";
    case ImageFormat::Webp:
        return "webp";
    case ImageFormat::Bmp:
        return "bmp";
    case ImageFormat::Raw:
    case ImageFormat::Unknown:
        break;
    }
    return {};
}

ImageFormat defaultOutputFormat(ImageFormat source)
{
    if (source == ImageFormat::Raw) {
        return ImageFormat::Tiff;
    }
    return canEncode(source) ? source : ImageFormat::Png;
}

const std::vector<std::string>& rawExtensions()
{
    static const std::vector<std::string> extensions = {
        "dng", "cr2", "cr3", "crw", "nef", "nrw", "arw", "srf", "sr2", "raf", "orf", "rw2",
        "rwl", "pef", "srw", "3fr", "erf", "kdc", "dcr", "mrw", "mos", "iiq", "x3f"};
    return extensions;
}

} // namespace unblur::io
