#pragma once

#include "ImageFormat.h"
#include "PhotoMetadata.h"

#include <QByteArray>
#include <string>
#include <vector>

namespace unblur::io {

/**
 * Writes metadata into freshly encoded image bytes with Exiv2 (in memory, so only complete
 * files ever reach the disk). EXIF keeps the source's byte order (maker notes need it);
 * PNG and WebP get their ICC profile from PngIcc and WebpIcc; WebP no IPTC. Exiv2's warnings (e.g.
 * a tag a JPEG's 64 KB EXIF block cannot hold) are appended to `notes`. Throws ImageError naming
 * `path`.
 */
QByteArray embedMetadata(const QByteArray& encoded, ImageFormat format,
                         const PhotoMetadata& metadata, const std::string& path,
                         std::vector<std::string>& notes);

} // namespace unblur::io
