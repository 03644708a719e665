// unblur-cli end to end: runs the built executable on the tiny model.
#include "io/ImageFile.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace unblur::io;

namespace {

const QString kTiny = QStringLiteral(UNBLUR_TEST_DATA "/hidiff-tiny");
const QString kInput = kTiny + "/input.png";

struct Result
{
    int exitCode = -1;
    QString out;
    QString err;
};

Result runCli(const QStringList& arguments, const QString& modelDir = {})
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove("UNBLUR_MODEL_DIR");
    if (!modelDir.isEmpty()) {
        environment.insert("UNBLUR_MODEL_DIR", modelDir);
    }
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(UNBLUR_CLI), arguments);
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

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

QByteArray bytesOf(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
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
        for (const char* option : {"--output", "--model", "--seed", "--threads", "--device",
                                   "--quality", "--overwrite"}) {
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
    }

    void deblursTheFixture()
    {
        QTemporaryDir dir;
        const QString output = dir.filePath("sharp.png");
        const Result r = deblur(kInput, output);
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
        QCOMPARE(bytesOf(one), bytesOf(two));
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
};

QTEST_GUILESS_MAIN(TestCli)
#include "TestCli.moc"
