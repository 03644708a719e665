// unblur-cli end to end: runs the built executable on the tiny model.
#include "CliRunner.h"
#include "KodakCropSupport.h"
#include "io/ImageFile.h"
#include "io/PhotoReader.h"
#include "io/PhotoWriter.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <csignal>

using namespace unblur::io;

namespace {

const QString kTiny = QStringLiteral(UNBLUR_TEST_DATA "/hidiff-tiny");
const QString kInput = kTiny + "/input.png";

/** Runs `deblur INPUT -o OUTPUT` with the tiny model; `extra` is appended. One thread unless
 *  `extra` says otherwise: on a busy machine more threads only wait for each other. */
Result deblur(const QString& input, const QString& output, QStringList extra = {})
{
    if (!extra.contains("--threads")) {
        extra << "--threads"
              << "1";
    }
    return runCli(QStringList{"deblur", input, "-o", output, "--model", kTiny} + extra);
}

/** A smooth synthetic RGB photo: gradients and a gentle wave. */
FloatImage syntheticPhoto(int width, int height)
{
    FloatImage image;
    image.width = width;
    image.height = height;
    image.channels = 3;
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            image.pixels.push_back(0.2f + 0.6f * float(x) / float(width));
            image.pixels.push_back(0.5f + 0.3f * std::sin(float(x + y) / 23.0f));
            image.pixels.push_back(0.8f - 0.6f * float(y) / float(height));
        }
    }
    return image;
}

/** PSNR of `b` against `a` (same shape, samples in [0, 1]); 100 when they are equal. */
double psnr(const FloatImage& a, const FloatImage& b)
{
    if (a.pixels.size() != b.pixels.size() || a.pixels.empty()) {
        return 0;
    }
    double sum = 0;
    for (size_t i = 0; i < a.pixels.size(); ++i) {
        const double d = double(a.pixels[i]) - double(b.pixels[i]);
        sum += d * d;
    }
    const double mse = sum / double(a.pixels.size());
    return mse <= 0 ? 100.0 : 10.0 * std::log10(1.0 / mse);
}

bool writeBytes(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QByteArray bytesOf(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/** A camera JPEG with EXIF and 11 GPS entries, IPTC, XMP, and an Adobe RGB profile. */
void makeCameraJpeg(const QString& path)
{
    const QString metadata = QStringLiteral(UNBLUR_TEST_DATA "/metadata/exiv2/");
    Photo camera = readPhoto((metadata + "FurnaceCreekInn.jpg").toStdString());
    const Photo adobe = readPhoto((metadata + "Reagan.jpg").toStdString());
    camera.metadata.setIccProfile(adobe.metadata.iccProfile());
    writePhoto(path.toStdString(), camera.image, camera, Provenance{"0.0.1", "camera"});
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void version()
    {
        const Result r = runCli({"--version"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(QRegularExpression("^unblur-cli \\d+\\.\\d+\\.\\d+\\n$").match(r.out).hasMatch(),
                 qPrintable(r.out));
    }

    void help()
    {
        const Result r = runCli({"--help"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("deblur") && r.out.contains("bench"));

        const Result deblurHelp = runCli({"deblur", "--help"});
        QCOMPARE(deblurHelp.exitCode, 0);
        for (const char* option :
             {"--output", "--model", "--seed", "--threads", "--device", "--tile", "--overlap",
              "--precision", "--ensemble", "--quality", "--overwrite", "--format", "--bit-depth",
              "--strip-metadata", "--strip-gps", "--refine", "--protect-sharp",
              "--no-protect-sharp"}) {
            QVERIFY2(deblurHelp.out.contains(option), option);
        }
    }

    void usageErrors()
    {
        Result r = runCli({"sharpen"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("unknown command 'sharpen'") && r.err.contains("deblur"));
        QCOMPARE(runCli({}).exitCode, 2);
        r = runCli({"deblur", kInput});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("-o OUTPUT"), qPrintable(r.err));
        QCOMPARE(runCli({"deblur", kInput, "-o", "x.png", "--threads", "-3"}).exitCode, 2);
        QCOMPARE(runCli({"deblur", kInput, "-o", "x.png", "--device", "tpu"}).exitCode, 2);
        QCOMPARE(runCli({"deblur", kInput, "-o", "x.png", "--quality", "0"}).exitCode, 2);
        QCOMPARE(runCli({"deblur", kInput, "-o", "x.png", "--format", "gif"}).exitCode, 2);
        QCOMPARE(runCli({"deblur", kInput, "-o", "x.png", "--bit-depth", "12"}).exitCode, 2);
        r = runCli({"deblur", kInput, "-o", "x.png", "--protect-sharp", "--no-protect-sharp"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--no-protect-sharp"), qPrintable(r.err));
    }

    void badTileOptions_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("message");
        QTest::newRow("tile not a multiple of 8") << QStringList{"--tile", "100"} << "--tile";
        QTest::newRow("tile too small") << QStringList{"--tile", "64"} << "--tile";
        QTest::newRow("tile not a number") << QStringList{"--tile", "big"} << "--tile";
        QTest::newRow("negative overlap") << QStringList{"--overlap", "-1"} << "--overlap";
        QTest::newRow("overlap over half the tile")
            << QStringList{"--tile", "128", "--overlap", "65"} << "--overlap";
        QTest::newRow("unknown precision") << QStringList{"--precision", "fp8"} << "--precision";
        QTest::newRow("unknown device") << QStringList{"--device", "cuda:x"} << "--device";
        QTest::newRow("ensemble of 3") << QStringList{"--ensemble", "3"} << "--ensemble";
        QTest::newRow("unknown refinement") << QStringList{"--refine", "maybe"} << "--refine";
    }

    void badTileOptions()
    {
        QFETCH(QStringList, extra);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const Result r = deblur(kInput, dir.filePath("out.png"), extra);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(!QFile::exists(dir.filePath("out.png")));
    }

    void halfPrecisionOnTheCpuFails()
    {
        QTemporaryDir dir;
        const Result r =
            deblur(kInput, dir.filePath("out.png"), {"--precision", "fp16", "--device", "cpu"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("fp16") && r.err.contains("CUDA"), qPrintable(r.err));
        QVERIFY(!QFile::exists(dir.filePath("out.png")));
    }

    /**
     * --precision auto (the default) on a CPU without bf16 instructions (detection forced off)
     * runs float32 and says so in one line; bf16 runs there too, emulated, with a note.
     */
    void automaticPrecisionFallsBackWithANote()
    {
        qputenv("UNBLUR_CPU_BF16", "0");
        QTemporaryDir dir;
        const QString automatic = dir.filePath("auto.png"), full = dir.filePath("fp32.png");
        const Result a = deblur(kInput, automatic);
        QVERIFY2(a.exitCode == 0, qPrintable(a.err));
        QCOMPARE(a.err.count("precision: float32 (this CPU has no bf16 instructions)"), 1);
        const Result f = deblur(kInput, full, {"--precision", "fp32"});
        QVERIFY2(f.exitCode == 0, qPrintable(f.err));
        QVERIFY2(!f.err.contains("precision:"), qPrintable(f.err));
        QVERIFY(readImage(automatic.toStdString()).pixels == readImage(full.toStdString()).pixels);
        const Result b = deblur(kInput, dir.filePath("bf16.png"), {"--precision", "bf16"});
        QVERIFY2(b.exitCode == 0, qPrintable(b.err));
        QVERIFY2(b.err.contains("precision: bf16 (emulated"), qPrintable(b.err));
        qunsetenv("UNBLUR_CPU_BF16");
    }

    /** 61x45 fits in one tile: restored whole, the same bytes as the automatic tile. */
    void oneTileMatchesTheDefaultRun()
    {
        QTemporaryDir dir;
        const QString tiled = dir.filePath("tiled.png");
        const QString automatic = dir.filePath("auto.png");
        const Result r = deblur(kInput, tiled, {"--tile", "128", "--overlap", "16"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains("Tiles:  1 of 128 px"), qPrintable(r.err));
        const Result a = deblur(kInput, automatic);
        QVERIFY2(a.exitCode == 0, qPrintable(a.err));
        QVERIFY2(a.err.contains("(auto)"), qPrintable(a.err));
        // The same pixels (the files differ only in the time their XMP history records).
        QVERIFY(readImage(tiled.toStdString()).pixels == readImage(automatic.toStdString()).pixels);
        QVERIFY(!bytesOf(tiled).isEmpty());
    }

    /** Not a terminal: one plain progress line per finished tile. */
    void tilesReportProgress()
    {
        QTemporaryDir dir;
        const QString input = dir.filePath("photo.png");
        const QString output = dir.filePath("sharp.png");
        writeImage(input.toStdString(), syntheticPhoto(300, 200));
        const Result r = deblur(input, output, {"--tile", "128", "--threads", "2"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QRegularExpression tiles("Tiles:  (\\d+) of 128 px, overlap 32 px\\n");
        const QRegularExpressionMatch match = tiles.match(r.err);
        QVERIFY2(match.hasMatch(), qPrintable(r.err));
        const int count = match.captured(1).toInt();
        QVERIFY(count > 1);
        for (int i = 1; i <= count; ++i) {
            const QString line =
                QStringLiteral("tile %1/%2 (%3%)").arg(i).arg(count).arg(100 * i / count);
            QVERIFY2(r.err.contains(line), qPrintable(line + "\n" + r.err));
        }
        QVERIFY2(r.err.contains(QRegularExpression("tile 1/\\d+ \\(\\d+%\\), ETA \\d+ s\\n")),
                 qPrintable(r.err));
        QVERIFY(!r.err.contains('\r'));
        const FloatImage result = readImage(output.toStdString());
        QCOMPARE(result.width, 300);
        QCOMPARE(result.height, 200);
    }

    /** Ctrl-C stops the run between tiles: "Cancelled", no output, status 130. */
    void interruptCancels()
    {
        QTemporaryDir dir;
        const QString input = dir.filePath("photo.png");
        const QString output = dir.filePath("sharp.png");
        writeImage(input.toStdString(), syntheticPhoto(1200, 800));
        QProcess process;
        process.start(QStringLiteral(UNBLUR_CLI), {"deblur", input, "-o", output, "--model", kTiny,
                                                   "--tile", "128", "--threads", "1"});
        QVERIFY(process.waitForStarted());
        QByteArray err;
        while (!err.contains("tile 1/") && process.state() == QProcess::Running) {
            process.waitForReadyRead(1000);
            err += process.readAllStandardError();
        }
        QVERIFY2(err.contains("tile 1/"), err.constData());
        ::kill(pid_t(process.processId()), SIGINT);
        QVERIFY(process.waitForFinished(60000));
        err += process.readAllStandardError();
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 130);
        QVERIFY2(err.contains("Cancelled\n"), err.constData());
        QVERIFY(!err.contains("Output:"));
        QVERIFY(!QFile::exists(output));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1); // no temporary left
    }

    void deblursTheFixture()
    {
        QTemporaryDir dir;
        const QString output = dir.filePath("sharp.png");
        const Result r = deblur(kInput, output, {"--no-protect-sharp"}); // the network's output
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(bytesOf(output).startsWith("\x89PNG"));
        const FloatImage result = readImage(output.toStdString());
        QCOMPARE(result.width, 61);
        QCOMPARE(result.height, 45);
        QCOMPARE(result.channels, 3);
        QCOMPARE(result.bitDepth, 8);
        QVERIFY2(r.err.contains("61x45") && r.err.contains("Device:"), qPrintable(r.err));

        // The default seed is the reference's: its 8-bit output, give or take a rounding.
        const FloatImage golden = readImage((kTiny + "/output.png").toStdString());
        for (size_t i = 0; i < golden.pixels.size(); ++i) {
            QVERIFY(std::abs(golden.pixels[i] - result.pixels[i]) <= 1.5f / 255.0f);
        }
    }

    /**
     * --refine off (with --no-protect-sharp) gives the network alone, byte for byte; auto (the
     * default) says what it did.
     */
    void refinementIsReportedAndOffIsTheNetwork()
    {
        QTemporaryDir dir;
        const Result automatic =
            deblur(kInput, dir.filePath("auto.png"), {"--strip-metadata", "--no-protect-sharp"});
        QVERIFY2(automatic.exitCode == 0, qPrintable(automatic.err));
        QVERIFY2(automatic.err.contains("Shake refinement: "), qPrintable(automatic.err));
        const Result off = deblur(kInput, dir.filePath("off.png"),
                                  {"--strip-metadata", "--refine", "off", "--no-protect-sharp"});
        QVERIFY2(off.exitCode == 0, qPrintable(off.err));
        QVERIFY(!off.err.contains("Shake refinement"));
        if (!automatic.err.contains("Shake refinement: applied")) {
            QCOMPARE(bytesOf(dir.filePath("auto.png")), bytesOf(dir.filePath("off.png")));
        }
    }

    /**
     * Sharp areas are protected by default: the photo's blur and the "Protect sharp:" line are
     * printed and a sharp photo comes back as it was; --protect-sharp is the same run;
     * --no-protect-sharp takes the restored photo as it is.
     */
    void deblurProtectsSharpAreasByDefault()
    {
        QTemporaryDir dir;
        const QString sharp = dir.filePath("sharp.png");
        writeImage(sharp.toStdString(), kodakcrop::kodakCrop(false));
        Result r = deblur(sharp, dir.filePath("default.png"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(
            QRegularExpression("\nBlur: +\\d\\.\\d\\d \\((blurry|sharp), (shake|defocus|none)\\)\n")
                .match(r.err)
                .hasMatch(),
            qPrintable(r.err));
        QVERIFY2(QRegularExpression("\nProtect sharp: blur \\d\\.\\d\\d .*; restored where "
                                    "blurred \\(0 % of the photo, ")
                     .match(r.err)
                     .hasMatch(),
                 qPrintable(r.err));
        r = deblur(sharp, dir.filePath("explicit.png"), {"--protect-sharp"});
        QVERIFY2(r.exitCode == 0 && r.err.contains("\nProtect sharp: "), qPrintable(r.err));
        r = deblur(sharp, dir.filePath("bare.png"), {"--no-protect-sharp"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(!r.err.contains("Protect sharp"), qPrintable(r.err));

        const FloatImage input = readImage(sharp.toStdString());
        const FloatImage kept = readImage(dir.filePath("default.png").toStdString());
        QVERIFY(kept.pixels == readImage(dir.filePath("explicit.png").toStdString()).pixels);
        const double keptPsnr = psnr(input, kept);
        const double barePsnr = psnr(input, readImage(dir.filePath("bare.png").toStdString()));
        QVERIFY2(keptPsnr >= 40 && keptPsnr > barePsnr + 3,
                 qPrintable(QStringLiteral("protected %1 dB, bare %2 dB from the input")
                                .arg(keptPsnr)
                                .arg(barePsnr)));
    }

    /**
     * score: the sharp photo sharp, the blurred one blurry, a flat one not measured; JSON lines
     * and the CSV; a bad file named with the reason while the others are still scored.
     */
    void scoreTellsBlurredFromSharp()
    {
        QTemporaryDir dir;
        const QString sharp = dir.filePath("sharp.png");
        const QString blurred = dir.filePath("blurred.png");
        writeImage(sharp.toStdString(), kodakcrop::kodakCrop(false));
        writeImage(blurred.toStdString(), kodakcrop::kodakCrop(true));
        Result r = runCli({"score", sharp, blurred});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList lines = r.out.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2); // by name: blurred first
        QVERIFY2(QRegularExpression("^blur (0\\.[5-9]\\d|1\\.00)  blurry  (shake|defocus) +" +
                                    QRegularExpression::escape(blurred) + "$")
                     .match(lines.at(0))
                     .hasMatch(),
                 qPrintable(r.out));
        QVERIFY2(QRegularExpression("^blur 0\\.[0-4]\\d  sharp   none +" +
                                    QRegularExpression::escape(sharp) + "$")
                     .match(lines.at(1))
                     .hasMatch(),
                 qPrintable(r.out));
        QVERIFY2(r.err.contains("1 blurry, 1 sharp"), qPrintable(r.err));

        // A folder with a broken file and a flat one, as JSON lines and CSV.
        const QString broken = dir.filePath("broken.jpg");
        QVERIFY(writeBytes(broken, "\xFF\xD8\xFF\xE0 truncated"));
        FloatImage flat = syntheticPhoto(64, 64);
        std::fill(flat.pixels.begin(), flat.pixels.end(), 0.5f);
        const QString grey = dir.filePath("flat.png");
        writeImage(grey.toStdString(), flat);
        const QString csv = dir.filePath("scores.csv");
        r = runCli({"score", dir.path(), "--json", "--csv", csv});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(broken + ": "), qPrintable(r.err));
        QMap<QString, QJsonObject> rows;
        for (const QString& line : r.out.split('\n', Qt::SkipEmptyParts)) {
            QJsonParseError error;
            const QJsonDocument document = QJsonDocument::fromJson(line.toUtf8(), &error);
            QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(line));
            rows.insert(document.object().value("input").toString(), document.object());
        }
        QCOMPARE(rows.size(), 4);
        QVERIFY(rows[blurred].value("blur").toDouble() >= 0.5);
        QCOMPARE(rows[blurred].value("blurry").toBool(), true);
        QVERIFY(rows[sharp].value("blur").toDouble() < 0.5 && rows[sharp].value("blur").isDouble());
        QCOMPARE(rows[sharp].value("blurry").toBool(), false);
        QCOMPARE(rows[sharp].value("kind").toString(), QString("none"));
        QVERIFY(rows[broken].value("error").toString().size() > 5);
        QVERIFY(rows[broken].value("blur").isNull());
        QCOMPARE(rows[grey].value("blurry").toBool(), false);
        QVERIFY2(rows[grey].value("note").toString().contains("measure"),
                 qPrintable(rows[grey].value("note").toString()));
        const QStringList table = QString::fromUtf8(bytesOf(csv)).split("\r\n", Qt::SkipEmptyParts);
        QCOMPARE(table.size(), 5);
        QCOMPARE(table.at(0), QString("input,blur,blurry,kind,note"));
        QVERIFY2(QRegularExpression("^" + QRegularExpression::escape(blurred) +
                                    ",(0\\.[5-9]\\d\\d|1\\.000),true,(shake|defocus),$")
                     .match(table.at(1))
                     .hasMatch(),
                 qPrintable(table.at(1)));
        QVERIFY2(table.at(2).startsWith(broken + ",,,,error: "), qPrintable(table.at(2)));

        // The threshold decides the flag; a bad one is a usage error.
        r = runCli({"score", sharp, "--threshold", "0"});
        QVERIFY2(r.exitCode == 0 && r.out.contains("  blurry  "), qPrintable(r.out + r.err));
        r = runCli({"score", sharp, "--threshold", "1.5"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--threshold"), qPrintable(r.err));
        QCOMPARE(runCli({"score"}).exitCode, 2);
    }

    void modelFromEnvironment()
    {
        QTemporaryDir dir;
        const QString output = dir.filePath("sharp.jpg");
        const Result r = runCli({"deblur", kInput, "-o", output, "-q", "80", "-t", "1"}, kTiny);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(bytesOf(output).startsWith("\xFF\xD8\xFF"));
    }

    void failuresNameTheFile()
    {
        QTemporaryDir dir;
        const QString missing = dir.filePath("missing.png");
        Result r = deblur(missing, dir.filePath("out.png"));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(missing), qPrintable(r.err));

        const QString badModel = dir.filePath("no-model");
        r = runCli({"deblur", kInput, "-o", dir.filePath("out.png"), "--model", badModel});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(badModel), qPrintable(r.err));

        const QString badExtension = dir.filePath("out.gif");
        r = deblur(kInput, badExtension);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(badExtension), qPrintable(r.err));
        QVERIFY(!QFile::exists(dir.filePath("out.png")));
    }

    /** An output that cannot be written fails before the model runs, naming the path. */
    void unwritableOutputFailsBeforeRestoring()
    {
        // /proc refuses new files, root included (permission bits would not stop root).
        const QString output = QStringLiteral("/proc/unblur-out.png");
        QElapsedTimer timer;
        timer.start();
        Result r = deblur(kInput, output);
        QVERIFY(timer.elapsed() < 5000);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("deblur: error: cannot write " + output +
                                ": the folder /proc is not writable ("),
                 qPrintable(r.err));
        QVERIFY2(!r.err.contains("Deblurred in") && !r.err.contains("Model:"), qPrintable(r.err));

        QTemporaryDir dir;
        const QString file = dir.filePath("plain.txt");
        QFile plain(file);
        QVERIFY(plain.open(QIODevice::WriteOnly));
        plain.close();
        r = deblur(kInput, file + "/out.png");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(file + "/out.png"), qPrintable(r.err));
        QVERIFY2(!r.err.contains("Deblurred in"), qPrintable(r.err));
    }

    void cudaRequestedWithoutCuda()
    {
        QTemporaryDir dir;
        const Result r = deblur(kInput, dir.filePath("out.png"), {"--device", "cuda"});
        if (r.exitCode == 0) {
            QSKIP("CUDA is available here");
        }
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("CUDA"), qPrintable(r.err));
    }

    void refusesToOverwriteTheInput()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("photo.png");
        QVERIFY(QFile::copy(kInput, path));
        const QByteArray before = bytesOf(path);
        Result r = deblur(path, dir.path() + "/./photo.png");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("--overwrite"), qPrintable(r.err));
        QCOMPARE(bytesOf(path), before);

        r = deblur(path, path, {"--overwrite"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(bytesOf(path) != before);
    }

    void threadCountDoesNotChangeTheResult()
    {
        QTemporaryDir dir;
        const QString one = dir.filePath("one.png");
        const QString two = dir.filePath("two.png");
        QCOMPARE(deblur(kInput, one, {"--threads", "1", "--device", "cpu"}).exitCode, 0);
        QCOMPARE(deblur(kInput, two, {"--threads", "2", "--device", "cpu"}).exitCode, 0);
        QVERIFY(readImage(one.toStdString()).pixels == readImage(two.toStdString()).pixels);
        QVERIFY(!bytesOf(one).isEmpty());
    }

    void keepsDepthGreyAndAlpha_data()
    {
        QTest::addColumn<int>("channels");
        QTest::addColumn<int>("bitDepth");
        QTest::newRow("16-bit RGB") << 3 << 16;
        QTest::newRow("8-bit grey") << 1 << 8;
        QTest::newRow("16-bit RGBA") << 4 << 16;
    }

    void keepsDepthGreyAndAlpha()
    {
        QFETCH(int, channels);
        QFETCH(int, bitDepth);
        const FloatImage rgb = readImage(kInput.toStdString());
        FloatImage source = rgb;
        source.channels = channels;
        source.bitDepth = bitDepth;
        source.pixels.clear();
        const size_t count = size_t(rgb.width) * size_t(rgb.height);
        for (size_t i = 0; i < count; ++i) {
            const float* p = &rgb.pixels[i * 3];
            if (channels == 1) {
                source.pixels.push_back((p[0] + p[1] + p[2]) / 3.0f);
                continue;
            }
            source.pixels.insert(source.pixels.end(), p, p + 3);
            if (channels == 4) {
                source.pixels.push_back(float(i % 65536) / 65535.0f);
            }
        }
        QTemporaryDir dir;
        const QString input = dir.filePath("input.png");
        const QString output = dir.filePath("output.png");
        writeImage(input.toStdString(), source);
        const Result r = deblur(input, output);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const FloatImage result = readImage(output.toStdString());
        QCOMPARE(result.channels, channels);
        QCOMPARE(result.bitDepth, bitDepth);
        if (channels == 4) {
            const FloatImage written = readImage(input.toStdString());
            for (size_t i = 0; i < count; ++i) {
                QCOMPARE(result.pixels[i * 4 + 3], written.pixels[i * 4 + 3]);
            }
        }
    }

    /** A JPEG's EXIF (GPS included), IPTC, XMP and ICC profile reach the output. */
    void keepsMetadata()
    {
        QTemporaryDir dir;
        const QString input = dir.filePath("camera photo.jpg");
        makeCameraJpeg(input);
        const Photo before = readPhoto(input.toStdString());
        QVERIFY(before.metadata.hasGps() && !before.metadata.iccProfile().empty());

        const QString output = dir.filePath("sharp.jpg");
        Result r = deblur(input, output);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const Photo after = readPhoto(output.toStdString());
        QCOMPARE(after.metadata.iccProfile(), before.metadata.iccProfile());
        QVERIFY(after.metadata.hasGps());
        const QStringList updated = {"Exif.Image.Software",
                                     "Xmp.xmp.CreatorTool",
                                     "Exif.Thumbnail.JPEGInterchangeFormat",
                                     "Exif.Thumbnail.JPEGInterchangeFormatLength",
                                     "Exif.Image.ExifTag",
                                     "Exif.Image.GPSTag"};
        for (const std::string& key : before.metadata.keys()) {
            if (!updated.contains(QString::fromStdString(key))) {
                QVERIFY2(after.metadata.value(key) == before.metadata.value(key), key.c_str());
            }
        }
        QCOMPARE(after.metadata.value("Exif.Image.Software"),
                 after.metadata.value("Xmp.xmp.CreatorTool"));
        QVERIFY(after.metadata.value("Exif.Image.Software").rfind("Unblur ", 0) == 0);
        QCOMPARE(after.metadata.value("Xmp.xmpMM.History[2]/stEvt:parameters"),
                 std::string("deblurred with the model hidiff-tiny"));
        QVERIFY2(r.err.contains("(400x300, RGB, 8-bit JPEG)"), qPrintable(r.err));

        const QString noGps = dir.filePath("no-gps.jpg");
        r = deblur(input, noGps, {"--strip-gps"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const Photo withoutGps = readPhoto(noGps.toStdString());
        QVERIFY(!withoutGps.metadata.hasGps());
        QCOMPARE(withoutGps.metadata.value("Exif.Image.Model"),
                 std::string("Canon PowerShot S5 IS"));

        const QString bare = dir.filePath("bare");
        r = deblur(input, bare, {"--strip-metadata", "--format", "png", "--bit-depth", "16"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const Photo stripped = readPhoto((bare + ".png").toStdString());
        QCOMPARE(stripped.format, ImageFormat::Png);
        QCOMPARE(stripped.image.bitDepth, 16);
        QVERIFY(stripped.metadata.keys().empty());
        QCOMPARE(stripped.metadata.iccProfile(), before.metadata.iccProfile());
    }

    /** Without an extension the output takes the input's format; bad combinations fail early. */
    void outputFormatChoices()
    {
        QTemporaryDir dir;
        const QString input = dir.filePath("photo.jpg");
        makeCameraJpeg(input);
        QVERIFY(QDir(dir.path()).mkdir("out"));
        Result r = deblur(input, dir.filePath("out"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(bytesOf(dir.filePath("out/photo.jpg")).startsWith("\xFF\xD8\xFF"));
        r = deblur(input, dir.filePath("wide.jpg"), {"--bit-depth", "16"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("wide.jpg") && r.err.contains("8 bits"), qPrintable(r.err));
        QVERIFY2(!r.err.contains("Model:"), qPrintable(r.err)); // before loading the model
        r = deblur(input, dir.filePath("clash.png"), {"--format", "tif"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("clash.png"), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "TestCli.moc"
