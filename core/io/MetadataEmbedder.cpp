#include "MetadataEmbedder.h"

#include "Exiv2Support.h"
#include "ImageError.h"
#include "MetadataContent.h"
#include "PngIcc.h"
#include "WebpIcc.h"

namespace unblur::io {

QByteArray embedMetadata(const QByteArray& encoded, ImageFormat format,
                         const PhotoMetadata& metadata, const std::string& path,
                         std::vector<std::string>& notes)
{
    const PhotoMetadata::Content& c = metadata.content();
    const bool webp = format == ImageFormat::Webp;
    const bool png = format == ImageFormat::Png;
    if (metadata.isEmpty()) {
        return encoded;
    }
    QByteArray result;
    const Exiv2Messages messages;
    try {
        const std::unique_ptr<Exiv2::Image> image(
            Exiv2::ImageFactory::open(reinterpret_cast<const Exiv2::byte*>(encoded.constData()),
                                      long(encoded.size()))
                .release());
        image->readMetadata();
        if (format != ImageFormat::Tiff && c.byteOrder != Exiv2::invalidByteOrder) {
            image->setByteOrder(c.byteOrder); // a TIFF's own header decides there
        }
        image->setExifData(c.exif);
        if (!webp) {
            image->setIptcData(c.iptc);
        }
        image->setXmpData(c.xmp);
        if (!c.icc.empty() && !webp && !png) {
            Exiv2::DataBuf icc(reinterpret_cast<const Exiv2::byte*>(c.icc.data()),
                               long(c.icc.size()));
            image->setIccProfile(icc, false);
        }
        image->writeMetadata();
        Exiv2::BasicIo& io = image->io();
        io.seek(0, Exiv2::BasicIo::beg);
        const Exiv2::DataBuf bytes = io.read(long(io.size()));
        result = QByteArray(reinterpret_cast<const char*>(bytes.pData_), bytes.size_);
    } catch (const Exiv2::AnyError& e) {
        throw ImageError("cannot write " + path + ": metadata: " + e.what());
    }
    for (const std::string& message : messages.messages()) {
        notes.push_back(path + ": " + message);
    }
    if (png) {
        return PngIcc::embed(result, c.icc);
    }
    return webp ? WebpIcc::embed(result, c.icc) : result;
}

} // namespace unblur::io
