#pragma once

#include "EncodeOptions.h"
#include "Photo.h"

#include <string>
#include <vector>

namespace unblur::io {

/** What happens to the source's metadata. */
enum class MetadataPolicy
{
    Keep,     ///< everything, with the few updates listed at writePhoto
    StripGps, ///< everything but the EXIF GPS directory and XMP exif:GPS properties
    StripAll, ///< no EXIF, IPTC or XMP; the ICC profile stays so colours do not shift
};

/** Who made the output, for Software, CreatorTool and the XMP history. */
struct Provenance
{
    std::string appVersion; ///< "0.1.0": written as "Unblur 0.1.0"
    std::string modelName;  ///< the model that restored the pixels; may be empty
};

struct PhotoWriteOptions
{
    EncodeOptions encode;
    MetadataPolicy metadata = MetadataPolicy::Keep;
    /** Allow `path` to be the source photo itself (it is then replaced, atomically). */
    bool overwriteSource = false;
};

/** What was written. */
struct WriteResult
{
    ImageFormat format = ImageFormat::Unknown;
    int bitDepth = 8;
    std::vector<std::string> notes; ///< e.g. a tag the format cannot hold, named
};

/**
 * Writes `pixels` (upright, e.g. the restored `source.image`) with `source`'s metadata.
 *
 * Format: `options.encode.format`, else the extension of `path` (the two must agree when
 * both are given). JPEG (quality, chroma subsampling), PNG 8/16, TIFF 8/16 (deflate), WebP.
 *
 * Metadata: every EXIF (maker notes and GPS included), IPTC and XMP entry and the ICC
 * profile (JPEG APP2, PNG iCCP, TIFF tag, WebP ICCP) are carried over. Updated on purpose,
 * and only these: Exif.Image.Orientation and Xmp.tiff.Orientation become 1; the pixel
 * dimensions (Exif.Photo.PixelX/YDimension, Exif.Image.ImageWidth/Length, their XMP
 * counterparts; the TIFF structure tags follow the new pixels); the EXIF thumbnail is made
 * again from `pixels` (JPEG, PNG, WebP) or removed (TIFF), and embedded TIFF previews are
 * removed; Exif.Image.Software and Xmp.xmp.CreatorTool name Unblur and its version; an
 * Xmp.xmpMM.History entry names Unblur and the model. A RAW source gives its EXIF without
 * the RAW's own structure (DNG and CFA tags). WebP has no IPTC block: IPTC goes into XMP.
 *
 * Safe: encoded in memory, written to a temporary file in the target folder, synced and
 * renamed over `path`; on any failure nothing is left. `path` equal to `source.path` is
 * refused unless `options.overwriteSource`. Throws ImageError naming `path`.
 */
WriteResult writePhoto(const std::string& path, const FloatImage& pixels, const Photo& source,
                       const Provenance& provenance, const PhotoWriteOptions& options = {});

/**
 * The checks writePhoto makes before encoding (format, folder, not the source), for callers
 * that want to fail before a long computation. Returns the format. Throws ImageError.
 */
ImageFormat checkPhotoOutput(const std::string& path, const Photo& source,
                             const PhotoWriteOptions& options = {});

} // namespace unblur::io
