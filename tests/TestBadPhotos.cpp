// Bad input of every kind gives an ImageError that names the file and the reason, never a
// crash: empty, truncated and random files, decompression bombs, metadata-only RAW files,
// unreadable files.
#include "PhotoTestSupport.h"
#include "io/HeaderProbe.h"
#include "io/Orientation.h"
#include "io/PhotoReader.h"

#include <QTest>

using namespace unblur::io;
using namespace phototest;

namespace {

const QString kData = QStringLiteral(UNBLUR_TEST_DATA);
const QString kNegative = kData + "/raw/truncated_negative_examples";

} // namespace

class TestBadPhotos : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void badInput_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("reason");
        for (const char* ext : {"jpg", "png", "tif", "webp", "bmp", "dng", "cr2"}) {
            QTest::addRow("empty .%s", ext) << QString("empty.") + ext << QByteArray() << "empty";
        }
        QByteArray noise(5000, '\0');
        std::mt19937 random(7);
        for (char& c : noise) {
            c = char(random());
        }
        for (const char* ext : {"jpg", "png", "tif", "webp", "nef"}) {
            QTest::addRow("random bytes .%s", ext)
                << QString("noise.") + ext << noise << "not a supported image";
        }
        // A real file cut short, at several points, for every format.
        for (const char* ext : {"jpg", "png", "tif", "webp", "bmp"}) {
            const QByteArray whole = sampleFile(ext, 64, 48);
            for (int percent : {95, 60, 20}) {
                QTest::addRow("%s cut to %d%%", ext, percent)
                    << QString("cut.") + ext << whole.left(whole.size() * percent / 100)
                    << "truncated";
            }
            QTest::addRow("%s magic then noise", ext)
                << QString("mixed.") + ext << whole.left(12) + noise << "";
        }
        QFile dng(kData + "/raw/colorchart.dng");
        QVERIFY(dng.open(QIODevice::ReadOnly));
        const QByteArray raw = dng.readAll();
        QTest::addRow("dng cut in half") << "cut.dng" << raw.left(raw.size() / 2) << "truncated";
        QTest::addRow("dng header only") << "head.dng" << raw.left(4096) << "";
    }

    /** Bad bytes give an ImageError that names the file (and the reason, where known). */
    void badInput()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        const QString path = dir.filePath(name);
        QVERIFY(writeBytes(path, bytes));
        const QString message = errorOf([&] { readPhoto(path.toStdString()); });
        QVERIFY2(message.contains(path) && message != "<no error>", qPrintable(message));
        QVERIFY2(message.contains(reason), qPrintable(message));
        // From memory: the same decoder, the same message under the name given.
        const QString inMemory = errorOf([&] {
            readPhotoFromMemory(bytes.constData(), size_t(bytes.size()),
                                "memory:" + name.toStdString());
        });
        QCOMPARE(inMemory, QString(message).replace(path, "memory:" + name));
    }

    void negativeRawExamples_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("reason");
        QTest::newRow("metadata-only DNG") << "IMG_1361.dng"
                                           << "no raw image data";
        QTest::newRow("truncated CRW") << "exiv2-canon-powershot-s40.crw"
                                       << "truncated";
    }

    void negativeRawExamples()
    {
        QFETCH(QString, file);
        QFETCH(QString, reason);
        const QString path = kNegative + "/" + file;
        const QString message = errorOf([&] { readPhoto(path.toStdString()); });
        QVERIFY2(message.contains(path) && message.contains(reason), qPrintable(message));
    }

    void decompressionBombs_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QByteArray png = sampleFile("png");
        png.replace(16, 8, QByteArray::fromHex("000186a0000186a0")); // 100000 x 100000
        QTest::newRow("PNG") << "bomb.png" << png;
        QByteArray jpeg = sampleFile("jpg");
        const int sof = jpeg.indexOf("\xFF\xC0");
        QVERIFY(sof > 0);
        jpeg.replace(sof + 5, 4, QByteArray::fromHex("fde8fde8")); // 65000 x 65000
        QTest::newRow("JPEG") << "bomb.jpg" << jpeg;
        // A stuffed zero (FF 00) before the frame header: libjpeg skips it, the probe took it
        // for a segment whose length jumped over the frame header (found by the fuzzer).
        QByteArray hidden = jpeg;
        const int sos = hidden.indexOf("\xFF\xDA");
        QVERIFY(sos > 0 && sos < 0xFF00 && (sos & 0xFF) != 0xFF);
        hidden.insert(2, QByteArray("\xFF\x00", 2) + char(sos >> 8) + char(sos & 0xFF));
        QTest::newRow("JPEG, frame header after a stuffed zero") << "bomb-hidden.jpg" << hidden;
        QByteArray tiff = QByteArray::fromHex("49492a0008000000"
                                              "0200"
                                              "000104000100000040420f00"
                                              "010104000100000040420f00"
                                              "00000000");
        QTest::newRow("TIFF") << "bomb.tif" << tiff; // 1000000 x 1000000
        // The size as SLONG and SSHORT, which libtiff reads as well as SHORT and LONG (the
        // probe used to skip them, and OpenCV then allocated whatever they said).
        QTest::newRow("TIFF, SLONG size") << "bomb-slong.tif"
                                          << QByteArray::fromHex("49492a0008000000"
                                                                 "0200"
                                                                 "000109000100000040420f00"
                                                                 "010109000100000040420f00"
                                                                 "00000000");
        QTest::newRow("TIFF, SSHORT size") << "bomb-sshort.tif"
                                           << QByteArray::fromHex("4d4d002a00000008"
                                                                  "0002"
                                                                  "010000080000000175300000"
                                                                  "010100080000000175300000"
                                                                  "00000000"); // 30000 x 30000
        QTest::newRow("BigTIFF") << "bomb-big.tif"
                                 << QByteArray::fromHex("49492b0008000000"
                                                        "1000000000000000"
                                                        "0200000000000000"
                                                        "0001100001000000000000004042"
                                                        "0f0000000000"
                                                        "0101100001000000000000004042"
                                                        "0f0000000000"
                                                        "0000000000000000");
        QByteArray webp = QByteArray::fromHex("52494646"
                                              "1a000000"
                                              "57454250"
                                              "5650384c"
                                              "0d000000"
                                              "2f"
                                              "ffffff0f") +
                          QByteArray(9, '\0');
        QTest::newRow("WebP") << "bomb.webp" << webp; // 16384 x 16384 (lossless header)
        QByteArray bmp = sampleFile("bmp");
        bmp.replace(18, 8, QByteArray::fromHex("a0860100a0860100"));
        QTest::newRow("BMP") << "bomb.bmp" << bmp;
    }

    void decompressionBombs()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QTemporaryDir dir;
        const QString path = dir.filePath(name);
        QVERIFY(writeBytes(path, bytes));
        const QString message = errorOf([&] { readPhoto(path.toStdString()); });
        QVERIFY2(message.contains(path) && message.contains("too large") &&
                     message.contains("limit is 250"),
                 qPrintable(message));
    }

    /**
     * Inputs the decoder fuzzer found (tests/data/bad, tools/fuzz-decoders.sh): an ImageError
     * naming the file, or a photo of exactly the size the header probe read, so that the
     * pixel limit is checked against what is decoded.
     */
    void fuzzerFindings_data()
    {
        QTest::addColumn<QString>("file");
        const QStringList files = QDir(kData + "/bad").entryList(QDir::Files, QDir::Name);
        QVERIFY(!files.isEmpty());
        for (const QString& file : files) {
            QTest::newRow(qPrintable(file)) << file;
        }
    }

    void fuzzerFindings()
    {
        QFETCH(QString, file);
        const QString path = kData + "/bad/" + file;
        const QByteArray bytes = bytesOf(path);
        ReadOptions options;
        options.maxPixels = 4'000'000; // as in the fuzzer
        try {
            const Photo photo = readPhoto(path.toStdString(), options);
            const size_t size = size_t(bytes.size());
            const HeaderInfo header =
                probeHeader(bytes.constData(), size, sniffFormat(bytes.constData(), size));
            const bool turned = orientationSwapsAxes(photo.metadata.orientation());
            QCOMPARE(header.width, int64_t(turned ? photo.image.height : photo.image.width));
            QCOMPARE(header.height, int64_t(turned ? photo.image.width : photo.image.height));
        } catch (const ImageError& e) {
            QVERIFY2(QString(e.what()).contains(path), e.what());
        }
    }

    void pixelLimitIsConfigurable()
    {
        ReadOptions options;
        options.maxPixels = 1'000'000;
        const QString raw = kData + "/raw/colorchart.dng";
        QString message = errorOf([&] { readPhoto(raw.toStdString(), options); });
        QVERIFY2(message.contains(raw) && message.contains("too large"), qPrintable(message));
        options.maxPixels = 1000;
        QTemporaryDir dir;
        const QString png = dir.filePath("small.png");
        QVERIFY(writeBytes(png, sampleFile("png")));
        message = errorOf([&] { readPhoto(png.toStdString(), options); });
        QVERIFY2(message.contains("too large"), qPrintable(message));
    }

    void unreadableFiles()
    {
        QTemporaryDir dir;
        QString message = errorOf([&] { readPhoto(dir.path().toStdString()); });
        QVERIFY2(message.contains(dir.path()) && message.contains("directory"),
                 qPrintable(message));
        const QString missing = dir.filePath("missing.jpg");
        message = errorOf([&] { readPhoto(missing.toStdString()); });
        QVERIFY2(message.contains(missing) && message.contains("no such file"),
                 qPrintable(message));
        // Opens, then fails to read: an I/O error even for root.
        message = errorOf([&] { readPhoto("/proc/self/mem"); });
        QVERIFY2(message.contains("/proc/self/mem") && message.contains("cannot read"),
                 qPrintable(message));
        // A file nobody may read, checked as an unprivileged user even when run as root.
        const QString locked = dir.filePath("locked.png");
        QVERIFY(writeBytes(locked, sampleFile("png")));
        QVERIFY(QFile::setPermissions(locked, QFileDevice::WriteOwner));
        QVERIFY(QFile::setPermissions(
            dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                            QFileDevice::ExeGroup | QFileDevice::ExeOther));
        {
            phototest::ScopedUnprivileged unprivileged;
            QVERIFY(unprivileged.ok());
            message = errorOf([&] { readPhoto(locked.toStdString()); });
        }
        QVERIFY2(message.contains(locked) && message.contains("ermission"), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestBadPhotos)
#include "TestBadPhotos.moc"
