#include "PhotoOutputOptions.h"

#include <QDir>
#include <QFileInfo>

using namespace unblur::io;

PhotoOutputOptions::PhotoOutputOptions()
    : m_quality({"q", "quality"}, "JPEG/WebP quality, 1-100 (default 95).", "q", "95"),
      m_format("format",
               "Output format: jpg, png, tif or webp (default: the output's extension, else "
               "the input's format; RAW gives 16-bit TIFF).",
               "format"),
      m_bitDepth("bit-depth",
                 "8 or 16 bits per sample (default: the input's where the format holds it; "
                 "16 for PNG and TIFF only).",
                 "8|16"),
      m_stripMetadata("strip-metadata", "Write no EXIF, IPTC or XMP (the colour profile is kept)."),
      m_stripGps("strip-gps", "Keep all metadata except the GPS location.")
{
}

void PhotoOutputOptions::addTo(QCommandLineParser& parser) const
{
    parser.addOptions({m_quality, m_format, m_bitDepth, m_stripMetadata, m_stripGps});
}

QString PhotoOutputOptions::read(const QCommandLineParser& parser, PhotoWriteOptions& options) const
{
    bool ok = false;
    options.encode.quality = parser.value(m_quality).toInt(&ok);
    if (!ok || options.encode.quality < 1 || options.encode.quality > 100) {
        return "--quality must be between 1 and 100";
    }
    if (parser.isSet(m_format)) {
        options.encode.format = formatNamed(parser.value(m_format).toStdString());
        if (!canEncode(options.encode.format)) {
            return "--format must be jpg, png, tif or webp (got '" + parser.value(m_format) + "')";
        }
    }
    if (parser.isSet(m_bitDepth)) {
        options.encode.bitDepth = parser.value(m_bitDepth).toInt(&ok);
        if (!ok || (options.encode.bitDepth != 8 && options.encode.bitDepth != 16)) {
            return "--bit-depth must be 8 or 16";
        }
    }
    if (parser.isSet(m_stripMetadata)) {
        options.metadata = MetadataPolicy::StripAll;
    } else if (parser.isSet(m_stripGps)) {
        options.metadata = MetadataPolicy::StripGps;
    }
    return {};
}

QString PhotoOutputOptions::outputPath(const QString& requested, const Photo& source,
                                       const EncodeOptions& encode)
{
    const QFileInfo info(requested);
    const bool folder = info.isDir();
    if (!folder && !info.suffix().isEmpty()) {
        return requested; // the writer checks the extension (and its agreement with --format)
    }
    const ImageFormat format =
        encode.format != ImageFormat::Unknown ? encode.format : defaultOutputFormat(source.format);
    const QString extension = "." + QString::fromStdString(extensionFor(format));
    if (!folder) {
        return requested + extension;
    }
    const QString stem = QFileInfo(QString::fromStdString(source.path)).completeBaseName();
    return QDir(requested).filePath(stem + extension);
}
