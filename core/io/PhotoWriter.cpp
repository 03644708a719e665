#include "PhotoWriter.h"

#include "AtomicFile.h"
#include "ImageError.h"
#include "MetadataContent.h"
#include "MetadataEmbedder.h"
#include "MetadataStamp.h"
#include "PixelEncoder.h"

#include <algorithm>

namespace unblur::io {

namespace {

ImageFormat resolveFormat(const std::string& path, const EncodeOptions& options)
{
    const ImageFormat byName = formatForExtension(path);
    if (options.format != ImageFormat::Unknown) {
        if (!canEncode(options.format)) {
            throw ImageError("cannot write " + path + ": " + formatName(options.format) +
                             " cannot be written (use JPEG, PNG, TIFF or WebP)");
        }
        if (byName != ImageFormat::Unknown && byName != options.format) {
            throw ImageError("cannot write " + path + ": the extension says " + formatName(byName) +
                             " but " + formatName(options.format) + " was asked for");
        }
        return options.format;
    }
    if (!canEncode(byName)) {
        throw ImageError("cannot write " + path +
                         ": unknown extension (use .jpg, .png, .tif or .webp)");
    }
    return byName;
}

/** Resolution, alpha meaning and byte order for a TIFF, from the source's EXIF. */
TiffLayout tiffLayoutFrom(const PhotoMetadata& metadata)
{
    const PhotoMetadata::Content& c = metadata.content();
    TiffLayout layout;
    layout.bigEndian = c.byteOrder == Exiv2::bigEndian;
    const auto rational = [&](const char* key, uint32_t out[2]) {
        const auto it = c.exif.findKey(Exiv2::ExifKey(key));
        if (it != c.exif.end() && it->count() == 1) {
            const Exiv2::Rational r = it->toRational();
            if (r.first > 0 && r.second > 0) {
                out[0] = uint32_t(r.first);
                out[1] = uint32_t(r.second);
            }
        }
    };
    rational("Exif.Image.XResolution", layout.xResolution);
    rational("Exif.Image.YResolution", layout.yResolution);
    const auto unit = c.exif.findKey(Exiv2::ExifKey("Exif.Image.ResolutionUnit"));
    if (unit != c.exif.end() && unit->count() == 1 && unit->toLong() >= 1 && unit->toLong() <= 3) {
        layout.resolutionUnit = uint16_t(unit->toLong());
    }
    const auto extra = c.exif.findKey(Exiv2::ExifKey("Exif.Image.ExtraSamples"));
    if (extra != c.exif.end() && extra->count() >= 1 && extra->toLong() >= 0 &&
        extra->toLong() <= 2) {
        layout.extraSamples = uint16_t(extra->toLong());
    }
    // Colour description that Exiv2 treats as image structure in a TIFF.
    const uint16_t colourTags[] = {0x012D, 0x013E, 0x013F, 0x0211, 0x0212, 0x0213, 0x0214};
    for (const Exiv2::Exifdatum& d : c.exif) {
        if (d.groupName() != "Image" || d.count() == 0 ||
            std::find(std::begin(colourTags), std::end(colourTags), d.tag()) ==
                std::end(colourTags)) {
            continue;
        }
        TiffField field;
        field.tag = d.tag();
        field.type = uint16_t(d.typeId());
        field.count = uint32_t(d.count());
        field.value.resize(d.size());
        d.copy(reinterpret_cast<Exiv2::byte*>(field.value.data()),
               layout.bigEndian ? Exiv2::bigEndian : Exiv2::littleEndian);
        layout.extraFields.push_back(field);
    }
    return layout;
}

} // namespace

ImageFormat checkPhotoOutput(const std::string& path, const Photo& source,
                             const PhotoWriteOptions& options)
{
    const ImageFormat format = resolveFormat(path, options.encode);
    FloatImage shape; // the depth asked for must fit the format, whatever the pixels
    shape.bitDepth = 8;
    PixelEncoder::bitDepthFor(shape, format, options.encode, path);
    AtomicFile::checkTarget(path, source.path, options.overwriteSource);
    return format;
}

WriteResult writePhoto(const std::string& path, const FloatImage& pixels, const Photo& source,
                       const Provenance& provenance, const PhotoWriteOptions& options)
{
    WriteResult result;
    result.format = checkPhotoOutput(path, source, options);
    PixelEncoder::checkImage(pixels, path);
    result.bitDepth = PixelEncoder::bitDepthFor(pixels, result.format, options.encode, path);

    OutputFacts facts;
    facts.format = result.format;
    facts.pixels = &pixels;
    facts.sourceIsRaw = source.format == ImageFormat::Raw;
    facts.policy = options.metadata;
    facts.provenance = provenance;
    facts.path = path;
    const PhotoMetadata metadata = stampForOutput(source.metadata, facts);

    const QByteArray encoded = PixelEncoder::encode(pixels, result.format, options.encode,
                                                    tiffLayoutFrom(source.metadata), path);
    const QByteArray bytes = embedMetadata(encoded, result.format, metadata, path, result.notes);
    AtomicFile::write(path, bytes);
    return result;
}

} // namespace unblur::io
