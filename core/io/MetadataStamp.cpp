#include "MetadataStamp.h"

#include "Exiv2Support.h"
#include "ImageError.h"
#include "JpegEncoder.h"
#include "MetadataContent.h"

#include <QDateTime>
#include <algorithm>
#include <cstdlib>
#include <functional>

namespace unblur::io {

namespace {

/** TIFF/EP and DNG tags of a RAW file's IFD0 that describe the raw data, not the photo. */
bool isRawStructureTag(uint16_t tag)
{
    static const uint16_t tags[] = {0x00FE, 0x00FF, 0x0100, 0x0101, 0x0102, 0x0103, 0x0106, 0x010A,
                                    0x0111, 0x0115, 0x0116, 0x0117, 0x011C, 0x013D, 0x0142, 0x0143,
                                    0x0144, 0x0145, 0x014A, 0x0152, 0x0153, 0x0201, 0x0202, 0x0211,
                                    0x0212, 0x0213, 0x0214, 0x828D, 0x828E, 0x9216};
    return std::find(std::begin(tags), std::end(tags), tag) != std::end(tags) ||
           (tag >= 0xC612 && tag <= 0xCFFF); // DNG
}

/** Thumbnail (IFD1) tags that describe its pixels; the rest (Make, DateTime ...) stay. */
bool isThumbnailDataTag(uint16_t tag)
{
    static const uint16_t tags[] = {0x0100, 0x0101, 0x0102, 0x0103, 0x0106, 0x0111, 0x0115,
                                    0x0116, 0x0117, 0x011C, 0x0201, 0x0202, 0x0212};
    return std::find(std::begin(tags), std::end(tags), tag) != std::end(tags);
}

/** Other images of a TIFF (pages, previews in SubIFDs): their pixel data is not carried. */
bool isOtherImageGroup(const std::string& group)
{
    return group.rfind("SubImage", 0) == 0 || group.rfind("SubThumb", 0) == 0 ||
           group == "Image2" || group == "Image3";
}

void eraseIf(Exiv2::ExifData& exif, const std::function<bool(const Exiv2::Exifdatum&)>& drop)
{
    for (auto it = exif.begin(); it != exif.end();) {
        it = drop(*it) ? exif.erase(it) : std::next(it);
    }
}

template <typename Data, typename Key, typename T>
void setIfPresent(Data& data, const char* key, const T& value)
{
    const auto it = data.findKey(Key(key));
    if (it != data.end()) {
        it->setValue(value);
    }
}

void remakeThumbnail(Exiv2::ExifData& exif, const OutputFacts& facts)
{
    const bool hasThumbnail = std::any_of(
        exif.begin(), exif.end(), [](const auto& d) { return d.groupName() == "Thumbnail"; });
    if (!hasThumbnail) {
        return;
    }
    const bool keep = facts.format != ImageFormat::Tiff && !facts.sourceIsRaw;
    eraseIf(exif, [&](const Exiv2::Exifdatum& d) {
        return d.groupName() == "Thumbnail" && (!keep || isThumbnailDataTag(d.tag()));
    });
    if (!keep) {
        return;
    }
    const QByteArray jpeg = JpegEncoder::thumbnail(*facts.pixels, 160, facts.path);
    Exiv2::ExifThumb(exif).setJpegThumbnail(reinterpret_cast<const Exiv2::byte*>(jpeg.data()),
                                            long(jpeg.size()));
    setIfPresent<Exiv2::ExifData, Exiv2::ExifKey>(exif, "Exif.Thumbnail.Orientation",
                                                  std::string("1"));
}

void updateExif(Exiv2::ExifData& exif, const OutputFacts& facts, const std::string& software)
{
    eraseIf(exif, [&](const Exiv2::Exifdatum& d) {
        const std::string group = d.groupName();
        if (isOtherImageGroup(group)) {
            return true;
        }
        if (group != "Image") {
            return false;
        }
        // Derived again by Exiv2 from the XMP, IPTC and ICC being written.
        if (d.tag() == 0x02BC || d.tag() == 0x83BB || d.tag() == 0x8773 || d.tag() == 0x014A) {
            return true;
        }
        return facts.sourceIsRaw && isRawStructureTag(d.tag());
    });
    if (exif.empty()) {
        return;
    }
    const std::string width = std::to_string(facts.pixels->width);
    const std::string height = std::to_string(facts.pixels->height);
    setIfPresent<Exiv2::ExifData, Exiv2::ExifKey>(exif, "Exif.Image.Orientation", std::string("1"));
    setIfPresent<Exiv2::ExifData, Exiv2::ExifKey>(exif, "Exif.Photo.PixelXDimension", width);
    setIfPresent<Exiv2::ExifData, Exiv2::ExifKey>(exif, "Exif.Photo.PixelYDimension", height);
    if (facts.format != ImageFormat::Tiff) { // in TIFF, these follow the pixels written
        setIfPresent<Exiv2::ExifData, Exiv2::ExifKey>(exif, "Exif.Image.ImageWidth", width);
        setIfPresent<Exiv2::ExifData, Exiv2::ExifKey>(exif, "Exif.Image.ImageLength", height);
    }
    exif["Exif.Image.Software"] = software;
    remakeThumbnail(exif, facts);
}

/** The index the next Xmp.xmpMM.History item gets. */
int nextHistoryIndex(const Exiv2::XmpData& xmp)
{
    const std::string prefix = "Xmp.xmpMM.History[";
    int next = 1;
    for (const Exiv2::Xmpdatum& d : xmp) {
        const std::string key = d.key();
        if (key.rfind(prefix, 0) == 0) {
            next = std::max(next, std::atoi(key.c_str() + prefix.size()) + 1);
        }
    }
    return next;
}

void updateXmp(Exiv2::XmpData& xmp, const OutputFacts& facts, const std::string& software)
{
    const std::string width = std::to_string(facts.pixels->width);
    const std::string height = std::to_string(facts.pixels->height);
    setIfPresent<Exiv2::XmpData, Exiv2::XmpKey>(xmp, "Xmp.tiff.Orientation", std::string("1"));
    setIfPresent<Exiv2::XmpData, Exiv2::XmpKey>(xmp, "Xmp.tiff.ImageWidth", width);
    setIfPresent<Exiv2::XmpData, Exiv2::XmpKey>(xmp, "Xmp.tiff.ImageLength", height);
    setIfPresent<Exiv2::XmpData, Exiv2::XmpKey>(xmp, "Xmp.exif.PixelXDimension", width);
    setIfPresent<Exiv2::XmpData, Exiv2::XmpKey>(xmp, "Xmp.exif.PixelYDimension", height);
    xmp["Xmp.xmp.CreatorTool"] = software;

    if (xmp.findKey(Exiv2::XmpKey("Xmp.xmpMM.History")) == xmp.end()) {
        Exiv2::XmpTextValue sequence;
        sequence.setXmpArrayType(Exiv2::XmpValue::xaSeq);
        xmp.add(Exiv2::XmpKey("Xmp.xmpMM.History"), &sequence);
    }
    const std::string item = "Xmp.xmpMM.History[" + std::to_string(nextHistoryIndex(xmp)) + "]";
    Exiv2::XmpTextValue entry;
    entry.setXmpStruct();
    xmp.add(Exiv2::XmpKey(item), &entry);
    const QDateTime now = QDateTime::currentDateTime();
    const std::string model = facts.provenance.modelName;
    xmp[item + "/stEvt:action"] = std::string("edited");
    xmp[item + "/stEvt:when"] =
        now.toOffsetFromUtc(now.offsetFromUtc()).toString(Qt::ISODate).toStdString();
    xmp[item + "/stEvt:softwareAgent"] = software;
    xmp[item + "/stEvt:changed"] = std::string("/");
    xmp[item + "/stEvt:parameters"] =
        model.empty() ? std::string("deblurred") : "deblurred with the model " + model;
}

/** WebP has no IPTC block: what XMP does not already say is said there. */
void moveIptcToXmp(PhotoMetadata::Content& c)
{
    if (c.iptc.empty()) {
        return;
    }
    Exiv2::XmpData converted;
    Exiv2::copyIptcToXmp(c.iptc, converted);
    for (const Exiv2::Xmpdatum& d : converted) {
        if (c.xmp.findKey(Exiv2::XmpKey(d.key())) == c.xmp.end()) {
            c.xmp.add(d);
        }
    }
    c.iptc.clear();
}

} // namespace

PhotoMetadata stampForOutput(const PhotoMetadata& source, const OutputFacts& facts)
{
    initExiv2();
    PhotoMetadata result = source;
    if (facts.policy == MetadataPolicy::StripAll) {
        result.stripAll();
        return result;
    }
    if (facts.policy == MetadataPolicy::StripGps) {
        result.stripGps();
    }
    PhotoMetadata::Content& c = result.content();
    const std::string software = "Unblur " + facts.provenance.appVersion;
    try {
        updateExif(c.exif, facts, software);
        if (facts.format == ImageFormat::Webp) {
            moveIptcToXmp(c);
        }
        updateXmp(c.xmp, facts, software);
    } catch (const Exiv2::AnyError& e) {
        throw ImageError("cannot write " + facts.path + ": metadata: " + e.what());
    }
    return result;
}

} // namespace unblur::io
