#include "ImageFile.h"

#include "AtomicFile.h"
#include "PhotoReader.h"
#include "PixelEncoder.h"
#include "text/AsciiLower.h"

#include <QFileInfo>
#include <algorithm>
#include <cctype>
#include <opencv2/imgcodecs.hpp>

namespace unblur::io {

namespace {

std::string lowerExtension(const std::string& path)
{
    return asciiLower(QFileInfo(QString::fromStdString(path)).suffix().toStdString());
}

} // namespace

FloatImage readImage(const std::string& path, const ReadOptions& options)
{
    return readPhoto(path, options).image;
}

std::vector<std::string> writableExtensions()
{
    std::vector<std::string> result = {"png", "jpg", "jpeg", "tif", "tiff"};
    if (cv::haveImageWriter("x.webp")) {
        result.emplace_back("webp");
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
    AtomicFile::checkTarget(path, std::string(), true);
}

void writeImage(const std::string& path, const FloatImage& image, const WriteOptions& options)
{
    checkWritablePath(path);
    EncodeOptions encode;
    encode.quality = options.quality;
    encode.chroma = ChromaSubsampling::S420; // as before: OpenCV's libjpeg default
    const ImageFormat format = formatForExtension(path);
    AtomicFile::write(path, PixelEncoder::encode(image, format, encode, TiffLayout(), path));
}

} // namespace unblur::io
