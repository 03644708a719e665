// Helpers shared by the photo layer's tests (header only).
#pragma once

#include "ScopedUnprivileged.h"
#include "io/FloatImage.h"
#include "io/ImageError.h"
#include "io/ImageFile.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <exiv2/exiv2.hpp>
#include <map>
#include <opencv2/imgcodecs.hpp>
#include <random>
#include <set>
#include <sstream>

namespace phototest {

/** The ImageError message of `action`, or "<no error>"; any other exception escapes. */
template <typename F> QString errorOf(F action)
{
    try {
        action();
    } catch (const unblur::io::ImageError& e) {
        return QString::fromStdString(e.what());
    }
    return QStringLiteral("<no error>");
}

inline QByteArray bytesOf(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

inline bool writeBytes(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

/** Everything in `folder`, hidden files included. */
inline QStringList entries(const QString& folder)
{
    return QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
}

/** Random samples exact at `bitDepth`. */
inline unblur::io::FloatImage pattern(int width, int height, int channels, int bitDepth,
                                      unsigned seed = 1)
{
    unblur::io::FloatImage image;
    image.width = width;
    image.height = height;
    image.channels = channels;
    image.bitDepth = bitDepth;
    const int max = bitDepth == 16 ? 65535 : 255;
    std::mt19937 random(seed);
    std::uniform_int_distribution<int> level(0, max);
    for (size_t i = 0; i < image.sampleCount(); ++i) {
        image.pixels.push_back(float(level(random)) / float(max));
    }
    return image;
}

/** A smooth gradient (compresses like a photo), exact at 8 bits. */
inline unblur::io::FloatImage gradient(int width, int height, int channels)
{
    unblur::io::FloatImage image;
    image.width = width;
    image.height = height;
    image.channels = channels;
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            for (int c = 0; c < channels; ++c) {
                const int v = (x * 255 / std::max(width - 1, 1) + y * 3 + c * 40) % 256;
                image.pixels.push_back(float(v) / 255.0f);
            }
        }
    }
    return image;
}

inline double maxDifference(const unblur::io::FloatImage& a, const unblur::io::FloatImage& b)
{
    double result = 0;
    for (size_t i = 0; i < a.pixels.size() && i < b.pixels.size(); ++i) {
        result = std::max(result, double(std::abs(a.pixels[i] - b.pixels[i])));
    }
    return result;
}

inline double meanDifference(const unblur::io::FloatImage& a, const unblur::io::FloatImage& b)
{
    double sum = 0;
    const size_t n = std::min(a.pixels.size(), b.pixels.size());
    for (size_t i = 0; i < n; ++i) {
        sum += std::abs(a.pixels[i] - b.pixels[i]);
    }
    return n == 0 ? 1.0 : sum / double(n);
}

using KeyMap = std::map<std::string, std::string>;

/** Every key and its value as Exiv2 prints it; repeated IPTC datasets joined. */
inline KeyMap keysOf(const QString& path, std::string* icc = nullptr)
{
    Exiv2::XmpParser::initialize();
    const std::unique_ptr<Exiv2::Image> image(
        Exiv2::ImageFactory::open(QFile::encodeName(path).toStdString()).release());
    image->readMetadata();
    KeyMap keys;
    for (const Exiv2::Exifdatum& d : image->exifData()) {
        keys[d.key()] += d.toString();
    }
    for (const Exiv2::Iptcdatum& d : image->iptcData()) {
        std::string& value = keys[d.key()];
        value += (value.empty() ? "" : "\n") + d.toString();
    }
    Exiv2::XmpData xmp = image->xmpData();
    if (xmp.empty() && !image->xmpPacket().empty()) {
        // ReaganLargeJpg.jpg repeats one-line properties, which the XMP toolkit refuses:
        // read it without the repeated lines (an independent check of XmpRepair).
        std::istringstream lines(image->xmpPacket());
        std::set<std::string> seen;
        std::string line;
        std::string packet;
        while (std::getline(lines, line)) {
            const bool property = line.size() > 3 && line.compare(0, 3, "  <") == 0 &&
                                  line[3] != '/' && line[3] != ' ';
            if (!property || seen.insert(line).second) {
                packet += line + "\n";
            }
        }
        Exiv2::XmpParser::decode(xmp, packet);
    }
    for (const Exiv2::Xmpdatum& d : xmp) {
        keys[d.key()] = d.toString();
    }
    if (icc != nullptr && image->iccProfileDefined()) {
        icc->assign(reinterpret_cast<const char*>(image->iccProfile()->pData_),
                    size_t(image->iccProfile()->size_));
    }
    return keys;
}

/** The ICCP chunk of a WebP file, read without Exiv2 (which misnames it when writing). */
inline std::string webpIcc(const QByteArray& webp)
{
    for (qsizetype pos = 12; pos + 8 <= webp.size();) {
        const auto* p = reinterpret_cast<const uchar*>(webp.constData() + pos + 4);
        const qsizetype length = p[0] | p[1] << 8 | p[2] << 16 | qsizetype(p[3]) << 24;
        if (webp.mid(pos, 4) == "ICCP") {
            return webp.mid(pos + 8, length).toStdString();
        }
        pos += 8 + length + (length & 1);
    }
    return {};
}

/** A small valid file of `extension` (jpg png tif webp bmp), pixels only. */
inline QByteArray sampleFile(const QString& extension, int width = 48, int height = 32)
{
    const unblur::io::FloatImage image = gradient(width, height, 3);
    if (extension == "bmp") { // no BMP writer in the photo layer
        cv::Mat mat(height, width, CV_8UC3);
        for (int i = 0; i < width * height * 3; ++i) {
            mat.data[i] = uchar(image.pixels[size_t(i)] * 255.0f + 0.5f);
        }
        std::vector<uchar> bytes;
        cv::imencode(".bmp", mat, bytes);
        return QByteArray(reinterpret_cast<const char*>(bytes.data()), int(bytes.size()));
    }
    QTemporaryDir dir;
    const QString path = dir.filePath("sample." + extension);
    unblur::io::writeImage(path.toStdString(), image);
    return bytesOf(path);
}

} // namespace phototest
