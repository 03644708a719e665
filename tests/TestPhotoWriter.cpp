// writePhoto: encoders and their options, exact 16-bit round trips, alpha and grey, and writes
// that either fully happen or leave nothing behind.
#include "PhotoTestSupport.h"
#include "io/PhotoReader.h"
#include "io/PhotoWriter.h"

#include <QFileInfo>
#include <QTest>
#include <csignal>
#include <sys/resource.h>

using namespace unblur::io;
using namespace phototest;

namespace {

const QString kMetadata = QStringLiteral(UNBLUR_TEST_DATA "/metadata");
const Provenance kProvenance{"2.0.0", "tiny"};

/** A source without metadata, as a freshly made picture would be. */
Photo bare()
{
    Photo photo;
    photo.format = ImageFormat::Png;
    return photo;
}

WriteResult write(const QString& path, const FloatImage& image, const EncodeOptions& encode = {},
                  const Photo& source = bare())
{
    PhotoWriteOptions options;
    options.encode = encode;
    return writePhoto(path.toStdString(), image, source, kProvenance, options);
}

void compareExact(const FloatImage& a, const FloatImage& b)
{
    QCOMPARE(a.width, b.width);
    QCOMPARE(a.height, b.height);
    QCOMPARE(a.channels, b.channels);
    QCOMPARE(a.bitDepth, b.bitDepth);
    QVERIFY(a.pixels == b.pixels);
}

/** The luma sampling factors (h << 4 | v) of a baseline JPEG's first component. */
int lumaSampling(const QByteArray& jpeg)
{
    const int sof = jpeg.indexOf("\xFF\xC0");
    return sof < 0 ? -1 : uchar(jpeg.at(sof + 11));
}

} // namespace

class TestPhotoWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exactRoundTrips_data()
    {
        QTest::addColumn<QString>("extension");
        QTest::addColumn<int>("channels");
        QTest::addColumn<int>("bitDepth");
        QTest::addColumn<bool>("compress");
        for (const char* ext : {"png", "tif"}) {
            for (int channels : {1, 3, 4}) {
                for (int depth : {8, 16}) {
                    for (bool compress : {true, false}) {
                        if (QString(ext) == "png" && !compress) {
                            continue;
                        }
                        QTest::addRow("%s %dch %d-bit%s", ext, channels, depth,
                                      compress ? "" : " uncompressed")
                            << ext << channels << depth << compress;
                    }
                }
            }
        }
    }

    void exactRoundTrips()
    {
        QFETCH(QString, extension);
        QFETCH(int, channels);
        QFETCH(int, bitDepth);
        QFETCH(bool, compress);
        QTemporaryDir dir;
        const QString path = dir.filePath("image." + extension);
        const FloatImage image = pattern(67, 41, channels, bitDepth);
        EncodeOptions encode;
        encode.tiffCompression = compress ? TiffCompression::Deflate : TiffCompression::None;
        const WriteResult result = write(path, image, encode);
        QCOMPARE(result.bitDepth, bitDepth);
        const Photo back = readPhoto(path.toStdString());
        compareExact(back.image, image);
        QCOMPARE(entries(dir.path()), QStringList{"image." + extension});
        if (extension == "tif") {
            QCOMPARE(back.metadata.value("Exif.Image.Compression"),
                     std::string(compress ? "8" : "1"));
            QCOMPARE(back.metadata.value("Exif.Image.ExtraSamples"),
                     std::string(channels == 4 ? "2" : "")); // alpha marked as alpha
        }
    }

    /** A big-endian TIFF source gives a big-endian TIFF, its alpha meaning and resolution. */
    void tiffFollowsItsSource()
    {
        const Photo source = readPhoto((kMetadata + "/exiv2/Reagan.tiff").toStdString());
        QCOMPARE(source.image.channels, 4);
        QTemporaryDir dir;
        const QString path = dir.filePath("out.tif");
        FloatImage image = pattern(source.image.width, source.image.height, 4, 16);
        write(path, image, {}, source);
        QVERIFY(bytesOf(path).startsWith("MM"));
        const Photo back = readPhoto(path.toStdString());
        compareExact(back.image, image);
        QCOMPARE(back.metadata.value("Exif.Image.ExtraSamples"), std::string("1"));
        QCOMPARE(back.metadata.value("Exif.Image.XResolution"), std::string("300/1"));
        QCOMPARE(back.metadata.value("Exif.Image.ResolutionUnit"), std::string("2"));
    }

    void jpegQualityAndChroma()
    {
        const FloatImage image = gradient(96, 64, 3);
        QTemporaryDir dir;
        const QString low = dir.filePath("low.jpg");
        const QString high = dir.filePath("high.jpg");
        EncodeOptions encode;
        encode.quality = 30;
        write(low, image, encode);
        encode.quality = 97;
        write(high, image, encode);
        QVERIFY(bytesOf(high).size() > bytesOf(low).size());
        QVERIFY(meanDifference(readPhoto(high.toStdString()).image, image) <
                meanDifference(readPhoto(low.toStdString()).image, image));
        QCOMPARE(lumaSampling(bytesOf(high)), 0x11); // Auto at 90 and above: 4:4:4
        QCOMPARE(lumaSampling(bytesOf(low)), 0x22);  // Auto below 90: 4:2:0

        const std::pair<ChromaSubsampling, int> cases[] = {{ChromaSubsampling::S444, 0x11},
                                                           {ChromaSubsampling::S422, 0x21},
                                                           {ChromaSubsampling::S420, 0x22}};
        for (const auto& [chroma, factors] : cases) {
            encode.chroma = chroma;
            const QString path = dir.filePath(QString("chroma%1.jpg").arg(factors));
            write(path, image, encode);
            QCOMPARE(lumaSampling(bytesOf(path)), factors);
        }
    }

    void greyAndAlphaKept()
    {
        QTemporaryDir dir;
        const FloatImage grey = gradient(40, 30, 1);
        const QString jpeg = dir.filePath("grey.jpg");
        write(jpeg, grey);
        QCOMPARE(readPhoto(jpeg.toStdString()).image.channels, 1);
        FloatImage rgba = pattern(40, 30, 4, 8);
        for (size_t i = 3; i < rgba.pixels.size(); i += 4) {          // WebP may change what is
            rgba.pixels[i] = std::max(rgba.pixels[i], 1.0f / 255.0f); // fully transparent
        }
        const QString webp = dir.filePath("alpha.webp");
        EncodeOptions lossless;
        lossless.webpLossless = true;
        write(webp, rgba, lossless);
        compareExact(readPhoto(webp.toStdString()).image, rgba); // lossless: exact, alpha too
        EncodeOptions lossy;
        lossy.quality = 80;
        write(webp, rgba, lossy);
        const FloatImage back = readPhoto(webp.toStdString()).image;
        QCOMPARE(back.channels, 4);
        for (size_t i = 3; i < back.pixels.size(); i += 4) { // lossy WebP keeps alpha exact
            QCOMPARE(back.pixels[i], rgba.pixels[i]);
        }
    }

    void bitDepthOption()
    {
        QTemporaryDir dir;
        const FloatImage wide = pattern(16, 8, 3, 16);
        EncodeOptions encode;
        encode.bitDepth = 8;
        const QString narrow = dir.filePath("narrow.png");
        QCOMPARE(write(narrow, wide, encode).bitDepth, 8);
        QCOMPARE(readPhoto(narrow.toStdString()).image.bitDepth, 8);
        encode.bitDepth = 16;
        const QString widened = dir.filePath("wide.tif");
        QCOMPARE(write(widened, pattern(16, 8, 3, 8), encode).bitDepth, 16);
        QCOMPARE(readPhoto(widened.toStdString()).image.bitDepth, 16);
        const QString jpeg = dir.filePath("wide.jpg");
        const QString message = errorOf([&] { write(jpeg, wide, encode); });
        QVERIFY2(message.contains(jpeg) && message.contains("8 bits"), qPrintable(message));
        QVERIFY(!QFile::exists(jpeg));
        QCOMPARE(write(jpeg, wide).bitDepth, 8); // by default: as deep as the format holds
    }

    void formatChoice()
    {
        QTemporaryDir dir;
        const FloatImage image = pattern(8, 8, 3, 8);
        EncodeOptions encode;
        encode.format = ImageFormat::Tiff;
        const QString bare = dir.filePath("no-extension");
        QCOMPARE(write(bare, image, encode).format, ImageFormat::Tiff);
        QVERIFY(bytesOf(bare).startsWith("II*"));
        const QString clash = dir.filePath("out.png");
        QString message = errorOf([&] { write(clash, image, encode); });
        QVERIFY2(message.contains(clash) && message.contains("extension says PNG"),
                 qPrintable(message));
        const QString unknown = dir.filePath("out.gif");
        message = errorOf([&] { write(unknown, image); });
        QVERIFY2(message.contains(unknown) && message.contains("unknown extension"),
                 qPrintable(message));
        QCOMPARE(defaultOutputFormat(ImageFormat::Raw), ImageFormat::Tiff);
        QCOMPARE(defaultOutputFormat(ImageFormat::Jpeg), ImageFormat::Jpeg);
        QCOMPARE(defaultOutputFormat(ImageFormat::Webp), ImageFormat::Webp);
        QCOMPARE(defaultOutputFormat(ImageFormat::Bmp), ImageFormat::Png);
        QCOMPARE(entries(dir.path()), QStringList{"no-extension"});
    }

    void refusesToReplaceTheSource()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("photo.jpg");
        QVERIFY(QFile::copy(kMetadata + "/exiv2/Reagan.jpg", path));
        const QByteArray before = bytesOf(path);
        const Photo photo = readPhoto(path.toStdString());
        for (const QString& same : {path, dir.path() + "/./photo.jpg"}) {
            const QString message =
                errorOf([&] { writePhoto(same.toStdString(), photo.image, photo, kProvenance); });
            QVERIFY2(message.contains(same) && message.contains("input file"), qPrintable(message));
        }
        QVERIFY(QFile::link(path, dir.filePath("link.jpg")));
        QVERIFY(errorOf([&] {
                    writePhoto(dir.filePath("link.jpg").toStdString(), photo.image, photo,
                               kProvenance);
                }).contains("input file"));
        QCOMPARE(bytesOf(path), before);
        PhotoWriteOptions options;
        options.overwriteSource = true;
        writePhoto(path.toStdString(), photo.image, photo, kProvenance, options);
        QVERIFY(bytesOf(path) != before);
        QCOMPARE(readPhoto(path.toStdString()).metadata.value("Exif.Image.Software"),
                 std::string("Unblur 2.0.0"));
    }

    void pathErrorsNameTheFile()
    {
        QTemporaryDir dir;
        const FloatImage image = pattern(3, 3, 3, 8);
        const QString missingFolder = dir.filePath("no/such/out.png");
        QString message = errorOf([&] { write(missingFolder, image); });
        QVERIFY2(message.contains(missingFolder) && message.contains("does not exist"),
                 qPrintable(message));
        message = errorOf([&] { write(dir.path(), image); });
        QVERIFY2(message.contains(dir.path()), qPrintable(message));
        FloatImage broken = image;
        broken.pixels.pop_back();
        const QString invalid = dir.filePath("broken.png");
        message = errorOf([&] { write(invalid, broken); });
        QVERIFY2(message.contains(invalid) && message.contains("invalid"), qPrintable(message));
        // sysfs takes no new files, not even from root.
        message = errorOf([&] { write("/sys/unblur-test.png", image); });
        QVERIFY2(message.contains("/sys/unblur-test.png"), qPrintable(message));
        QCOMPARE(entries(dir.path()), QStringList{});
    }

    void readOnlyFolderLeavesNothing()
    {
        QTemporaryDir dir;
        QVERIFY(QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                      QFileDevice::ExeOwner |
                                                      QFileDevice::ExeOther));
        const QString locked = dir.filePath("locked");
        QVERIFY(QDir(dir.path()).mkdir("locked"));
        // Read-only for its owner and for others (nobody, standing in for root).
        QVERIFY(QFile::setPermissions(locked, QFileDevice::ReadOwner | QFileDevice::ExeOwner |
                                                  QFileDevice::ReadOther | QFileDevice::ExeOther));
        const QString path = locked + "/out.jpg";
        QString message;
        {
            const ScopedUnprivileged unprivileged; // root writes everywhere
            QVERIFY2(unprivileged.ok(), "root could not act as nobody");
            QVERIFY(QFileInfo(locked).isDir()); // reachable: only writing in it is refused
            message = errorOf([&] { write(path, pattern(8, 8, 3, 8)); });
        }
        QFile::setPermissions(locked, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                          QFileDevice::ExeOwner);
        QVERIFY2(message.contains(path), qPrintable(message));
        QCOMPARE(entries(locked), QStringList{});
    }

    /** A full disk, played by a file size limit: a clean error and no partial file. */
    void fullDiskLeavesNothing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("big.png");
        QVERIFY(writeBytes(path, "the old file"));
        struct rlimit saved = {};
        QCOMPARE(getrlimit(RLIMIT_FSIZE, &saved), 0);
        const auto previous = std::signal(SIGXFSZ, SIG_IGN); // EFBIG instead of a kill
        struct rlimit small = saved;
        small.rlim_cur = 64 * 1024;
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
        const Photo source = readPhoto((kMetadata + "/exiv2/Reagan.jpg").toStdString());
        const QString message = errorOf([&] {
            PhotoWriteOptions options;
            writePhoto(path.toStdString(), pattern(400, 300, 3, 16), source, kProvenance, options);
        });
        setrlimit(RLIMIT_FSIZE, &saved);
        std::signal(SIGXFSZ, previous);
        QVERIFY2(message.contains(path) && message.contains("too large"), qPrintable(message));
        QCOMPARE(entries(dir.path()), QStringList{"big.png"});
        QCOMPARE(bytesOf(path), QByteArray("the old file")); // untouched
    }
};

QTEST_GUILESS_MAIN(TestPhotoWriter)
#include "TestPhotoWriter.moc"
