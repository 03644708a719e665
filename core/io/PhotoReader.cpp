#include "PhotoReader.h"

#include "HeaderProbe.h"
#include "ImageError.h"
#include "MatConversion.h"
#include "Orientation.h"
#include "RawDecoder.h"

#include <QByteArray>
#include <QFile>
#include <QFileInfo>
#include <QString>
#include <cstdint>
#include <opencv2/imgcodecs.hpp>

namespace unblur::io {

namespace {

QByteArray readBytes(const std::string& path)
{
    const QFileInfo info(QString::fromStdString(path));
    if (!info.exists()) {
        throw ImageError("cannot open " + path + ": no such file");
    }
    if (info.isDir()) {
        throw ImageError("cannot open " + path + ": is a directory");
    }
    if (info.size() > qint64(INT32_MAX)) { // OpenCV decodes from an int-sized buffer
        throw ImageError(path + ": file too large (over 2 GiB)");
    }
    QFile file(info.filePath());
    if (!file.open(QIODevice::ReadOnly)) {
        throw ImageError("cannot open " + path + ": " + file.errorString().toStdString());
    }
    QByteArray data = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        throw ImageError("cannot read " + path + ": " + file.errorString().toStdString());
    }
    if (data.isEmpty()) {
        throw ImageError(path + ": empty file (0 bytes), not an image");
    }
    return data;
}

void checkPixelLimit(const std::string& path, int64_t pixels, int64_t limit)
{
    if (pixels > limit) {
        throw ImageError(path + ": image too large (" + std::to_string(pixels / 1'000'000) +
                         " megapixels; the limit is " + std::to_string(limit / 1'000'000) + ")");
    }
}

/**
 * Overwrites a two-byte TIFF field value in place while it lives. OpenCV's TIFF decoder turns
 * the pixels by the Orientation itself (even with IMREAD_UNCHANGED; readPhoto turns them once,
 * for all formats) and, through libtiff's RGBA reader, premultiplies 8-bit colour by an alpha
 * marked unassociated (ExtraSamples 2); alpha is to be carried untouched.
 */
class TiffFieldMask
{
public:
    TiffFieldMask(QByteArray& data, int64_t at, uint16_t value) : m_data(data), m_at(at)
    {
        if (m_at >= 0 && m_at + 2 <= data.size()) {
            m_saved = data.mid(qsizetype(m_at), 2);
            const bool big = data.startsWith("MM");
            data[qsizetype(m_at)] = char(big ? value >> 8 : value & 0xFF);
            data[qsizetype(m_at + 1)] = char(big ? value & 0xFF : value >> 8);
        }
    }
    ~TiffFieldMask()
    {
        if (!m_saved.isEmpty()) {
            m_data.replace(qsizetype(m_at), 2, m_saved);
        }
    }
    TiffFieldMask(const TiffFieldMask&) = delete;
    TiffFieldMask& operator=(const TiffFieldMask&) = delete;

private:
    QByteArray& m_data;
    int64_t m_at;
    QByteArray m_saved;
};

/** JPEG, PNG, TIFF, WebP and BMP through OpenCV, stored orientation (no auto-rotation). */
FloatImage decodeRaster(QByteArray& data, ImageFormat format, const HeaderInfo& header,
                        const std::string& path, const ReadOptions& options)
{
    checkPixelLimit(path, header.pixels(), options.maxPixels);
    if (!header.damage.empty()) {
        throw ImageError(path + ": " + formatName(format) + " file " + header.damage);
    }
    if (header.pixels() < 0) {
        // The limit would only be checked after decoding, with a bomb already allocated.
        throw ImageError(path + ": " + formatName(format) +
                         " file damaged (its header gives no image size)");
    }
    cv::Mat mat;
    try {
        // UNCHANGED keeps depth, grey, alpha and (TIFF aside, see above) the stored turn.
        const TiffFieldMask orientation(data, header.orientationAt, 1);
        const TiffFieldMask alpha(data, header.extraSamplesAt, 0); // "unspecified
        const cv::Mat bytes(1, int(data.size()), CV_8U, data.data());
        mat = cv::imdecode(bytes, cv::IMREAD_UNCHANGED);
    } catch (const cv::Exception& e) {
        throw ImageError(path + ": cannot decode the " + formatName(format) + " data: " + e.err);
    }
    if (mat.empty()) {
        throw ImageError(path + ": not a supported image, or damaged (" + formatName(format) +
                         " data that cannot be decoded)");
    }
    checkPixelLimit(path, int64_t(mat.cols) * mat.rows, options.maxPixels);
    return matToFloatImage(mat, path);
}

/** Decodes a whole file held in `data`, which is lent for in-place TIFF field masking. */
Photo decodePhoto(QByteArray& data, const std::string& path, const ReadOptions& options)
{
    const char* bytes = data.constData();
    const size_t size = size_t(data.size());

    Photo photo;
    photo.path = path;
    photo.format = sniffFormat(bytes, size);
    const HeaderInfo header = probeHeader(bytes, size, photo.format);
    bool upright = false;
    switch (photo.format) {
    case ImageFormat::Unknown:
        throw ImageError(path + ": not a supported image, or damaged (not a recognised format: "
                                "JPEG, PNG, TIFF, WebP, BMP or camera RAW)");
    case ImageFormat::Raw:
        photo.image = RawDecoder::decode(bytes, size, path, options);
        upright = true; // LibRaw applies the camera's orientation
        break;
    case ImageFormat::Tiff:
        if (header.rawLike || (!header.damage.empty() && RawDecoder::recognises(bytes, size))) {
            photo.format = ImageFormat::Raw;
            photo.image = RawDecoder::decode(bytes, size, path, options);
            upright = true;
            break;
        }
        photo.image = decodeRaster(data, photo.format, header, path, options);
        break;
    case ImageFormat::Jpeg:
    case ImageFormat::Png:
    case ImageFormat::Webp:
    case ImageFormat::Bmp:
        photo.image = decodeRaster(data, photo.format, header, path, options);
        break;
    }

    photo.metadata = PhotoMetadata::read(bytes, size, photo.format, path, photo.notes);
    const int orientation = photo.metadata.orientation();
    if (!upright && orientation != 1) {
        photo.image = applyOrientation(photo.image, orientation);
    }
    return photo;
}

} // namespace

Photo readPhoto(const std::string& path, const ReadOptions& options)
{
    QByteArray data = readBytes(path);
    return decodePhoto(data, path, options);
}

Photo readPhotoFromMemory(const char* data, size_t size, const std::string& name,
                          const ReadOptions& options)
{
    if (size == 0) {
        throw ImageError(name + ": empty file (0 bytes), not an image");
    }
    if (size > size_t(INT32_MAX)) { // OpenCV decodes from an int-sized buffer
        throw ImageError(name + ": file too large (over 2 GiB)");
    }
    QByteArray copy(data, qsizetype(size)); // the TIFF masks write to it
    return decodePhoto(copy, name, options);
}

} // namespace unblur::io
