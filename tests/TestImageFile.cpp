// The photo layer: decoding by content, depth/grey/alpha round trips, atomic writes, errors.
#include "ScopedUnprivileged.h"
#include "io/ImageFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <random>

using namespace unblur::io;

namespace {

const QString kInput = QStringLiteral(UNBLUR_TEST_DATA "/hidiff-tiny/input.png");

/** A test pattern whose samples are exact at `bitDepth`. */
FloatImage pattern(int width, int height, int channels, int bitDepth)
{
    FloatImage image;
    image.width = width;
    image.height = height;
    image.channels = channels;
    image.bitDepth = bitDepth;
    const int max = bitDepth == 16 ? 65535 : 255;
    std::mt19937 random(1);
    std::uniform_int_distribution<int> level(0, max);
    for (size_t i = 0; i < image.sampleCount(); ++i) {
        image.pixels.push_back(float(level(random)) / float(max));
    }
    return image;
}

void compareExact(const FloatImage& a, const FloatImage& b)
{
    QVERIFY(a.width == b.width && a.height == b.height && a.channels == b.channels);
    QCOMPARE(a.bitDepth, b.bitDepth);
    QVERIFY(a.pixels == b.pixels);
}

double maxDifference(const FloatImage& a, const FloatImage& b)
{
    double result = 0;
    for (size_t i = 0; i < a.pixels.size(); ++i) {
        result = std::max(result, double(std::abs(a.pixels[i] - b.pixels[i])));
    }
    return result;
}

/** The ImageError message of `action`, or "<no error>". */
template <typename F> QString errorOf(F action)
{
    try {
        action();
    } catch (const ImageError& e) {
        return QString::fromStdString(e.what());
    }
    return QStringLiteral("<no error>");
}

QByteArray bytesOf(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeBytes(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

QStringList entries(const QTemporaryDir& dir)
{
    return QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
}

} // namespace

class TestImageFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrips_data()
    {
        QTest::addColumn<QString>("extension");
        QTest::addColumn<int>("channels");
        QTest::addColumn<int>("bitDepth");
        for (const char* ext : {"png", "tif"}) {
            for (int channels : {1, 3, 4}) {
                for (int depth : {8, 16}) {
                    QTest::addRow("%s %dch %d-bit", ext, channels, depth)
                        << ext << channels << depth;
                }
            }
        }
    }

    void roundTrips()
    {
        QFETCH(QString, extension);
        QFETCH(int, channels);
        QFETCH(int, bitDepth);
        const std::vector<std::string> known = writableExtensions();
        if (std::find(known.begin(), known.end(), extension.toStdString()) == known.end()) {
            QSKIP("OpenCV cannot write this format here");
        }
        QTemporaryDir dir;
        const std::string path = dir.filePath("image." + extension).toStdString();
        const FloatImage image = pattern(37, 23, channels, bitDepth);
        writeImage(path, image);
        compareExact(readImage(path), image);
        QCOMPARE(entries(dir), QStringList{"image." + extension});
    }

    void roundsAndClamps()
    {
        FloatImage image = pattern(4, 1, 1, 8);
        image.pixels = {-0.5f, 10.4f / 255.0f, 10.6f / 255.0f, 7.0f};
        QTemporaryDir dir;
        const std::string path = dir.filePath("clamp.png").toStdString();
        writeImage(path, image);
        const FloatImage back = readImage(path);
        const std::vector<float> expected = {0.0f, 10.0f / 255.0f, 11.0f / 255.0f, 1.0f};
        QVERIFY(back.pixels == expected);
    }

    void jpegQuality()
    {
        const FloatImage image = readImage(kInput.toStdString());
        QTemporaryDir dir;
        const QString low = dir.filePath("low.jpeg");
        const QString high = dir.filePath("high.JPG");
        writeImage(low.toStdString(), image, WriteOptions{20});
        writeImage(high.toStdString(), image, WriteOptions{98});
        QVERIFY(QFileInfo(high).size() > QFileInfo(low).size());
        const double lowError = maxDifference(readImage(low.toStdString()), image);
        const double highError = maxDifference(readImage(high.toStdString()), image);
        QVERIFY2(highError < lowError,
                 qPrintable(QString("%1 vs %2").arg(highError).arg(lowError)));

        FloatImage wide = image; // JPEG holds 8 bits only
        wide.bitDepth = 16;
        writeImage(low.toStdString(), wide);
        QCOMPARE(readImage(low.toStdString()).bitDepth, 8);
    }

    void decodesByContentWithNonAsciiNames()
    {
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("a-png-named-é-写真.jpg"));
        QVERIFY(QFile::copy(kInput, png));
        compareExact(readImage(png.toStdString()), readImage(kInput.toStdString()));

        const std::string path = dir.filePath(QStringLiteral("flou-é.png")).toStdString();
        const FloatImage image = pattern(5, 4, 3, 8);
        writeImage(path, image);
        compareExact(readImage(path), image);
    }

    void readErrorsNameTheFile()
    {
        QTemporaryDir dir;
        const QString missing = dir.filePath("missing.png");
        QString message = errorOf([&] { readImage(missing.toStdString()); });
        QVERIFY2(message.contains(missing) && message.contains("no such file"),
                 qPrintable(message));

        message = errorOf([&] { readImage(dir.path().toStdString()); });
        QVERIFY2(message.contains("directory"), qPrintable(message));

        const QString empty = dir.filePath("empty.png");
        writeBytes(empty, {});
        message = errorOf([&] { readImage(empty.toStdString()); });
        QVERIFY2(message.contains(empty) && message.contains("empty"), qPrintable(message));

        const QByteArray png = bytesOf(kInput);
        const QString truncated = dir.filePath("truncated.png");
        writeBytes(truncated, png.left(png.size() / 2));
        message = errorOf([&] { readImage(truncated.toStdString()); });
        QVERIFY2(message.contains(truncated) && message.contains("truncated"), qPrintable(message));

        QByteArray noise(4096, '\0');
        std::mt19937 random(5);
        for (char& c : noise) {
            c = char(random());
        }
        const QString garbage = dir.filePath("garbage.jpg");
        writeBytes(garbage, noise);
        message = errorOf([&] { readImage(garbage.toStdString()); });
        QVERIFY2(message.contains(garbage) && message.contains("not a supported image"),
                 qPrintable(message));
    }

    void unreadableFile()
    {
        QTemporaryDir dir;
        // Others (nobody, standing in for root) may enter the folder; the file stays unreadable.
        QVERIFY(QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                      QFileDevice::ExeOwner |
                                                      QFileDevice::ExeOther));
        const QString path = dir.filePath("locked.png");
        QVERIFY(QFile::copy(kInput, path));
        QVERIFY(QFile::setPermissions(path, QFileDevice::WriteOwner));
        QString message;
        {
            const phototest::ScopedUnprivileged unprivileged; // root reads everything
            QVERIFY2(unprivileged.ok(), "root could not act as nobody");
            QVERIFY(QFileInfo::exists(path)); // reachable: only reading it is refused
            message = errorOf([&] { readImage(path.toStdString()); });
        }
        QVERIFY2(message.contains(path) && message.contains("ermission"), qPrintable(message));
    }

    void jpegOrientationIsApplied()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("rotated.jpg");
        writeImage(path.toStdString(), pattern(8, 4, 3, 8));
        // APP1 Exif with one IFD entry: Orientation (0x0112) = 6, "rotate 90 clockwise".
        const char exif[] = "\xFF\xE1\x00\x22"
                            "Exif\0\0II*\0\x08\0\0\0\x01\0"
                            "\x12\x01\x03\0\x01\0\0\0\x06\0\0\0\0\0\0\0";
        QByteArray jpeg = bytesOf(path);
        jpeg.insert(2, exif, sizeof(exif) - 1);
        writeBytes(path, jpeg);
        const FloatImage image = readImage(path.toStdString());
        QCOMPARE(image.width, 4);
        QCOMPARE(image.height, 8);
    }

    void pixelLimit()
    {
        QString message = errorOf([&] { readImage(kInput.toStdString(), ReadOptions{1000}); });
        QVERIFY2(message.contains(kInput) && message.contains("too large"), qPrintable(message));

        // A header claiming 100000 x 100000 is refused before any decoding is tried.
        QByteArray png = bytesOf(kInput);
        const char huge[8] = {0, 1, char(0x86), char(0xA0), 0, 1, char(0x86), char(0xA0)};
        png.replace(16, 8, huge, 8);
        QTemporaryDir dir;
        const QString path = dir.filePath("huge.png");
        writeBytes(path, png);
        message = errorOf([&] { readImage(path.toStdString()); });
        QVERIFY2(message.contains("too large (10000 megapixels"), qPrintable(message));
    }

    void writeErrorsNameTheFile()
    {
        QTemporaryDir dir;
        const FloatImage image = pattern(3, 3, 3, 8);
        const QString inMissingFolder = dir.filePath("no/such/folder/out.png");
        QString message = errorOf([&] { writeImage(inMissingFolder.toStdString(), image); });
        QVERIFY2(message.contains(inMissingFolder) && message.contains("does not exist"),
                 qPrintable(message));

        const QString unknown = dir.filePath("out.xyz");
        message = errorOf([&] { writeImage(unknown.toStdString(), image); });
        QVERIFY2(message.contains(unknown) && message.contains("unknown extension"),
                 qPrintable(message));

        FloatImage broken = image;
        broken.pixels.pop_back();
        message = errorOf([&] { writeImage(dir.filePath("broken.png").toStdString(), broken); });
        QVERIFY2(message.contains("broken.png") && message.contains("invalid"),
                 qPrintable(message));
        QCOMPARE(entries(dir), QStringList{});
    }

    void unwritableFolderLeavesNothing()
    {
        QTemporaryDir dir;
        QVERIFY(QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                      QFileDevice::ExeOwner |
                                                      QFileDevice::ExeOther));
        QVERIFY(QDir(dir.path()).mkdir("locked"));
        const QString locked = dir.filePath("locked");
        // Read-only for its owner and for others (nobody, standing in for root).
        QVERIFY(QFile::setPermissions(locked, QFileDevice::ReadOwner | QFileDevice::ExeOwner |
                                                  QFileDevice::ReadOther | QFileDevice::ExeOther));
        const QString path = locked + "/out.png";
        QString message;
        {
            const phototest::ScopedUnprivileged unprivileged; // root writes everywhere
            QVERIFY2(unprivileged.ok(), "root could not act as nobody");
            QVERIFY(QFileInfo(locked).isDir()); // reachable: only writing in it is refused
            message = errorOf([&] { writeImage(path.toStdString(), pattern(3, 3, 3, 8)); });
        }
        QFile::setPermissions(locked, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                          QFileDevice::ExeOwner);
        QVERIFY2(message.contains(path), qPrintable(message));
        QCOMPARE(QDir(locked).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList{});
    }

    void overwriteReplacesWholeFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("out.png");
        writeBytes(path, QByteArray(100000, 'x'));
        const FloatImage image = pattern(8, 8, 4, 16);
        writeImage(path.toStdString(), image);
        compareExact(readImage(path.toStdString()), image);
        QCOMPARE(entries(dir), QStringList{"out.png"});
    }
};

QTEST_GUILESS_MAIN(TestImageFile)
#include "TestImageFile.moc"
