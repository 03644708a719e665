// readPhoto: decoding by content, EXIF orientation applied once, camera RAW, any path.
#include "PhotoTestSupport.h"
#include "io/ImageFile.h"
#include "io/PhotoReader.h"
#include "io/PhotoWriter.h"

#include <QTest>
#include <exiv2/exiv2.hpp>
#include <opencv2/imgcodecs.hpp>
#include <unistd.h>

using namespace unblur::io;
using namespace phototest;

namespace {

const QString kData = QStringLiteral(UNBLUR_TEST_DATA);

/** `U`, the upright test picture: 3 x 2, every pixel different. */
FloatImage upright()
{
    FloatImage image;
    image.width = 3;
    image.height = 2;
    image.channels = 1;
    image.pixels = {0, 40, 80, 120, 160, 200};
    for (float& v : image.pixels) {
        v /= 255.0f;
    }
    return image;
}

/**
 * What a camera stores for `upright` with EXIF orientation `o`, from the EXIF definition of
 * where the stored 0th row and 0th column appear (written out here, not taken from the code
 * under test).
 */
FloatImage storedFor(const FloatImage& u, int o, int scale)
{
    const bool swap = o >= 5;
    FloatImage s;
    s.channels = 1;
    s.width = (swap ? u.height : u.width) * scale;
    s.height = (swap ? u.width : u.height) * scale;
    s.pixels.resize(s.sampleCount());
    const int uw = u.width * scale, uh = u.height * scale;
    for (int r = 0; r < s.height; ++r) {
        for (int c = 0; c < s.width; ++c) {
            int x = c, y = r; // where stored (r, c) is seen
            switch (o) {
            case 2:
                x = uw - 1 - c;
                break;
            case 3:
                x = uw - 1 - c;
                y = uh - 1 - r;
                break;
            case 4:
                y = uh - 1 - r;
                break;
            case 5:
                x = r;
                y = c;
                break;
            case 6:
                x = uw - 1 - r;
                y = c;
                break;
            case 7:
                x = uw - 1 - r;
                y = uh - 1 - c;
                break;
            case 8:
                x = r;
                y = uh - 1 - c;
                break;
            default:
                break;
            }
            s.pixels[size_t(r) * s.width + c] = u.pixels[size_t(y / scale) * u.width + x / scale];
        }
    }
    return s;
}

void setOrientation(const QString& path, int orientation)
{
    Exiv2::XmpParser::initialize();
    const std::unique_ptr<Exiv2::Image> image(
        Exiv2::ImageFactory::open(QFile::encodeName(path).toStdString()).release());
    image->readMetadata();
    image->exifData()["Exif.Image.Orientation"] = uint16_t(orientation);
    image->exifData()["Exif.Image.Make"] = std::string("Test");
    image->writeMetadata();
}

/** Scaled-up (block) pixels of `u` read back from a lossy file: the block centres. */
FloatImage blockCentres(const FloatImage& image, int scale)
{
    FloatImage small;
    small.width = image.width / scale;
    small.height = image.height / scale;
    small.channels = 1;
    for (int y = 0; y < small.height; ++y) {
        for (int x = 0; x < small.width; ++x) {
            const size_t at = (size_t(y * scale + scale / 2) * image.width + x * scale + scale / 2);
            small.pixels.push_back(image.pixels[at * image.channels]);
        }
    }
    return small;
}

} // namespace

class TestPhotoReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    /** Formats by extension (any case) and by file name, where only the last dot counts. */
    void formatsByName()
    {
        QCOMPARE(formatNamed("JPG"), ImageFormat::Jpeg);
        QCOMPARE(formatNamed("tiff"), ImageFormat::Tiff);
        QCOMPARE(formatNamed("WebP"), ImageFormat::Webp);
        QCOMPARE(formatNamed("nef"), ImageFormat::Raw);
        QCOMPARE(formatNamed(""), ImageFormat::Unknown);
        QCOMPARE(formatNamed("photo.jpg"), ImageFormat::Unknown);
        QCOMPARE(formatForExtension("/photos.2024/IMG_1.PNG"), ImageFormat::Png);
        QCOMPARE(formatForExtension("/photos.jpg/IMG_1"), ImageFormat::Unknown);
        for (ImageFormat f :
             {ImageFormat::Jpeg, ImageFormat::Png, ImageFormat::Tiff, ImageFormat::Webp}) {
            QCOMPARE(formatNamed(extensionFor(f)), f);
        }
    }

    void decodesByContent_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("name");
        QTest::newRow("PNG named .jpg") << "png"
                                        << "photo.jpg";
        QTest::newRow("JPEG named .png") << "jpg"
                                         << "photo.png";
        QTest::newRow("TIFF named .webp") << "tif"
                                          << "photo.webp";
        QTest::newRow("WebP without extension") << "webp"
                                                << "photo";
        QTest::newRow("BMP named .tif") << "bmp"
                                        << "photo.tif";
    }

    void decodesByContent()
    {
        QFETCH(QString, format);
        QFETCH(QString, name);
        QTemporaryDir dir;
        const QString path = dir.filePath(name);
        QVERIFY(writeBytes(path, sampleFile(format)));
        const Photo photo = readPhoto(path.toStdString());
        QCOMPARE(photo.image.width, 48);
        QCOMPARE(photo.image.height, 32);
        QCOMPARE(QString::fromStdString(extensionFor(photo.format)), format);
    }

    void orientationAppliedOnce_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<int>("orientation");
        for (const QString& format : QStringList{"png", "tif", "jpg", "webp"}) {
            for (int o = 1; o <= 8; ++o) {
                QTest::addRow("%s %d", qPrintable(format), o) << format << o;
            }
        }
    }

    /** Stored turned, tagged 1-8: read upright; written back upright with orientation 1. */
    void orientationAppliedOnce()
    {
        QFETCH(QString, format);
        QFETCH(int, orientation);
        const bool lossy = format == "jpg" || format == "webp";
        const int scale = lossy ? 16 : 1; // blocks survive lossy compression
        QTemporaryDir dir;
        const QString path = dir.filePath("turned." + format);
        writeImage(path.toStdString(), storedFor(upright(), orientation, scale));
        setOrientation(path, orientation);

        const Photo photo = readPhoto(path.toStdString());
        QCOMPARE(photo.metadata.orientation(), orientation);
        const FloatImage seen = lossy ? blockCentres(photo.image, scale) : photo.image;
        QCOMPARE(seen.width, 3);
        QCOMPARE(seen.height, 2);
        QVERIFY2(maxDifference(seen, upright()) < (lossy ? 12.0 / 255 : 1e-6),
                 qPrintable(QString::number(maxDifference(seen, upright()))));

        const QString output = dir.filePath("upright." + format);
        writePhoto(output.toStdString(), photo.image, photo, Provenance{"1.0", "m"});
        const Photo again = readPhoto(output.toStdString());
        QCOMPARE(again.metadata.value("Exif.Image.Orientation"), std::string("1"));
        QCOMPARE(again.metadata.value("Exif.Image.Make"), std::string("Test"));
        QCOMPARE(again.image.width, photo.image.width);
        QVERIFY(maxDifference(lossy ? blockCentres(again.image, scale) : again.image, upright()) <
                (lossy ? 16.0 / 255 : 1e-6));
    }

    void colourChart()
    {
        const QString path = kData + "/raw/colorchart.dng";
        const Photo photo = readPhoto(path.toStdString());
        QCOMPARE(photo.format, ImageFormat::Raw);
        const FloatImage& image = photo.image;
        QCOMPARE(image.width, 1734);
        QCOMPARE(image.height, 1156);
        QCOMPARE(image.channels, 3);
        QCOMPARE(image.bitDepth, 16);
        double mean = 0;
        for (float v : image.pixels) {
            mean += v;
        }
        mean /= double(image.pixels.size());
        QVERIFY2(mean > 0.25 && mean < 0.5, qPrintable(QString::number(mean)));

        // The ColorChecker's bottom row: white, then five greys down to black, 110 px apart.
        // The chart was lit warmer than the camera's as-shot white balance, so all six carry
        // the same warm cast: balanced on the white patch, the greys are grey.
        double patches[6][3] = {};
        for (int patch = 0; patch < 6; ++patch) {
            const int cx = 704 + 110 * patch, cy = 930;
            for (int y = cy - 15; y <= cy + 15; ++y) {
                for (int x = cx - 15; x <= cx + 15; ++x) {
                    for (int c = 0; c < 3; ++c) {
                        patches[patch][c] +=
                            image.pixels[(size_t(y) * image.width + x) * 3 + c] / (31.0 * 31.0);
                    }
                }
            }
        }
        const double* white = patches[0];
        const QString whiteText =
            QString("white %1 %2 %3").arg(white[0]).arg(white[1]).arg(white[2]);
        QVERIFY2(white[0] > white[1] && white[1] > white[2], qPrintable(whiteText)); // warm
        QVERIFY2(white[0] < 0.999 && white[1] > 0.35, qPrintable(whiteText));        // not clipped
        QVERIFY2(white[0] / white[1] < 1.7 && white[2] / white[1] > 0.6, qPrintable(whiteText));
        for (int patch = 1; patch < 6; ++patch) {
            double balanced[3];
            for (int c = 0; c < 3; ++c) {
                balanced[c] = patches[patch][c] / white[c];
            }
            const double level = (balanced[0] + balanced[1] + balanced[2]) / 3;
            const double spread = std::max({balanced[0], balanced[1], balanced[2]}) -
                                  std::min({balanced[0], balanced[1], balanced[2]});
            const QString what = QString("patch %1: %2 %3 %4")
                                     .arg(patch)
                                     .arg(balanced[0], 0, 'f', 3)
                                     .arg(balanced[1], 0, 'f', 3)
                                     .arg(balanced[2], 0, 'f', 3);
            QVERIFY2(spread < 0.15 * level, qPrintable(what));
            QVERIFY2(patches[patch][1] < patches[patch - 1][1], qPrintable(what)); // darker
        }
        QCOMPARE(photo.metadata.value("Exif.Image.Make"), std::string("Canon"));
    }

    void rawHalfSizePreview()
    {
        ReadOptions options;
        options.rawHalfSize = true;
        const Photo photo = readPhoto((kData + "/raw/colorchart.dng").toStdString(), options);
        QCOMPARE(photo.image.width, 1734 / 2);
        QCOMPARE(photo.image.height, 1156 / 2);
    }

    /** A RAW gives its EXIF to a 16-bit TIFF, without the RAW's own structure tags. */
    void rawToTiff()
    {
        const Photo photo = readPhoto((kData + "/raw/colorchart.dng").toStdString());
        QCOMPARE(defaultOutputFormat(photo.format), ImageFormat::Tiff);
        QTemporaryDir dir;
        const QString output =
            dir.filePath("chart." + QString::fromStdString(extensionFor(ImageFormat::Tiff)));
        const WriteResult result =
            writePhoto(output.toStdString(), photo.image, photo, Provenance{"1.0", "m"});
        QCOMPARE(result.bitDepth, 16);
        const Photo back = readPhoto(output.toStdString());
        QCOMPARE(back.format, ImageFormat::Tiff);
        QCOMPARE(back.image.bitDepth, 16);
        QCOMPARE(back.image.width, 1734);
        QVERIFY(back.image.pixels == photo.image.pixels);
        QCOMPARE(back.metadata.value("Exif.Image.Model"), photo.metadata.value("Exif.Image.Model"));
        QVERIFY(back.metadata.value("Exif.Image.DNGVersion").empty());
        QVERIFY(back.metadata.value("Exif.Image.CFAPattern").empty());
        QCOMPARE(back.metadata.value("Exif.Image.Software"), std::string("Unblur 1.0"));
    }

    void nonAsciiAndSpacedPaths()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("dossier été/写真 2024")));
        const QString folder = dir.filePath(QStringLiteral("dossier été/写真 2024"));
        const QString source = folder + QStringLiteral("/photo floue ß.jpg");
        QVERIFY(QFile::copy(kData + "/metadata/exiv2/Reagan.jpg", source));
        const Photo photo = readPhoto(source.toStdString());
        QCOMPARE(photo.metadata.value("Exif.Image.Model"), std::string("NIKON D1X"));
        const QString output = folder + QStringLiteral("/nette Ausgabe é.tif");
        writePhoto(output.toStdString(), photo.image, photo, Provenance{"1.0", "m"});
        const Photo back = readPhoto(output.toStdString());
        QCOMPARE(back.metadata.value("Exif.Image.Model"), std::string("NIKON D1X"));
        QCOMPARE(back.metadata.iccProfile(), photo.metadata.iccProfile());
        const QString missing = folder + QStringLiteral("/absent é.png");
        const QString message = errorOf([&] { readPhoto(missing.toStdString()); });
        QVERIFY2(message.contains(missing), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestPhotoReader)
#include "TestPhotoReader.moc"
