#include "ImageFile.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QString>
#include <algorithm>
#include <cctype>
#include <cstring>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace unblur::io {

namespace {

QString qPath(const std::string& path)
{
    return QString::fromStdString(path);
}

uint32_t bigEndian(const uchar* p, int bytes)
{
    uint32_t value = 0;
    for (int i = 0; i < bytes; ++i) {
        value = (value << 8) | p[i];
    }
    return value;
}

bool startsWith(const QByteArray& data, const char* magic, int length)
{
    return data.size() >= length && std::memcmp(data.constData(), magic, size_t(length)) == 0;
}

bool isJpeg(const QByteArray& data)
{
    return startsWith(data, "\xFF\xD8\xFF", 3);
}

/** Width * height from a PNG or JPEG header, without decoding; -1 when not found. */
int64_t headerPixels(const QByteArray& data)
{
    const auto* p = reinterpret_cast<const uchar*>(data.constData());
    const int64_t size = data.size();
    if (startsWith(data, "\x89PNG\r\n\x1A\n", 8) && size >= 24) {
        return int64_t(bigEndian(p + 16, 4)) * int64_t(bigEndian(p + 20, 4));
    }
    if (!isJpeg(data)) {
        return -1;
    }
    int64_t pos = 2;
    while (pos + 4 <= size && p[pos] == 0xFF) {
        const uchar marker = p[pos + 1];
        if (marker == 0xFF) { // fill byte
            ++pos;
            continue;
        }
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) { // no length field
            pos += 2;
            continue;
        }
        const bool frame =
            marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (frame && pos + 9 <= size) {
            return int64_t(bigEndian(p + pos + 5, 2)) * int64_t(bigEndian(p + pos + 7, 2));
        }
        if (marker == 0xD9 || marker == 0xDA) { // end of image, start of scan
            return -1;
        }
        pos += 2 + bigEndian(p + pos + 2, 2);
    }
    return -1;
}

std::string tooLarge(const std::string& path, int64_t pixels, int64_t limit)
{
    return path + ": image too large (" + std::to_string(pixels / 1'000'000) +
           " megapixels; the limit is " + std::to_string(limit / 1'000'000) + ")";
}

std::string lowerExtension(const std::string& path)
{
    std::string ext = QFileInfo(qPath(path)).suffix().toStdString();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return ext;
}

/** Integer samples divided by `max` (a true division, as `bytes / 255` in the reference). */
template <typename T> void divideInto(const cv::Mat& mat, float max, float* out)
{
    const int rowSamples = mat.cols * mat.channels();
    for (int y = 0; y < mat.rows; ++y) {
        const T* row = mat.ptr<T>(y);
        for (int i = 0; i < rowSamples; ++i) {
            *out++ = float(row[i]) / max;
        }
    }
}

/** The decoded matrix (BGR(A) order, any depth) as interleaved RGB(A) floats in [0,1]. */
FloatImage toFloatImage(cv::Mat mat, const std::string& path)
{
    FloatImage image;
    image.width = mat.cols;
    image.height = mat.rows;
    const int depth = mat.depth();
    if (depth != CV_8U && depth != CV_16U && depth != CV_32F && depth != CV_64F) {
        throw ImageError(path + ": unsupported sample type (8/16-bit unsigned or float only)");
    }
    // Floating-point TIFF is taken as [0,1] and written back as 16-bit.
    image.bitDepth = depth == CV_8U ? 8 : 16;
    switch (mat.channels()) {
    case 1:
        break;
    case 2: { // grey + alpha: RGBA with equal colour channels
        std::vector<cv::Mat> planes;
        cv::split(mat, planes);
        cv::merge(std::vector<cv::Mat>{planes[0], planes[0], planes[0], planes[1]}, mat);
        break;
    }
    case 4:
        cv::cvtColor(mat, mat, cv::COLOR_BGRA2RGBA);
        break;
    case 3:
        cv::cvtColor(mat, mat, cv::COLOR_BGR2RGB);
        break;
    default:
        throw ImageError(path + ": unsupported channel count " + std::to_string(mat.channels()));
    }
    image.channels = mat.channels();
    image.pixels.resize(image.sampleCount());
    if (mat.depth() == CV_8U) {
        divideInto<uchar>(mat, 255.0f, image.pixels.data());
    } else if (mat.depth() == CV_16U) {
        divideInto<ushort>(mat, 65535.0f, image.pixels.data());
    } else {
        cv::Mat out(mat.rows, mat.cols, CV_MAKETYPE(CV_32F, image.channels), image.pixels.data());
        mat.convertTo(out, out.type());
    }
    return image;
}

} // namespace

FloatImage readImage(const std::string& path, const ReadOptions& options)
{
    const QFileInfo info(qPath(path));
    if (!info.exists()) {
        throw ImageError("cannot open " + path + ": no such file");
    }
    if (info.isDir()) {
        throw ImageError("cannot open " + path + ": is a directory");
    }
    QFile file(info.filePath());
    if (!file.open(QIODevice::ReadOnly)) {
        throw ImageError("cannot open " + path + ": " + file.errorString().toStdString());
    }
    const QByteArray data = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        throw ImageError("cannot read " + path + ": " + file.errorString().toStdString());
    }
    if (data.isEmpty()) {
        throw ImageError(path + ": empty file (0 bytes), not an image");
    }
    const int64_t declared = headerPixels(data);
    if (declared > options.maxPixels) {
        throw ImageError(tooLarge(path, declared, options.maxPixels));
    }

    // UNCHANGED keeps depth, grey and alpha but skips EXIF orientation; JPEG has no alpha,
    // so decode it with flags that do apply the orientation.
    const int flags =
        isJpeg(data) ? (cv::IMREAD_ANYCOLOR | cv::IMREAD_ANYDEPTH) : cv::IMREAD_UNCHANGED;
    cv::Mat mat;
    try {
        const cv::Mat bytes(1, int(data.size()), CV_8U, const_cast<char*>(data.constData()));
        mat = cv::imdecode(bytes, flags);
    } catch (const cv::Exception& e) {
        throw ImageError(path + ": cannot decode: " + e.err);
    }
    if (mat.empty()) {
        throw ImageError(path + ": not a supported image, or damaged");
    }
    const int64_t pixels = int64_t(mat.cols) * mat.rows;
    if (pixels > options.maxPixels) {
        throw ImageError(tooLarge(path, pixels, options.maxPixels));
    }
    return toFloatImage(mat, path);
}

std::vector<std::string> writableExtensions()
{
    std::vector<std::string> result;
    for (const char* ext : {"png", "jpg", "jpeg", "tif", "tiff", "webp"}) {
        if (cv::haveImageWriter(std::string("x.") + ext)) {
            result.emplace_back(ext);
        }
    }
    return result;
}

void checkWritablePath(const std::string& path)
{
    const std::string ext = lowerExtension(path);
    const std::vector<std::string> known = writableExtensions();
    if (std::find(known.begin(), known.end(), ext) == known.end()) {
        std::string list;
        for (const std::string& k : known) {
            list += (list.empty() ? "." : ", .") + k;
        }
        throw ImageError("cannot write " + path + ": unknown extension '" + ext + "' (use one of " +
                         list + ")");
    }
    const QFileInfo info(qPath(path));
    if (info.isDir()) {
        throw ImageError("cannot write " + path + ": is a directory");
    }
    const QDir folder = info.absoluteDir();
    if (!folder.exists()) {
        throw ImageError("cannot write " + path + ": folder " +
                         QDir::toNativeSeparators(folder.path()).toStdString() + " does not exist");
    }
}

void writeImage(const std::string& path, const FloatImage& image, const WriteOptions& options)
{
    checkWritablePath(path);
    if (image.width <= 0 || image.height <= 0 ||
        (image.channels != 1 && image.channels != 3 && image.channels != 4) ||
        image.pixels.size() != image.sampleCount()) {
        throw ImageError("cannot write " + path + ": invalid image (size, channels or samples)");
    }
    const std::string ext = lowerExtension(path);
    const bool wide = image.bitDepth == 16 && (ext == "png" || ext == "tif" || ext == "tiff");
    const bool jpeg = ext == "jpg" || ext == "jpeg";

    // convertTo saturates and rounds to nearest, which is the clamp-and-round wanted here.
    const cv::Mat floats(image.height, image.width, CV_MAKETYPE(CV_32F, image.channels),
                         const_cast<float*>(image.pixels.data()));
    cv::Mat mat;
    floats.convertTo(mat, wide ? CV_16U : CV_8U, wide ? 65535.0 : 255.0);
    if (image.channels == 3) {
        cv::cvtColor(mat, mat, cv::COLOR_RGB2BGR);
    } else if (image.channels == 4) {
        cv::cvtColor(mat, mat, jpeg ? cv::COLOR_RGBA2BGR : cv::COLOR_RGBA2BGRA);
    }

    std::vector<int> params;
    const int quality = std::clamp(options.quality, 1, 100);
    if (jpeg) {
        params = {cv::IMWRITE_JPEG_QUALITY, quality};
    } else if (ext == "webp") {
        params = {cv::IMWRITE_WEBP_QUALITY, quality};
    }
    std::vector<uchar> encoded;
    try {
        if (!cv::imencode("." + ext, mat, encoded, params)) {
            throw ImageError("cannot write " + path + ": encoding failed");
        }
    } catch (const cv::Exception& e) {
        throw ImageError("cannot write " + path + ": encoding failed: " + e.err);
    }

    // QSaveFile writes a temporary file beside the target, syncs it and renames it over.
    QSaveFile file(qPath(path));
    if (!file.open(QIODevice::WriteOnly)) {
        throw ImageError("cannot write " + path + ": " + file.errorString().toStdString());
    }
    const auto size = qint64(encoded.size());
    if (file.write(reinterpret_cast<const char*>(encoded.data()), size) != size) {
        const std::string reason = file.errorString().toStdString();
        file.cancelWriting();
        throw ImageError("cannot write " + path + ": " + reason);
    }
    if (!file.commit()) {
        throw ImageError("cannot write " + path + ": " + file.errorString().toStdString());
    }
}

} // namespace unblur::io
