// Metadata carried through writePhoto: every EXIF/IPTC/XMP entry and the ICC profile of the
// real-world files in tests/data/metadata, in their own format and converted.
#include "PhotoTestSupport.h"
#include "io/PhotoReader.h"
#include "io/PhotoWriter.h"
#include "io/WebpIcc.h"

#include <QDirIterator>
#include <QTest>
#include <exiv2/exiv2.hpp>
#include <map>
#include <set>
#include <sstream>

using namespace unblur::io;
using namespace phototest;

namespace {

const QString kMetadata = QStringLiteral(UNBLUR_TEST_DATA "/metadata");
const Provenance kProvenance{"9.8.7", "test-model"};

/** A source key the output may lack or change, and why. */
struct Exception
{
    const char* key;
    const char* reason;
    const char* formats = "jpg png tif webp"; ///< output formats it applies to
    const char* file = "";                    ///< one source file only, when set
};

// Keys updated on purpose, and keys that record where things sit in the file.
const Exception kExceptions[] = {
    {"Exif.Image.Orientation", "updated on purpose: the pixels are upright (1)"},
    {"Xmp.tiff.Orientation", "updated on purpose: the pixels are upright (1)"},
    {"Exif.Thumbnail.Orientation", "updated on purpose: the thumbnail is upright"},
    {"Exif.Photo.PixelXDimension", "updated on purpose: pixel dimensions"},
    {"Exif.Photo.PixelYDimension", "updated on purpose: pixel dimensions"},
    {"Exif.Image.ImageWidth", "updated on purpose: pixel dimensions"},
    {"Exif.Image.ImageLength", "updated on purpose: pixel dimensions"},
    {"Xmp.tiff.ImageWidth", "updated on purpose: pixel dimensions"},
    {"Xmp.tiff.ImageLength", "updated on purpose: pixel dimensions"},
    {"Xmp.exif.PixelXDimension", "updated on purpose: pixel dimensions"},
    {"Xmp.exif.PixelYDimension", "updated on purpose: pixel dimensions"},
    {"Exif.Thumbnail.JPEGInterchangeFormat", "updated on purpose: the thumbnail is remade"},
    {"Exif.Thumbnail.JPEGInterchangeFormatLength", "updated on purpose: the thumbnail is remade"},
    {"Exif.Thumbnail.", "updated on purpose: a TIFF gets no EXIF thumbnail", "tif"},
    {"Exif.SubImage1.", "updated on purpose: embedded TIFF previews are removed"},
    {"Exif.Image.SubIFDs", "updated on purpose: embedded TIFF previews are removed"},
    {"Exif.Image.Software", "updated on purpose: Unblur and its version"},
    {"Xmp.xmp.CreatorTool", "updated on purpose: Unblur and its version"},
    {"Exif.Image.ExifTag", "file layout: an offset, recomputed by Exiv2"},
    {"Exif.Image.GPSTag", "file layout: an offset, recomputed by Exiv2"},
    {"Exif.Photo.InteroperabilityTag", "file layout: an offset, recomputed by Exiv2"},
    {"Exif.MakerNote.Offset", "file layout: an offset, recomputed by Exiv2"},
    {"Exif.Photo.MakerNote",
     "file layout: the maker note's raw bytes hold offsets; Exiv2 rewrites it and each of its "
     "entries (Exif.Canon.*, Exif.Pentax.* ...) is compared on its own"},
    {"Exif.Image.XMLPacket", "the XMP block itself, rewritten; its entries are compared"},
    {"Exif.Image.IPTCNAA", "the IPTC block itself, rewritten; its entries are compared"},
    {"Exif.Image.InterColorProfile", "the ICC profile, compared byte for byte on its own"},
    // TIFF tags that describe the stored pixels follow the pixels written.
    {"Exif.Image.Compression", "pixel layout of the new file", "tif jpg png webp"},
    {"Exif.Image.StripOffsets", "pixel layout of the new file", "tif jpg png webp"},
    {"Exif.Image.StripByteCounts", "pixel layout of the new file", "tif jpg png webp"},
    {"Exif.Image.RowsPerStrip", "pixel layout of the new file", "tif jpg png webp"},
    {"Exif.Image.Predictor", "pixel layout of the new file", "tif jpg png webp"},
    {"Exif.Image.PhotometricInterpretation",
     "pixel layout: Exiv2 leaves it out of JPEG-style EXIF, where it is not recorded",
     "jpg png webp"},
    {"Exif.Image.BitsPerSample", "pixel layout of the new file", "tif"},
    {"Exif.Image.SamplesPerPixel", "pixel layout of the new file", "tif"},
    // What Exiv2 0.27 cannot write in a format, named one by one.
    {"Xmp.dc.title", "an empty lang-alt item: Exiv2 0.27 writes no alternative without text",
     "jpg png tif webp", "33-type_error.jpg"},
    {"Exif.MakerNote.ByteOrder",
     "Exiv2 0.27 writes PNG and WebP EXIF little-endian and the maker note with it; every "
     "maker-note entry still compares equal",
     "png webp", "exiv2-bug884a.jpg"},
    {"Exif.Image.0x935c",
     "Photoshop's layer data (ImageSourceData, 95 KB): Exiv2 keeps an embedded EXIF block "
     "under JPEG's 64 KB and leaves the largest tags out, with a note",
     "jpg png webp", "tiff_adobe_deflate.tif"},
};

/** Keys an output may have that its source had not, and why. */
const Exception kAdditions[] = {
    {"Xmp.xmp.CreatorTool", "updated on purpose"},
    {"Xmp.xmpMM.History", "updated on purpose: the history (when it is the first entry)"},
    {"Xmp.xmpMM.History[", "updated on purpose: the history entry"},
    {"Exif.Image.Software", "updated on purpose"},
    {"Exif.Thumbnail.", "updated on purpose: the remade thumbnail"},
    {"Exif.Image.", "a TIFF's own structure (size, strips, compression)", "tif"},
    {"Xmp.", "WebP has no IPTC block: the IPTC is written as XMP", "webp"},
    {"Exif.Image.ExifTag", "file layout"},
};

bool formatListed(const char* formats, const QString& format)
{
    return QString::fromLatin1(formats).split(' ').contains(format);
}

/** Why `key` of `file` may differ in a `format` output; empty when it must be equal. */
template <size_t N>
QString exceptionFor(const Exception (&list)[N], const std::string& key, const QString& file,
                     const QString& format)
{
    for (const Exception& e : list) {
        const std::string pattern = e.key;
        const bool prefix = pattern.back() == '.' || pattern.back() == '[';
        const bool matches = prefix ? key.rfind(pattern, 0) == 0 : key == pattern;
        if (matches && formatListed(e.formats, format) &&
            (*e.file == '\0' || file.endsWith(QLatin1String(e.file)))) {
            return QString::fromLatin1(e.reason);
        }
    }
    return {};
}

/** The updates made on purpose carry the right values. */
void checkStamps(const KeyMap& before, const KeyMap& after, const FloatImage& image)
{
    const auto value = [&](const std::string& key) {
        const auto it = after.find(key);
        return it == after.end() ? std::string("<absent>") : it->second;
    };
    QCOMPARE(value("Xmp.xmp.CreatorTool"), std::string("Unblur 9.8.7"));
    if (before.count("Exif.Image.Software") != 0) {
        QCOMPARE(value("Exif.Image.Software"), std::string("Unblur 9.8.7"));
    }
    for (const char* key : {"Exif.Image.Orientation", "Xmp.tiff.Orientation"}) {
        if (before.count(key) != 0) {
            QCOMPARE(value(key), std::string("1"));
        }
    }
    for (const char* key : {"Exif.Photo.PixelXDimension", "Xmp.exif.PixelXDimension"}) {
        if (before.count(key) != 0) {
            QCOMPARE(value(key), std::to_string(image.width));
        }
    }
    for (const char* key : {"Exif.Photo.PixelYDimension", "Xmp.exif.PixelYDimension"}) {
        if (before.count(key) != 0) {
            QCOMPARE(value(key), std::to_string(image.height));
        }
    }
    int last = 0; // the history entry comes after the source's own
    while (after.count("Xmp.xmpMM.History[" + std::to_string(last + 1) + "]/stEvt:action")) {
        ++last;
    }
    QVERIFY(last >= 1);
    QCOMPARE(before.count("Xmp.xmpMM.History[" + std::to_string(last) + "]/stEvt:action"),
             size_t(0));
    const std::string item = "Xmp.xmpMM.History[" + std::to_string(last) + "]/stEvt:";
    QCOMPARE(value(item + "action"), std::string("edited"));
    QCOMPARE(value(item + "softwareAgent"), std::string("Unblur 9.8.7"));
    QCOMPARE(value(item + "parameters"), std::string("deblurred with the model test-model"));
    QVERIFY(value(item + "when").size() >= 19);
}

QStringList metadataFiles()
{
    QStringList files;
    QDirIterator it(kMetadata, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (!path.contains("/_")) {
            files << path;
        }
    }
    files.sort();
    return files;
}

} // namespace

class TestPhotoMetadata : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void webpIccOddLastChunk_data()
    {
        QTest::addColumn<QByteArray>("before");
        QTest::newRow("simple format") << QByteArray();
        QTest::newRow("VP8X too short to be a header") << QByteArray("VP8X\0\0\0\0", 8);
    }

    /** A WebP whose last chunk has an odd size and no pad byte (as some writers leave it),
     *  optionally after a broken VP8X: the profile goes in and the result is well-formed. */
    void webpIccOddLastChunk()
    {
        QFETCH(QByteArray, before);
        const auto le32 = [](quint32 v) {
            QByteArray bytes(4, '\0');
            for (int i = 0; i < 4; ++i) {
                bytes[i] = char(v >> (8 * i));
            }
            return bytes;
        };
        // VP8L, 1x1: signature 0x2f, then 14-bit width-1, 14-bit height-1, alpha bit, version.
        const QByteArray vp8l = "VP8L" + le32(5) + QByteArray::fromHex("2f00000000");
        const QByteArray body = "WEBP" + before + vp8l; // 5-byte payload, no pad byte
        const QByteArray webp = "RIFF" + le32(quint32(body.size())) + body;
        const std::string icc = "not really a profile, but 41 bytes long.";

        const QByteArray out = unblur::io::WebpIcc::embed(webp, icc);
        QCOMPARE(out.size() % 2, 0);
        QCOMPARE(out.mid(4, 4), le32(quint32(out.size() - 8)));
        QCOMPARE(out.mid(12, 8), "VP8X" + le32(10));
        QCOMPARE(out.at(20) & 0x20, 0x20); // the ICC flag
        QCOMPARE(unblur::io::WebpIcc::read(out.constData(), size_t(out.size())), icc);
        QVERIFY(out.endsWith(vp8l + QByteArray(1, '\0')));
    }

    void roundTrip_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("format");
        const QStringList files = metadataFiles();
        QCOMPARE(files.size(), 14);
        for (const QString& file : files) {
            const QString name = file.mid(kMetadata.size() + 1);
            const QString own = file.endsWith(".jpg") ? "jpg" : "tif";
            QTest::addRow("%s", qPrintable(name)) << file << own;
            for (const char* other : {"jpg", "png", "tif", "webp"}) {
                if (own != other) {
                    QTest::addRow("%s to %s", qPrintable(name), other) << file << other;
                }
            }
        }
    }

    /** Every source key comes back with its value, except the listed ones; ICC identical. */
    void roundTrip()
    {
        QFETCH(QString, source);
        QFETCH(QString, format);
        QTemporaryDir dir;
        const QString output = dir.filePath("out." + format);
        const Photo photo = readPhoto(source.toStdString());
        const WriteResult written =
            writePhoto(output.toStdString(), photo.image, photo, kProvenance);

        std::string sourceIcc;
        std::string outputIcc;
        const KeyMap before = keysOf(source, &sourceIcc);
        const KeyMap after = keysOf(output, &outputIcc);
        if (format == "webp") {
            outputIcc = webpIcc(bytesOf(output));
        }
        QVERIFY2(sourceIcc == outputIcc, qPrintable(QString("ICC %1 bytes, written %2 bytes")
                                                        .arg(sourceIcc.size())
                                                        .arg(outputIcc.size())));
        QStringList problems;
        for (const auto& [key, value] : before) {
            if (format == "webp" && key.rfind("Iptc.", 0) == 0) {
                continue; // checked below, in XMP
            }
            if (!exceptionFor(kExceptions, key, source, format).isEmpty()) {
                continue;
            }
            const auto it = after.find(key);
            if (it == after.end()) {
                problems << QString::fromStdString("dropped " + key + " = " + value.substr(0, 60));
            } else if (it->second != value) {
                problems << QString::fromStdString("changed " + key + ": " + value.substr(0, 60) +
                                                   " -> " + it->second.substr(0, 60));
            }
        }
        for (const auto& [key, value] : after) {
            if (before.count(key) == 0 && exceptionFor(kAdditions, key, source, format).isEmpty()) {
                problems << QString::fromStdString("added " + key + " = " + value.substr(0, 60));
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
        checkStamps(before, after, photo.image);
        if (source.endsWith("tiff_adobe_deflate.tif") && format != "tif") {
            QCOMPARE(written.notes.size(), size_t(1)); // the tag left out is named
            QVERIFY(QString::fromStdString(written.notes[0]).contains("0x935c"));
        }
    }

    /** Photoshop Elements repeats XMP properties, so Exiv2 refuses the packet: mended. */
    void repeatedXmpPropertiesAreMerged()
    {
        const QString source = kMetadata + "/exiv2/ReaganLargeJpg.jpg";
        const Photo photo = readPhoto(source.toStdString());
        QCOMPARE(photo.metadata.value("Xmp.photoshop.City"), std::string("Straits of Magellan"));
        QCOMPARE(photo.metadata.value("Xmp.xmpMM.InstanceID"),
                 std::string("uuid:D7CBDC1D8DF2E511BA6BFBE914561F6D"));
        QTemporaryDir dir;
        const QString output = dir.filePath("out.jpg");
        writePhoto(output.toStdString(), photo.image, photo, kProvenance);
        const KeyMap after = keysOf(output);
        QCOMPARE(after.at("Xmp.photoshop.ColorMode"), std::string("3"));
        QCOMPARE(after.at("Xmp.dc.subject").substr(0, 20), std::string("ronald reagan, reaga"));
        QCOMPARE(after.count("Xmp.tiff.NativeDigest"), size_t(1));
    }

    void stripGps()
    {
        const QString source = kMetadata + "/exiv2/FurnaceCreekInn.jpg";
        const Photo photo = readPhoto(source.toStdString());
        QVERIFY(photo.metadata.hasGps());
        QTemporaryDir dir;
        const QString output = dir.filePath("out.jpg");
        PhotoWriteOptions options;
        options.metadata = MetadataPolicy::StripGps;
        writePhoto(output.toStdString(), photo.image, photo, kProvenance, options);
        const KeyMap before = keysOf(source);
        const KeyMap after = keysOf(output);
        for (const auto& [key, value] : after) {
            QVERIFY2(key.find("GPS") == std::string::npos, key.c_str());
        }
        for (const auto& [key, value] : before) {
            if (key.find("GPS") == std::string::npos &&
                exceptionFor(kExceptions, key, source, "jpg").isEmpty()) {
                QVERIFY2(after.count(key) == 1 && after.at(key) == value, key.c_str());
            }
        }
        QVERIFY(!readPhoto(output.toStdString()).metadata.hasGps());
    }

    void stripAllKeepsTheColourProfile()
    {
        const QString source = kMetadata + "/exiv2/Reagan.jpg";
        const Photo photo = readPhoto(source.toStdString());
        QTemporaryDir dir;
        for (const char* format : {"jpg", "png", "tif", "webp"}) {
            const QString output = dir.filePath(QString("out.") + format);
            PhotoWriteOptions options;
            options.metadata = MetadataPolicy::StripAll;
            writePhoto(output.toStdString(), photo.image, photo, kProvenance, options);
            std::string icc;
            const KeyMap after = keysOf(output, &icc);
            if (QString(format) == "webp") {
                icc = webpIcc(bytesOf(output));
            }
            QCOMPARE(icc, photo.metadata.iccProfile());
            for (const auto& [key, value] : after) { // only what the pixels' format needs
                QVERIFY2(QString(format) == "tif" && key.rfind("Exif.Image.", 0) == 0,
                         qPrintable(QString(format) + " " + QString::fromStdString(key)));
            }
        }
    }

    /** The thumbnail is made from the written pixels: the new size, upright, a JPEG. */
    void thumbnailIsRemade()
    {
        const QString source = kMetadata + "/piexif/r_sony.jpg";
        Photo photo = readPhoto(source.toStdString());
        FloatImage wide = gradient(90, 40, 3);
        QTemporaryDir dir;
        const QString output = dir.filePath("out.jpg");
        writePhoto(output.toStdString(), wide, photo, kProvenance);
        const std::unique_ptr<Exiv2::Image> image(
            Exiv2::ImageFactory::open(QFile::encodeName(output).toStdString()).release());
        image->readMetadata();
        const Exiv2::DataBuf thumb = Exiv2::ExifThumbC(image->exifData()).copy();
        QVERIFY(thumb.size_ > 0);
        const QString thumbPath = dir.filePath("thumb.jpg");
        QVERIFY(writeBytes(
            thumbPath, QByteArray(reinterpret_cast<const char*>(thumb.pData_), int(thumb.size_))));
        const Photo decoded = readPhoto(thumbPath.toStdString());
        QCOMPARE(decoded.image.width, 90);
        QCOMPARE(decoded.image.height, 40);
        QVERIFY(meanDifference(decoded.image, wide) < 0.03);
        const KeyMap after = keysOf(output);
        QCOMPARE(after.at("Exif.Photo.PixelXDimension"), std::string("90"));
        QCOMPARE(after.at("Exif.Photo.PixelYDimension"), std::string("40"));
        QCOMPARE(after.at("Exif.Thumbnail.Orientation"), std::string("1"));
        QCOMPARE(after.at("Exif.Thumbnail.Make"), std::string("SONY"));

        const QString tiff = dir.filePath("out.tif"); // no EXIF thumbnail in a TIFF
        writePhoto(tiff.toStdString(), wide, photo, kProvenance);
        for (const auto& [key, value] : keysOf(tiff)) {
            QVERIFY2(key.rfind("Exif.Thumbnail.", 0) != 0, key.c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestPhotoMetadata)
#include "TestPhotoMetadata.moc"
