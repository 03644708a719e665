#include "PixelEncoder.h"

#include "ImageError.h"
#include "JpegEncoder.h"
#include "MatConversion.h"

#include <algorithm>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <vector>

namespace unblur::io {

int PixelEncoder::bitDepthFor(const FloatImage& image, ImageFormat format,
                              const EncodeOptions& options, const std::string& path)
{
    const bool wideFormat = format == ImageFormat::Png || format == ImageFormat::Tiff;
    if (options.bitDepth == 0) {
        return wideFormat && image.bitDepth == 16 ? 16 : 8;
    }
    if (options.bitDepth != 8 && options.bitDepth != 16) {
        throw ImageError("cannot write " + path + ": bit depth must be 8 or 16");
    }
    if (options.bitDepth == 16 && !wideFormat) {
        throw ImageError("cannot write " + path + ": " + formatName(format) +
                         " holds 8 bits per sample only (16 bits: PNG or TIFF)");
    }
    return options.bitDepth;
}

void PixelEncoder::checkImage(const FloatImage& image, const std::string& path)
{
    if (image.width <= 0 || image.height <= 0 ||
        (image.channels != 1 && image.channels != 3 && image.channels != 4) ||
        image.pixels.size() != image.sampleCount()) {
        throw ImageError("cannot write " + path + ": invalid image (size, channels or samples)");
    }
}

QByteArray PixelEncoder::encode(const FloatImage& image, ImageFormat format,
                                const EncodeOptions& options, const TiffLayout& tiff,
                                const std::string& path)
{
    checkImage(image, path);
    const int depth = bitDepthFor(image, format, options, path);
    if (format == ImageFormat::Jpeg) {
        return JpegEncoder::encode(image, options.quality, options.chroma, path);
    }
    if (format == ImageFormat::Tiff) {
        TiffLayout layout = tiff;
        layout.compression = options.tiffCompression;
        return TiffEncoder::encode(image, depth, layout);
    }
    std::vector<int> params;
    cv::Mat mat = floatImageToMat(image, depth == 16 ? CV_16U : CV_8U, true, true);
    std::string extension;
    if (format == ImageFormat::Png) {
        extension = ".png";
        params = {cv::IMWRITE_PNG_COMPRESSION, std::clamp(options.pngCompression, 0, 9)};
    } else if (format == ImageFormat::Webp) {
        extension = ".webp";
        if (mat.channels() == 1) { // WebP has no grey mode
            cv::cvtColor(mat, mat, cv::COLOR_GRAY2BGR);
        }
        params = {cv::IMWRITE_WEBP_QUALITY,
                  options.webpLossless ? 101 : std::clamp(options.quality, 1, 100)};
    } else {
        throw ImageError("cannot write " + path + ": " + formatName(format) +
                         " cannot be written (use JPEG, PNG, TIFF or WebP)");
    }
    std::vector<uchar> encoded;
    try {
        if (!cv::imencode(extension, mat, encoded, params)) {
            throw ImageError("cannot write " + path + ": encoding failed");
        }
    } catch (const cv::Exception& e) {
        throw ImageError("cannot write " + path + ": encoding failed: " + e.err);
    }
    return QByteArray(reinterpret_cast<const char*>(encoded.data()), qsizetype(encoded.size()));
}

} // namespace unblur::io
