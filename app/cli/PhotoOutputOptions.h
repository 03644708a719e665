#pragma once

#include "io/Photo.h"
#include "io/PhotoWriter.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>

/**
 * How `deblur` writes its result (--quality, --format, --bit-depth, --strip-metadata,
 * --strip-gps): declared, described and validated in one place.
 */
class PhotoOutputOptions
{
public:
    PhotoOutputOptions();

    /** Adds the options to `parser`. */
    void addTo(QCommandLineParser& parser) const;

    /**
     * Reads the parsed values into `options`. Returns the usage error to report, empty when
     * every value is valid.
     */
    QString read(const QCommandLineParser& parser, unblur::io::PhotoWriteOptions& options) const;

    /**
     * The file to write for `requested` (-o): as given when it names a file with an image
     * extension; `requested` + the format's extension when it has none; the input's name
     * with that extension inside `requested` when it is a folder. The format is --format,
     * else the extension's, else the input's (RAW and BMP: see defaultOutputFormat).
     */
    static QString outputPath(const QString& requested, const unblur::io::Photo& source,
                              const unblur::io::EncodeOptions& encode);

private:
    QCommandLineOption m_quality;
    QCommandLineOption m_format;
    QCommandLineOption m_bitDepth;
    QCommandLineOption m_stripMetadata;
    QCommandLineOption m_stripGps;
};
