#pragma once

#include "ImageFormat.h"

#include <memory>
#include <string>
#include <vector>

namespace unblur::io {

/**
 * A photo's EXIF (maker notes and GPS included), IPTC and XMP, as Exiv2 reads them, and its
 * ICC colour profile. Copied as a whole; the write path applies the few updates Unblur makes
 * on purpose (see PhotoWriter.h) to a copy, never to this.
 */
class PhotoMetadata
{
public:
    PhotoMetadata();
    ~PhotoMetadata();
    PhotoMetadata(const PhotoMetadata& other);
    PhotoMetadata& operator=(const PhotoMetadata& other);
    PhotoMetadata(PhotoMetadata&& other) noexcept;
    PhotoMetadata& operator=(PhotoMetadata&& other) noexcept;

    /**
     * Reads the metadata of an encoded file held in memory. Metadata that cannot be read
     * does not fail the photo: what could be read is kept, and the reason is appended to
     * `notes` (naming `path`). XMP that repeats a property with the same value is mended.
     */
    static PhotoMetadata read(const char* data, size_t size, ImageFormat format,
                              const std::string& path, std::vector<std::string>& notes);

    /** No EXIF, IPTC, XMP or ICC profile. */
    bool isEmpty() const;
    /** The EXIF orientation (XMP tiff:Orientation when EXIF has none), 1-8; 1 when absent. */
    int orientation() const;
    /** The ICC profile's bytes, empty when there is none. */
    const std::string& iccProfile() const;
    void setIccProfile(const std::string& profile);

    /** Every key ("Exif.Photo.FNumber", "Iptc.Application2.City", "Xmp.dc.title" ...). */
    std::vector<std::string> keys() const;
    /** A key's value as Exiv2 writes it in text, empty when absent. */
    std::string value(const std::string& key) const;
    /** Whether any EXIF GPS entry or XMP exif:GPS property is present. */
    bool hasGps() const;

    /** Removes EXIF, IPTC and XMP; the ICC profile stays (it is colour, not information). */
    void stripAll();
    /** Removes the EXIF GPS directory and the XMP exif:GPS properties. */
    void stripGps();

    /** Exiv2's containers, for the io layer's own use (MetadataContent.h). */
    struct Content;
    Content& content() { return *m_content; }
    const Content& content() const { return *m_content; }

private:
    std::unique_ptr<Content> m_content;
};

} // namespace unblur::io
