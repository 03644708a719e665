// unblur-cli batch end to end: a tree of real photos through the built executable.
#include "BatchTestSupport.h"
#include "CliRunner.h"
#include "KodakCropSupport.h"
#include "ScopedUnprivileged.h"
#include "io/PhotoReader.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <csignal>

using namespace unblur::io;
using namespace batchtest;

namespace {

const QString kData = QStringLiteral(UNBLUR_TEST_DATA);

/** `batch` with the tiny model on one thread; `extra` is appended. */
Result batch(const QStringList& inputs, const QString& output, const QStringList& extra = {},
             const std::function<void()>& inChild = {})
{
    return runCli(QStringList{"batch"} + inputs +
                      QStringList{"-o", output, "--model", kTiny, "--threads", "1"} + extra,
                  {}, inChild);
}

/** The --json lines of a run, by state. */
QMap<QString, QStringList> inputsByState(const QString& out)
{
    QMap<QString, QStringList> states;
    for (const QString& line : out.split('\n', Qt::SkipEmptyParts)) {
        const QJsonObject object = QJsonDocument::fromJson(line.toUtf8()).object();
        states[object.value("state").toString()].append(object.value("input").toString());
    }
    return states;
}

/** Whether every file below `folder` decodes as a photo. */
bool allDecode(const QString& folder, QString* bad)
{
    for (const QString& name : filesBelow(folder)) {
        try {
            readImage((folder + '/' + name).toStdString());
        } catch (const ImageError& e) {
            *bad = QString::fromStdString(e.what());
            return false;
        }
    }
    return true;
}

bool setMode(const QString& path, QFileDevice::Permissions permissions)
{
    return QFile::setPermissions(path, permissions);
}

constexpr QFileDevice::Permissions kOpen = QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                           QFileDevice::ExeOwner | QFileDevice::ReadOther |
                                           QFileDevice::WriteOther | QFileDevice::ExeOther;
constexpr QFileDevice::Permissions kReadOnly =
    QFileDevice::ReadOwner | QFileDevice::ExeOwner | QFileDevice::ReadOther | QFileDevice::ExeOther;

} // namespace

class TestBatchCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void helpAndUsageErrors()
    {
        const Result help = runCli({"batch", "--help"});
        QCOMPARE(help.exitCode, 0);
        for (const char* option :
             {"--output", "--recursive", "--include", "--template", "--skip-existing", "--suffix",
              "--overwrite", "--shard", "--json", "--report", "--bench", "--format", "--quality",
              "--tile", "--model", "--only-blurry", "--protect-sharp", "--no-protect-sharp"}) {
            QVERIFY2(help.out.contains(option), option);
        }
        QVERIFY(runCli({"--help"}).out.contains("batch"));
        QTemporaryDir dir;
        Result r = runCli({"batch", dir.path()});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("-o OUTDIR"), qPrintable(r.err));
        r = batch({dir.path()}, dir.filePath("out"), {"--shard", "4/3"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--shard"), qPrintable(r.err));
        r = batch({dir.path()}, dir.filePath("out"), {"--suffix", "--overwrite"});
        QCOMPARE(r.exitCode, 2);
        r = batch({dir.path()}, dir.filePath("out"), {"--template", "sharp.{ext}"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("{name}"), qPrintable(r.err));
        r = batch({dir.path()}, dir.filePath("out"), {"--protect-sharp", "--no-protect-sharp"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--no-protect-sharp"), qPrintable(r.err));
    }

    /**
     * Sharp areas are protected by default, as in deblur: a sharp photo comes back as it was,
     * the same pixels as deblur's; --no-protect-sharp restores it whole, again as deblur does.
     */
    void protectsSharpAreasByDefaultAsDeblurDoes()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath("in");
        QVERIFY(QDir().mkpath(in));
        const QString photo = in + "/sharp.png";
        writeImage(photo.toStdString(), kodakcrop::kodakCrop(false));
        const auto deblur = [&](const QString& output, const QStringList& extra) {
            return runCli(
                QStringList{"deblur", photo, "-o", output, "--model", kTiny, "--threads", "1"} +
                extra);
        };
        const auto pixels = [](const QString& path) {
            return readImage(path.toStdString()).pixels;
        };

        Result r = batch({in}, dir.filePath("default"), {});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(", sharp areas protected"), qPrintable(r.err));
        r = deblur(dir.filePath("deblur-default.png"), {});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const std::vector<float> kept = pixels(dir.filePath("default/sharp_unblur.png"));
        QVERIFY(kept == pixels(dir.filePath("deblur-default.png")));
        r = batch({in}, dir.filePath("explicit"), {"--protect-sharp"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(kept == pixels(dir.filePath("explicit/sharp_unblur.png")));

        r = batch({in}, dir.filePath("bare"), {"--no-protect-sharp"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(!r.err.contains("protected"), qPrintable(r.err));
        r = deblur(dir.filePath("deblur-bare.png"), {"--no-protect-sharp"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const std::vector<float> bare = pixels(dir.filePath("bare/sharp_unblur.png"));
        QVERIFY(bare == pixels(dir.filePath("deblur-bare.png")));

        // Protected, the sharp photo is the input give or take a rounding; bare, it is not.
        const std::vector<float> input = pixels(photo);
        QCOMPARE(kept.size(), input.size());
        float keptMax = 0;
        float bareMax = 0;
        for (size_t i = 0; i < input.size(); ++i) {
            keptMax = std::max(keptMax, std::abs(kept[i] - input[i]));
            bareMax = std::max(bareMax, std::abs(bare[i] - input[i]));
        }
        QVERIFY2(keptMax <= 1.5f / 255 && bareMax > 10.0f / 255,
                 qPrintable(QStringLiteral("largest change: protected %1, bare %2")
                                .arg(keptMax * 255)
                                .arg(bareMax * 255)));
    }

    /** The precision Auto chose is told once a batch, as deblur tells it. */
    void precisionIsNotedOnce()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath("in");
        QVERIFY(QDir().mkpath(in));
        for (const char* name : {"/a.png", "/b.png"}) {
            writeImage((in + name).toStdString(), kodakcrop::kodakCrop(true));
        }
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove("UNBLUR_MODEL_DIR");
        environment.insert("UNBLUR_CPU_BF16", "0");
        const auto run = [&](const QString& output, const QStringList& extra) {
            return runCliIn(environment, QStringList{"batch", in, "-o", output, "--model", kTiny,
                                                     "--threads", "1", "--refine", "off"} +
                                             extra);
        };
        Result r = run(dir.filePath("auto"), {});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains("Done: 2"), qPrintable(r.err));
        QCOMPARE(r.err.count("Note:   precision: float32 (this CPU has no bf16 instructions)"), 1);
        QCOMPARE(r.err.count("precision:"), 1);
        // Nothing to say when the precision is the one asked for and runs natively.
        r = run(dir.filePath("fp32"), {"--precision", "fp32"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(!r.err.contains("precision:"), qPrintable(r.err));
    }

    /** 24 photos in nested folders, five of which cannot be done; a re-run skips the rest. */
    void wholeTree()
    {
        QTemporaryDir dir;
        QVERIFY(setMode(dir.path(), kOpen));
        const QString in = dir.filePath("in");
        QStringList good;
        for (int i = 1; i <= 8; ++i) {
            good << QStringLiteral("trip/day%1/j%2.jpg").arg(i <= 4 ? 1 : 2).arg(i);
        }
        for (int i = 1; i <= 6; ++i) {
            good << QStringLiteral("trip/png/p%1.png").arg(i);
        }
        for (const QString& relative : good) {
            writePhotoFile(in, relative, 48, 40, good.indexOf(relative));
        }
        for (int i = 1; i <= 3; ++i) {
            writePhotoFile(in, QStringLiteral("scans/t%1.tif").arg(i), 48, 40, i, 16);
            good << QStringLiteral("scans/t%1.tif").arg(i);
        }
        QVERIFY(QDir().mkpath(in + "/raw") && QDir().mkpath(in + "/camera"));
        QVERIFY(QFile::copy(kData + "/raw/colorchart.dng", in + "/raw/colorchart.dng"));
        QVERIFY(QFile::copy(kData + "/metadata/exiv2/FurnaceCreekInn.jpg",
                            in + "/camera/FurnaceCreekInn.jpg"));
        good << "raw/colorchart.dng"
             << "camera/FurnaceCreekInn.jpg";
        const QByteArray jpeg = [&] {
            QFile file(in + "/trip/day1/j1.jpg");
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        }();
        QVERIFY(writeBytes(in + "/trip/day1/broken.jpg", jpeg.left(jpeg.size() / 3)));
        QVERIFY(writeBytes(in + "/trip/png/garbage.png", QByteArray(300, '\x5a')));
        QVERIFY(writeBytes(in + "/scans/empty.tif", QByteArray()));
        writePhotoFile(in, "locked/l1.png");
        writePhotoFile(in, "locked/l2.jpg");
        const QStringList corrupt = {"trip/day1/broken.jpg", "trip/png/garbage.png",
                                     "scans/empty.tif"};
        const QStringList locked = {"locked/l1.png", "locked/l2.jpg"};
        QCOMPARE(good.size() + corrupt.size() + locked.size(), 24);

        const QString out = dir.filePath("out");
        QVERIFY(QDir().mkpath(out + "/locked") && setMode(out, kOpen));
        QVERIFY(setMode(out + "/locked", kReadOnly)); // read-only for everyone but root
        const QString report = dir.filePath("report.csv");
        const QStringList options = {"--recursive", "--json", "--report", report};

        // As nobody: root would write into the read-only folder.
        Result r = batch({in}, out, options, phototest::becomeNobody);
        QCOMPARE(r.exitCode, 1);
        QMap<QString, QStringList> states = inputsByState(r.out);
        QCOMPARE(states.value("done").size(), 19);
        QCOMPARE(states.value("failed").size(), 5);
        QVERIFY2(r.err.contains("Done: 19, skipped: 0, failed: 5"), qPrintable(r.err));
        const QString failures = r.err.mid(r.err.indexOf("Failures:"));
        for (const QString& relative : corrupt + locked) {
            const QRegularExpression named(QRegularExpression::escape(in + '/' + relative) +
                                           ": \\S.*\\n");
            QVERIFY2(named.match(failures).hasMatch(), qPrintable(relative + "\n" + r.err));
        }
        QVERIFY2(failures.contains(out + "/locked/l1_unblur.png"), qPrintable(failures));

        // The tree mirrored, every output a whole photo, depth and metadata kept.
        for (const QString& relative : good) {
            const QFileInfo info(relative);
            QString ext = info.suffix() == "dng" ? "tif" : info.suffix();
            const QString output =
                out + '/' + info.path() + '/' + info.completeBaseName() + "_unblur." + ext;
            QVERIFY2(QFile::exists(output), qPrintable(output));
        }
        QString bad;
        QVERIFY2(allDecode(out, &bad), qPrintable(bad));
        QCOMPARE(filesBelow(out).size(), 19);
        QCOMPARE(readImage((out + "/scans/t2_unblur.tif").toStdString()).bitDepth, 16);
        const Photo raw = readPhoto((out + "/raw/colorchart_unblur.tif").toStdString());
        QCOMPARE(raw.image.bitDepth, 16);
        QCOMPARE(raw.image.width, 1734);
        const Photo camera = readPhoto((out + "/camera/FurnaceCreekInn_unblur.jpg").toStdString());
        QCOMPARE(camera.metadata.value("Exif.Image.Model"), std::string("Canon PowerShot S5 IS"));
        QVERIFY(camera.metadata.hasGps());
        QCOMPARE(readImage((out + "/trip/day2/j6_unblur.jpg").toStdString()).width, 48);

        QFile csv(report);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(csv.readAll());
        QCOMPARE(text.count("\r\n"), 25);
        QCOMPARE(text.count(",done,"), 19);
        QCOMPARE(text.count(",failed,"), 5);

        // Again: what is done is skipped, the failures fail again.
        r = batch({in}, out, options, phototest::becomeNobody);
        QCOMPARE(r.exitCode, 1);
        states = inputsByState(r.out);
        QCOMPARE(states.value("skipped").size(), 19);
        QCOMPARE(states.value("failed").size(), 5);
        QVERIFY(!states.contains("done"));
        setMode(out + "/locked", kOpen);
    }

    /** An output folder that cannot be written fails at once: no model, no photo, no batch. */
    void unwritableOutputFailsBeforeTheBatch()
    {
        QTemporaryDir dir;
        QVERIFY(setMode(dir.path(), kOpen));
        const QString input = kTiny + "/input.png";
        const QString locked = dir.filePath("locked");
        QVERIFY(QDir().mkpath(locked) && setMode(locked, kReadOnly));
        QElapsedTimer timer;
        timer.start();
        // As nobody: root would write into the read-only folder.
        Result r = batch({input}, locked, {}, phototest::becomeNobody);
        QVERIFY(timer.elapsed() < 5000);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("batch: error: cannot write into " + locked + ": the folder " +
                                locked + " is not writable (Permission denied)"),
                 qPrintable(r.err));
        QVERIFY2(!r.err.contains("Batch:") && !r.err.contains("Model:"), qPrintable(r.err));

        const QString file = dir.filePath("plain.txt");
        QFile plain(file);
        QVERIFY(plain.open(QIODevice::WriteOnly));
        plain.close();
        r = batch({input}, file + "/out", {});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("the folder " + file + "/out cannot be created: " + file +
                                " is not a folder"),
                 qPrintable(r.err));
        QVERIFY2(!r.err.contains("Batch:"), qPrintable(r.err));
        setMode(locked, kOpen);
    }

    /**
     * --only-blurry on a folder of one sharp and one blurred photo: only the blurred one is
     * restored, the sharp one skipped with its score and no output; the report's blur column;
     * a re-run resumes; a threshold after the option; pipelined and sequential alike.
     */
    void onlyBlurrySkipsTheSharpPhoto()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath("in");
        QVERIFY(QDir().mkpath(in));
        writeImage((in + "/blurred.png").toStdString(), kodakcrop::kodakCrop(true));
        writeImage((in + "/sharp.png").toStdString(), kodakcrop::kodakCrop(false));
        for (const bool sequential : {false, true}) {
            const QString out = dir.filePath(sequential ? "sequential" : "piped");
            const QString report = out + ".csv";
            QStringList options = {"--only-blurry", "--json", "--report", report,
                                   "--protect-sharp"};
            if (sequential) {
                options << "--sequential";
            }
            Result r = batch({in}, out, options);
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            QMap<QString, QStringList> states = inputsByState(r.out);
            QCOMPARE(states.value("done"), QStringList{in + "/blurred.png"});
            QCOMPARE(states.value("skipped"), QStringList{in + "/sharp.png"});
            QVERIFY2(r.err.contains("Done: 1, skipped: 1 (1 sharp), failed: 0"), qPrintable(r.err));
            QVERIFY2(QRegularExpression("only blurry ones restored \\(blur from 0\\.\\d\\d\\)")
                         .match(r.err)
                         .hasMatch(),
                     qPrintable(r.err));
            QCOMPARE(filesBelow(out), QStringList{"blurred_unblur.png"});
            for (const QString& line : r.out.split('\n', Qt::SkipEmptyParts)) {
                const QJsonObject object = QJsonDocument::fromJson(line.toUtf8()).object();
                QVERIFY2(object.value("blur").isDouble(), qPrintable(line));
                if (object.value("state").toString() == "skipped") {
                    QVERIFY2(QRegularExpression("^sharp \\(blur 0\\.[0-4]\\d\\)$")
                                 .match(object.value("reason").toString())
                                 .hasMatch(),
                             qPrintable(line));
                }
            }
            QFile csv(report);
            QVERIFY(csv.open(QIODevice::ReadOnly));
            const QStringList rows =
                QString::fromUtf8(csv.readAll()).split("\r\n", Qt::SkipEmptyParts);
            QCOMPARE(rows.size(), 3);
            QVERIFY2(rows.at(0).endsWith(",refinement,blur"), qPrintable(rows.at(0)));
            QVERIFY2(QRegularExpression(",done,,[0-9.]+,[^,]*,(0\\.[5-9]\\d\\d|1\\.000)$")
                         .match(rows.at(1))
                         .hasMatch(),
                     qPrintable(rows.at(1)));
            QVERIFY2(
                QRegularExpression(",skipped,sharp \\(blur 0\\.\\d\\d\\),[0-9.]+,,0\\.[0-4]\\d\\d$")
                    .match(rows.at(2))
                    .hasMatch(),
                qPrintable(rows.at(2)));

            // Again: the blurred photo's output exists, the sharp one is skipped again.
            r = batch({in}, out, options);
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            QVERIFY2(r.err.contains("Done: 0, skipped: 2 (1 sharp)"), qPrintable(r.err));
        }

        // A threshold after the option: from 0 every photo is blurry, the sharp one restored too.
        const QString out = dir.filePath("low");
        Result r = batch({in}, out, {"--only-blurry", "0", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(inputsByState(r.out).value("done").size(), 2);
        r = batch({in}, out, {"--only-blurry", "1.5"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--only-blurry"), qPrintable(r.err));
    }

    void killedBatchResumes()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath("in");
        for (int i = 0; i < 20; ++i) {
            writePhotoFile(in, QStringLiteral("f%1/k%2.png").arg(i % 2).arg(i), 320, 240, i);
        }
        const QString out = dir.filePath("out");
        QProcess process;
        process.start(QStringLiteral(UNBLUR_CLI),
                      {"batch", in, "-o", out, "-r", "--model", kTiny, "--threads", "1"});
        QVERIFY(process.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(
            filesBelow(out).size() >= 3 || process.state() != QProcess::Running, 120000);
        QCOMPARE(process.state(), QProcess::Running); // killed in the middle
        process.kill();
        QVERIFY(process.waitForFinished());
        QCOMPARE(process.exitStatus(), QProcess::CrashExit);
        const int before = int(filesBelow(out).size());
        QVERIFY(before < 20);
        QString bad;
        QVERIFY2(allDecode(out, &bad), qPrintable(bad));

        const Result r = batch({in}, out, {"-r", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QMap<QString, QStringList> states = inputsByState(r.out);
        QCOMPARE(states.value("skipped").size(), before);
        QCOMPARE(states.value("skipped").size() + states.value("done").size(), 20);
        QCOMPARE(filesBelow(out).size(), 20); // no temporary left behind
        QVERIFY2(allDecode(out, &bad), qPrintable(bad));
    }

    void shardsSplitTheWork()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath("in");
        QStringList all;
        for (int i = 0; i < 21; ++i) {
            const QString relative = QStringLiteral("s%1/photo%2.png").arg(i % 3).arg(i);
            writePhotoFile(in, relative, 48, 40, i);
            all << in + '/' + relative;
        }
        QSet<QString> seen;
        for (int k = 1; k <= 3; ++k) {
            const Result r = batch({in}, dir.filePath("out"),
                                   {"-r", "--json", "--shard", QStringLiteral("%1/3").arg(k)});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            const QStringList done = inputsByState(r.out).value("done");
            QVERIFY(!done.isEmpty() && done.size() < 21);
            for (const QString& input : done) {
                QVERIFY2(!seen.contains(input), qPrintable(input)); // disjoint
                seen.insert(input);
            }
        }
        QStringList union_(seen.begin(), seen.end());
        union_.sort();
        all.sort();
        QCOMPARE(union_, all);
        QCOMPARE(filesBelow(dir.filePath("out")).size(), 21);
    }

    void interruptCancelsCleanly()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath("in");
        for (int i = 0; i < 4; ++i) {
            writePhotoFile(in, QStringLiteral("big%1.png").arg(i), 1000, 750, i);
        }
        const QString out = dir.filePath("out");
        QProcess process;
        process.start(QStringLiteral(UNBLUR_CLI), {"batch", in, "-o", out, "--model", kTiny,
                                                   "--threads", "1", "--tile", "128", "--json"});
        QVERIFY(process.waitForStarted());
        QByteArray err;
        while (!err.contains("Batch:") && process.state() == QProcess::Running) {
            process.waitForReadyRead(1000);
            err += process.readAllStandardError();
        }
        QTest::qWait(300);
        ::kill(pid_t(process.processId()), SIGINT);
        QVERIFY(process.waitForFinished(60000));
        err += process.readAllStandardError();
        const QString json = QString::fromUtf8(process.readAllStandardOutput());
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 130);
        QVERIFY2(err.contains("Cancelled\n"), err.constData());
        const QMap<QString, QStringList> states = inputsByState(json);
        QVERIFY(!states.value("cancelled").isEmpty());
        QCOMPARE(filesBelow(out).size(), states.value("done").size()); // nothing partial
        QString bad;
        QVERIFY2(allDecode(out, &bad), qPrintable(bad));
    }
};

QTEST_GUILESS_MAIN(TestBatchCli)
#include "TestBatchCli.moc"
