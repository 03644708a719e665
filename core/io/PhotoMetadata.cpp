#include "PhotoMetadata.h"

#include "Exiv2Support.h"
#include "MetadataContent.h"
#include "WebpIcc.h"
#include "XmpRepair.h"

namespace unblur::io {

PhotoMetadata::PhotoMetadata() : m_content(std::make_unique<Content>()) {}
PhotoMetadata::~PhotoMetadata() = default;

PhotoMetadata::PhotoMetadata(const PhotoMetadata& other)
    : m_content(std::make_unique<Content>(*other.m_content))
{
}

PhotoMetadata& PhotoMetadata::operator=(const PhotoMetadata& other)
{
    if (this != &other) {
        m_content = std::make_unique<Content>(*other.m_content);
    }
    return *this;
}

PhotoMetadata::PhotoMetadata(PhotoMetadata&& other) noexcept
    : m_content(std::exchange(other.m_content, std::make_unique<Content>()))
{
}

PhotoMetadata& PhotoMetadata::operator=(PhotoMetadata&& other) noexcept
{
    std::swap(m_content, other.m_content);
    return *this;
}

PhotoMetadata PhotoMetadata::read(const char* data, size_t size, ImageFormat format,
                                  const std::string& path, std::vector<std::string>& notes)
{
    PhotoMetadata result;
    if (format == ImageFormat::Bmp || format == ImageFormat::Unknown) {
        return result; // BMP holds no metadata
    }
    Content& c = *result.m_content;
    const Exiv2Messages messages;
    try {
        const std::unique_ptr<Exiv2::Image> image(
            Exiv2::ImageFactory::open(reinterpret_cast<const Exiv2::byte*>(data), long(size))
                .release());
        image->readMetadata();
        c.exif = image->exifData();
        c.iptc = image->iptcData();
        c.xmp = image->xmpData();
        c.byteOrder = image->byteOrder();
        if (format == ImageFormat::Webp) {
            c.icc = WebpIcc::read(data, size);
        } else if (image->iccProfileDefined()) {
            const Exiv2::DataBuf* icc = image->iccProfile();
            c.icc.assign(reinterpret_cast<const char*>(icc->pData_), size_t(icc->size_));
        }
        const std::string& packet = image->xmpPacket();
        if (c.xmp.empty() && packet.find_first_not_of(" \t\r\n") != std::string::npos) {
            const std::string repaired = XmpRepair::withoutDuplicates(packet);
            if (repaired.empty() || Exiv2::XmpParser::decode(c.xmp, repaired) != 0) {
                c.xmp.clear();
                notes.push_back(path + ": its XMP cannot be parsed and will not be carried over");
            }
        }
    } catch (const Exiv2::AnyError& e) {
        notes.push_back(path + ": metadata cannot be read (" + e.what() + ")");
    } catch (const std::exception& e) {
        notes.push_back(path + ": metadata cannot be read (" + e.what() + ")");
    }
    return result;
}

bool PhotoMetadata::isEmpty() const
{
    const Content& c = *m_content;
    return c.exif.empty() && c.iptc.empty() && c.xmp.empty() && c.icc.empty();
}

int PhotoMetadata::orientation() const
{
    const Content& c = *m_content;
    long value = 1;
    const auto exif = c.exif.findKey(Exiv2::ExifKey("Exif.Image.Orientation"));
    if (exif != c.exif.end() && exif->count() > 0) {
        value = exif->toLong();
    } else {
        const auto xmp = c.xmp.findKey(Exiv2::XmpKey("Xmp.tiff.Orientation"));
        if (xmp != c.xmp.end() && xmp->count() > 0) {
            value = xmp->toLong();
        }
    }
    return value >= 1 && value <= 8 ? int(value) : 1;
}

const std::string& PhotoMetadata::iccProfile() const
{
    return m_content->icc;
}

void PhotoMetadata::setIccProfile(const std::string& profile)
{
    m_content->icc = profile;
}

std::vector<std::string> PhotoMetadata::keys() const
{
    std::vector<std::string> result;
    for (const Exiv2::Exifdatum& d : m_content->exif) {
        result.push_back(d.key());
    }
    for (const Exiv2::Iptcdatum& d : m_content->iptc) {
        result.push_back(d.key());
    }
    for (const Exiv2::Xmpdatum& d : m_content->xmp) {
        result.push_back(d.key());
    }
    return result;
}

std::string PhotoMetadata::value(const std::string& key) const
{
    const Content& c = *m_content;
    try {
        if (key.rfind("Exif.", 0) == 0) {
            const auto it = c.exif.findKey(Exiv2::ExifKey(key));
            return it == c.exif.end() ? std::string() : it->toString();
        }
        if (key.rfind("Iptc.", 0) == 0) {
            std::string joined; // repeatable datasets, one per line
            for (const Exiv2::Iptcdatum& d : c.iptc) {
                if (d.key() == key) {
                    joined += (joined.empty() ? "" : "\n") + d.toString();
                }
            }
            return joined;
        }
        if (key.rfind("Xmp.", 0) == 0) {
            const auto it = c.xmp.findKey(Exiv2::XmpKey(key));
            return it == c.xmp.end() ? std::string() : it->toString();
        }
    } catch (const Exiv2::AnyError&) {
        // An unknown key has no value.
    }
    return {};
}

bool PhotoMetadata::hasGps() const
{
    for (const Exiv2::Exifdatum& d : m_content->exif) {
        if (d.groupName() == "GPSInfo") {
            return true;
        }
    }
    for (const Exiv2::Xmpdatum& d : m_content->xmp) {
        if (d.key().rfind("Xmp.exif.GPS", 0) == 0) {
            return true;
        }
    }
    return false;
}

void PhotoMetadata::stripAll()
{
    Content& c = *m_content;
    c.exif.clear();
    c.iptc.clear();
    c.xmp.clear();
}

void PhotoMetadata::stripGps()
{
    Content& c = *m_content;
    for (auto it = c.exif.begin(); it != c.exif.end();) {
        const bool gps = it->groupName() == "GPSInfo" || it->key() == "Exif.Image.GPSTag";
        it = gps ? c.exif.erase(it) : std::next(it);
    }
    for (auto it = c.xmp.begin(); it != c.xmp.end();) {
        it = it->key().rfind("Xmp.exif.GPS", 0) == 0 ? c.xmp.erase(it) : std::next(it);
    }
}

} // namespace unblur::io
