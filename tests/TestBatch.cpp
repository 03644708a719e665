// The batch core: plan (names, mirroring, shards, collisions), report and pipeline.
#include "BatchTestSupport.h"
#include "KodakCropSupport.h"
#include "PipelineTestSupport.h"
#include "ScopedUnprivileged.h"
#include "batch/BatchPipeline.h"
#include "batch/BatchPlan.h"
#include "io/ImageError.h"
#include "restore/Restorer.h"

#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <cerrno>
#include <mutex>
#include <thread>

using namespace unblur;
using namespace unblur::batch;
using namespace batchtest;

namespace {

/** Records what a pipeline reports; optionally pauses or cancels it at the first tile. */
class Recorder : public BatchObserver
{
public:
    enum class Action
    {
        None,
        Pause,
        Cancel,
    };

    BatchPipeline* pipeline = nullptr;
    Action action = Action::None;

    void itemChanged(int index, const BatchItem& item) override
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        states.append(QStringLiteral("%1:%2").arg(index).arg(stateName(item.state)));
    }

    void progressed(const BatchProgress& progress) override
    {
        ++reports;
        paused = progress.paused;
        if (progress.current >= 0 && progress.currentPart > 0 && !acted) {
            acted = true;
            partAtAction = progress.currentPart;
            currentAtAction = progress.current;
            if (action == Action::Pause) {
                pipeline->pause();
            } else if (action == Action::Cancel) {
                pipeline->cancel();
            }
        } else if (acted && progress.current == currentAtAction) {
            maxPartAfter = std::max(maxPartAfter, progress.currentPart);
        }
        lastEta = progress.etaSeconds;
    }

    std::mutex m_mutex;
    QStringList states;
    std::atomic<int> reports{0};
    std::atomic<bool> paused{false};
    bool acted = false;
    int currentAtAction = -1;
    double partAtAction = 0;
    double maxPartAfter = 0;
    double lastEta = -1;
};

} // namespace

class TestBatch : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<restore::Restorer> m_restorer;

    BatchOptions options(const QString& input, const QString& output) const
    {
        return tinyBatchOptions(input, output);
    }

    /** `photos` photos of `width` x `height` in `root`/in, cut in 128 px tiles, and a
     *  pipeline whose observer pauses or cancels it at the first tile. */
    struct ControlledRun
    {
        ControlledRun(const TestBatch& test, const QString& root, int photos, int width, int height,
                      Recorder::Action action)
            : options(prepare(test, root, photos, width, height)),
              pipeline(*test.m_restorer, options)
        {
            recorder.pipeline = &pipeline;
            recorder.action = action;
            pipeline.setObserver(&recorder);
        }

        static BatchOptions prepare(const TestBatch& test, const QString& root, int photos,
                                    int width, int height)
        {
            const QDir dir(root);
            for (int i = 0; i < photos; ++i) {
                writePhotoFile(dir.filePath("in"), QStringLiteral("p%1.png").arg(i), width, height,
                               i);
            }
            BatchOptions o = test.options(dir.filePath("in"), dir.filePath("out"));
            o.restore.engine.tileSize = 128;
            return o;
        }

        BatchOptions options;
        BatchPipeline pipeline;
        Recorder recorder;
    };

    static QStringList outputsOf(const BatchPlan& plan, const QString& root)
    {
        QStringList outputs;
        for (const BatchItem& item : plan.items()) {
            outputs.append(QDir(root).relativeFilePath(item.output));
        }
        return outputs;
    }

private Q_SLOTS:
    void initTestCase()
    {
        std::string error;
        m_restorer = restore::Restorer::open(kTiny.toStdString(), error);
        QVERIFY2(m_restorer, error.c_str());
    }

    void planMirrorsFoldersAndNames()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath("in");
        writePhotoFile(in, "b.jpg");
        writePhotoFile(in, "a.png");
        writePhotoFile(in, "day1/IMG_2.JPG");
        writePhotoFile(in, "day1/deep/c.tif");
        QVERIFY(writeBytes(in + "/day1/notes.txt", "not a photo"));
        QVERIFY(writeBytes(in + "/.hidden/d.png", "hidden"));
        QVERIFY(writeBytes(in + "/raw/e.CR2", "a raw file"));
        BatchOptions o = options(in, dir.filePath("out"));
        o.nameTemplate = "{name}-{model}-{date}";
        const BatchPlan plan = BatchPlan::make(o, QDate(2026, 11, 27));
        QCOMPARE(outputsOf(plan, dir.filePath("out")),
                 QStringList({"a-hidiff-tiny-2026-11-27.png", "b-hidiff-tiny-2026-11-27.jpg",
                              "day1/IMG_2-hidiff-tiny-2026-11-27.JPG",
                              "day1/deep/c-hidiff-tiny-2026-11-27.tif",
                              "raw/e-hidiff-tiny-2026-11-27.tif"}));
        QCOMPARE(plan.queued(), 5);

        o.recursive = false;
        o.nameTemplate = "{name}_unblur.{ext}";
        o.write.encode.format = io::ImageFormat::Webp;
        QCOMPARE(outputsOf(BatchPlan::make(o), dir.filePath("out")),
                 QStringList({"a_unblur.webp", "b_unblur.webp"}));
        o.recursive = true;
        o.includes = {"*.JPG"};
        QCOMPARE(outputsOf(BatchPlan::make(o), dir.filePath("out")).size(), 2);
    }

    void planNamesClashesAndRefusesInputs()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath("in");
        writePhotoFile(in, "x.jpg");
        writePhotoFile(in, "x.png");
        writePhotoFile(in, "x_unblur.png"); // an earlier output kept beside the photos
        BatchOptions o = options(in, in);
        o.write.encode.format = io::ImageFormat::Png;
        BatchPlan plan = BatchPlan::make(o);
        // x.jpg and x.png both want x_unblur.png; and x.png's output is the input x_unblur.png.
        QCOMPARE(plan.items().size(), size_t(3));
        QCOMPARE(QFileInfo(plan.items()[0].output).fileName(), QString("x_unblur.png"));
        QCOMPARE(plan.items()[0].state, ItemState::Failed);
        QVERIFY2(plan.items()[0].reason.contains("would overwrite an input"),
                 qPrintable(plan.items()[0].reason));
        QCOMPARE(QFileInfo(plan.items()[1].output).fileName(), QString("x_unblur-2.png"));
        QCOMPARE(plan.items()[1].state, ItemState::Queued);

        // Output folder inside the input: earlier outputs are not taken as photos.
        o.outputFolder = in + "/out";
        writePhotoFile(in, "out/x_unblur.jpg");
        o.write.encode.format = io::ImageFormat::Unknown;
        plan = BatchPlan::make(o);
        QCOMPARE(plan.items().size(), size_t(3));
        QCOMPARE(plan.items()[0].state, ItemState::Skipped); // out/x_unblur.jpg exists
        o.collision = Collision::Suffix;
        plan = BatchPlan::make(o);
        QCOMPARE(QFileInfo(plan.items()[0].output).fileName(), QString("x_unblur-2.jpg"));
        o.collision = Collision::Overwrite;
        plan = BatchPlan::make(o);
        QCOMPARE(plan.items()[0].state, ItemState::Queued);
        QCOMPARE(QFileInfo(plan.items()[0].output).fileName(), QString("x_unblur.jpg"));

        o.inputs = {dir.filePath("missing")};
        plan = BatchPlan::make(o);
        QCOMPARE(plan.items()[0].state, ItemState::Failed);
        QVERIFY(plan.items()[0].reason.contains("no such file"));
    }

    void optionsAreChecked()
    {
        BatchOptions o = options("in", "out");
        QVERIFY(o.validate().isEmpty());
        o.nameTemplate = "unblurred.{ext}";
        QVERIFY(o.validate().contains("{name}"));
        o.nameTemplate = "{name}/{ext}";
        QVERIFY(o.validate().contains("separator"));
        o.nameTemplate = "{name}_{camera}";
        QVERIFY(o.validate().contains("{camera}"));
        int k = 0, n = 0;
        QVERIFY(BatchOptions::parseShard("2/5", k, n) && k == 2 && n == 5);
        QVERIFY(!BatchOptions::parseShard("0/5", k, n));
        QVERIFY(!BatchOptions::parseShard("6/5", k, n));
        QVERIFY(!BatchOptions::parseShard("2", k, n));
    }

    void shardsAreDisjointAndComplete()
    {
        QTemporaryDir dir;
        QStringList all;
        for (int i = 0; i < 40; ++i) {
            const QString relative = QStringLiteral("f%1/photo %2.png").arg(i % 5).arg(i);
            QVERIFY(writeBytes(dir.filePath("in/" + relative), "x"));
            all.append(relative);
        }
        all.sort();
        for (const int n : {2, 3, 7}) {
            QSet<QString> seen;
            for (int k = 1; k <= n; ++k) {
                BatchOptions o = options(dir.filePath("in"), dir.filePath("out"));
                o.shardIndex = k;
                o.shardCount = n;
                const BatchPlan plan = BatchPlan::make(o);
                QVERIFY2(plan.items().size() < size_t(all.size()), "a shard took everything");
                for (const BatchItem& item : plan.items()) {
                    QVERIFY2(!seen.contains(item.relative), qPrintable(item.relative));
                    seen.insert(item.relative);
                    QCOMPARE(BatchPlan::shardOf(item.relative, n), k - 1); // stable
                }
            }
            QStringList union_(seen.begin(), seen.end());
            union_.sort();
            QCOMPARE(union_, all);
        }
    }

    void csvQuotesFields()
    {
        QCOMPARE(BatchReport::csvField("plain.jpg"), QString("plain.jpg"));
        QCOMPARE(BatchReport::csvField("a,b"), QString("\"a,b\""));
        QCOMPARE(BatchReport::csvField("say \"hi\""), QString("\"say \"\"hi\"\"\""));
        QCOMPARE(BatchReport::csvField("two\nlines"), QString("\"two\nlines\""));
        BatchItem item;
        item.input = "/in/a,b.jpg";
        item.relative = "a,b.jpg";
        item.output = "/out/a.jpg";
        item.state = ItemState::Failed;
        item.reason = "bad \"data\"";
        item.seconds = 1.5;
        const BatchReport report({item});
        QCOMPARE(report.csv(),
                 QString("input,output,state,reason,seconds,refinement,blur\r\n"
                         "\"/in/a,b.jpg\",/out/a.jpg,failed,\"bad \"\"data\"\"\",1.50,,\r\n"));
        item.state = ItemState::Skipped;
        item.reason = BatchReport::sharpReason(0.1234);
        item.blur = 0.1234;
        const BatchReport sharp({item});
        QVERIFY(sharp.csv().endsWith(",skipped,sharp (blur 0.12),1.50,,0.123\r\n"));
        QCOMPARE(sharp.skippedAsSharp(), 1);
        QCOMPARE(report.skippedAsSharp(), 0);
        QTemporaryDir dir;
        report.writeCsv(dir.filePath("r.csv"));
        QFile file(dir.filePath("r.csv"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(file.readAll()), report.csv());
    }

    /** score finds photos as the plan does: sorted, each once, a missing input failed. */
    void findPhotosIsThePlansList()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath("in");
        writePhotoFile(in, "b.png");
        writePhotoFile(in, "sub/a.jpg");
        QVERIFY(writeBytes(in + "/notes.txt", "not a photo"));
        BatchOptions o;
        o.inputs = QStringList{in, in + "/b.png", dir.filePath("missing.jpg")};
        o.recursive = true;
        const std::vector<BatchItem> found = BatchPlan::findPhotos(o);
        QStringList listed;
        for (const BatchItem& item : found) {
            listed << item.relative + ":" + stateName(item.state);
        }
        QCOMPARE(listed, (QStringList{"b.png:queued", "missing.jpg:failed", "sub/a.jpg:queued"}));
        o.outputFolder = dir.filePath("out");
        QCOMPARE(BatchPlan::make(o).items().size(), found.size());
    }

    /**
     * Every photo's blur is measured; with onlyBlurry the sharp one is skipped with the reason
     * before restoring, nothing written, pipelined and sequential alike; a re-run resumes.
     */
    void onlyBlurrySkipsSharpPhotos()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath("in");
        QVERIFY(QDir().mkpath(in));
        io::writeImage((in + "/blurred.png").toStdString(), kodakcrop::kodakCrop(true));
        io::writeImage((in + "/sharp.png").toStdString(), kodakcrop::kodakCrop(false));
        std::atomic<int> restored{0};
        const RestoreFunction restoreFunction =
            [&](const io::FloatImage& image, const restore::RestoreOptions&,
                const restore::RestoreObserver&, const restore::CancelToken*) {
                ++restored;
                restore::RestoreResult result;
                result.image = image;
                return result;
            };
        for (const bool pipelined : {true, false}) {
            restored = 0;
            BatchOptions o = options(in, dir.filePath(pipelined ? "piped" : "sequential"));
            o.pipelined = pipelined;
            o.onlyBlurry = true;
            Recorder recorder;
            BatchPipeline pipeline(restoreFunction, o);
            pipeline.setObserver(&recorder);
            const BatchReport report = pipeline.run(BatchPlan::make(o));
            QCOMPARE(restored.load(), 1);
            QCOMPARE(report.count(ItemState::Done), 1);
            QCOMPARE(report.skippedAsSharp(), 1);
            const BatchItem& blurred = report.items()[0];
            const BatchItem& sharp = report.items()[1];
            QCOMPARE(blurred.state, ItemState::Done);
            QVERIFY2(blurred.blur >= 0.5, qPrintable(QString::number(blurred.blur)));
            QCOMPARE(sharp.state, ItemState::Skipped);
            QVERIFY2(sharp.blur >= 0 && sharp.blur < 0.5, qPrintable(QString::number(sharp.blur)));
            QCOMPARE(sharp.reason, QStringLiteral("sharp (blur %1)").arg(sharp.blur, 0, 'f', 2));
            QVERIFY(!QFile::exists(sharp.output));
            QCOMPARE(filesBelow(o.outputFolder), QStringList{"blurred_unblur.png"});
            QVERIFY(recorder.states.contains("1:skipped"));

            // Again: the blurred photo's output exists, the sharp one is measured again.
            const BatchReport again = BatchPipeline(restoreFunction, o).run(BatchPlan::make(o));
            QCOMPARE(restored.load(), 1);
            QCOMPARE(again.items()[0].reason, QStringLiteral("output exists"));
            QCOMPARE(again.skippedAsSharp(), 1);
        }

        // Without onlyBlurry both are restored, and both scores are still in the report.
        BatchOptions o = options(in, dir.filePath("all"));
        const BatchReport all = BatchPipeline(restoreFunction, o).run(BatchPlan::make(o));
        QCOMPARE(all.count(ItemState::Done), 2);
        QVERIFY(all.items()[0].blur >= 0.5 && all.items()[1].blur < 0.5);
        QVERIFY(all.items()[1].blur >= 0);
    }

    void staleTemporariesAreRemoved()
    {
        QTemporaryDir dir;
        writePhotoFile(dir.filePath("in"), "a.png");
        const BatchPlan plan = BatchPlan::make(options(dir.filePath("in"), dir.filePath("out")));
        QVERIFY(writeBytes(dir.filePath("out/a_unblur.png.Xy12Ab"), "partial"));
        QVERIFY(writeBytes(dir.filePath("out/other.png.Xy12Ab"), "someone else's"));
        QCOMPARE(BatchPipeline::removeStaleTemporaries(plan.items()), 1);
        QCOMPARE(filesBelow(dir.filePath("out")), QStringList{"other.png.Xy12Ab"});
    }

    /** Failures are recorded and the batch goes on; depth kept; same pixels either way. */
    void pipelineGoesOnAfterFailures()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath("in");
        for (int i = 0; i < 4; ++i) {
            writePhotoFile(in, QStringLiteral("s%1/p%2.png").arg(i % 2).arg(i), 48, 40, i);
        }
        writePhotoFile(in, "deep.tif", 40, 32, 9, 16);
        QVERIFY(writeBytes(in + "/s0/broken.jpg", "\xFF\xD8\xFF\xE0 truncated"));
        Recorder recorder;
        BatchOptions o = options(in, dir.filePath("piped"));
        BatchPipeline pipeline(*m_restorer, o);
        pipeline.setObserver(&recorder);
        const BatchReport report = pipeline.run(BatchPlan::make(o));
        QCOMPARE(report.count(ItemState::Done), 5);
        QCOMPARE(report.count(ItemState::Failed), 1);
        for (const BatchItem& item : report.items()) {
            if (item.state == ItemState::Failed) {
                QCOMPARE(item.input, in + "/s0/broken.jpg");
                QVERIFY2(item.reason.size() > 10, qPrintable(item.reason));
                QVERIFY(!QFile::exists(item.output));
            } else {
                QVERIFY(item.seconds > 0);
                QVERIFY(io::readImage(item.output.toStdString()).width > 0);
            }
        }
        QCOMPARE(io::readImage(dir.filePath("piped/deep_unblur.tif").toStdString()).bitDepth, 16);
        QVERIFY(recorder.states.contains("0:working") && recorder.states.contains("0:done"));
        QVERIFY(recorder.lastEta >= 0);

        o.outputFolder = dir.filePath("sequential");
        o.pipelined = false;
        const BatchReport sequential = BatchPipeline(*m_restorer, o).run(BatchPlan::make(o));
        QCOMPARE(sequential.count(ItemState::Done), 5);
        for (const QString& name : filesBelow(dir.filePath("piped"))) {
            QVERIFY(io::readImage(dir.filePath("piped/" + name).toStdString()).pixels ==
                    io::readImage(dir.filePath("sequential/" + name).toStdString()).pixels);
        }
    }

    /** A restore function's failure message becomes the photo's reason; the rest go on. */
    void restoreFunctionFailureIsTheReason()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath("in");
        writePhotoFile(in, "a.png", 32, 24, 1); // first green sample 0.71: fails
        writePhotoFile(in, "b.png", 32, 24, 2); // 0.80
        const BatchOptions o = options(in, dir.filePath("out"));
        const RestoreFunction restoreFunction =
            [](const io::FloatImage& image, const restore::RestoreOptions&,
               const restore::RestoreObserver&, const restore::CancelToken*) {
                restore::RestoreResult result;
                if (image.pixels.at(1) < 0.75f) {
                    result.status = restore::RestoreStatus::Failed;
                    result.message = "out of memory";
                } else {
                    result.image = image;
                }
                return result;
            };
        const BatchReport report = BatchPipeline(restoreFunction, o).run(BatchPlan::make(o));
        QCOMPARE(report.count(ItemState::Done), 1);
        QCOMPARE(report.count(ItemState::Failed), 1);
        QCOMPARE(report.items()[0].reason, QStringLiteral("out of memory"));
        QCOMPARE(filesBelow(dir.filePath("out")), QStringList{"b_unblur.png"});
    }

    /** A read-only sub-folder fails its photos with the reason; the others are done. */
    void readOnlySubFolderFailsItsPhotos()
    {
        QTemporaryDir dir;
        const auto open = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                          QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
        QVERIFY(QFile::setPermissions(dir.path(), open));
        writePhotoFile(dir.filePath("in"), "free/a.png");
        writePhotoFile(dir.filePath("in"), "locked/b.png");
        writePhotoFile(dir.filePath("in"), "z.png");
        QVERIFY(QDir().mkpath(dir.filePath("out/locked")));
        QVERIFY(QFile::setPermissions(dir.filePath("out"), open));
        QVERIFY(QFile::setPermissions(dir.filePath("out/locked"),
                                      QFileDevice::ReadOwner | QFileDevice::ExeOwner |
                                          QFileDevice::ReadOther | QFileDevice::ExeOther));
        const BatchOptions o = options(dir.filePath("in"), dir.filePath("out"));
        BatchReport report;
        {
            const phototest::ScopedUnprivileged unprivileged; // root writes everywhere
            QVERIFY2(unprivileged.ok(), "root could not act as nobody");
            report = BatchPipeline(*m_restorer, o).run(BatchPlan::make(o));
        }
        QCOMPARE(report.count(ItemState::Done), 2);
        QCOMPARE(report.count(ItemState::Failed), 1);
        QVERIFY(report.stopReason().isEmpty());
        const BatchItem& locked = report.items()[1];
        QCOMPARE(locked.state, ItemState::Failed);
        QVERIFY2(locked.reason.contains(dir.filePath("out/locked/b_unblur.png")),
                 qPrintable(locked.reason));
        QCOMPARE(filesBelow(dir.filePath("out")),
                 (QStringList{"free/a_unblur.png", "z_unblur.png"}));
    }

    /** The output folder itself read-only: the first write stops the batch. */
    void readOnlyOutputFolderStopsTheBatch()
    {
        QTemporaryDir dir;
        const auto open = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                          QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
        QVERIFY(QFile::setPermissions(dir.path(), open));
        for (const char* name : {"a.png", "b.png", "c.png"}) {
            writePhotoFile(dir.filePath("in"), name);
        }
        QVERIFY(QDir().mkpath(dir.filePath("out")));
        QVERIFY(QFile::setPermissions(dir.filePath("out"),
                                      QFileDevice::ReadOwner | QFileDevice::ExeOwner |
                                          QFileDevice::ReadOther | QFileDevice::ExeOther));
        const BatchOptions o = options(dir.filePath("in"), dir.filePath("out"));
        BatchReport report;
        {
            const phototest::ScopedUnprivileged unprivileged;
            QVERIFY2(unprivileged.ok(), "root could not act as nobody");
            report = BatchPipeline(identityRestore(), o).run(BatchPlan::make(o));
        }
        QCOMPARE(report.stopReason(), QStringLiteral("output folder not writable"));
        QCOMPARE(report.count(ItemState::Failed), 1);
        QCOMPARE(report.count(ItemState::Cancelled), 2);
        QCOMPARE(report.items()[2].reason,
                 QStringLiteral("not started: the batch stopped (output folder not writable)"));
        QCOMPARE(filesBelow(dir.filePath("out")), QStringList{});
    }

    void writeErrorsThatStopABatch()
    {
        QCOMPARE(BatchPipeline::stopReasonFor(ENOSPC), QStringLiteral("disk full"));
        QCOMPARE(BatchPipeline::stopReasonFor(EDQUOT), QStringLiteral("disk full"));
        QCOMPARE(BatchPipeline::stopReasonFor(ENOENT), QStringLiteral("output folder gone"));
        QCOMPARE(BatchPipeline::stopReasonFor(EROFS), QStringLiteral("output folder read-only"));
        QCOMPARE(BatchPipeline::stopReasonFor(EACCES),
                 QStringLiteral("output folder not writable"));
        for (const int perPhoto : {0, EIO, EFBIG, EINVAL}) {
            QVERIFY(BatchPipeline::stopReasonFor(perPhoto).isEmpty());
        }
        QCOMPARE(BatchReport::stopSummary(QStringLiteral("disk full"), 12),
                 QStringLiteral("stopped: disk full (12 photos not started)"));
        QCOMPARE(BatchReport::stopSummary(QStringLiteral("disk full"), 1),
                 QStringLiteral("stopped: disk full (1 photo not started)"));
    }

    void pauseHoldsBetweenTilesAndResumeFinishes()
    {
        QTemporaryDir dir;
        ControlledRun run(*this, dir.path(), 3, 200, 150, Recorder::Action::Pause);
        BatchPipeline& pipeline = run.pipeline;
        const Recorder& recorder = run.recorder;
        BatchReport report;
        std::thread worker([&] { report = pipeline.run(BatchPlan::make(run.options)); });
        QTRY_VERIFY_WITH_TIMEOUT(recorder.paused, 60000);
        const int reports = recorder.reports;
        QTest::qWait(500);
        QCOMPARE(int(recorder.reports), reports); // held: no tile, no step
        QVERIFY(pipeline.isPaused());
        QVERIFY(filesBelow(dir.filePath("out")).isEmpty());
        pipeline.resume();
        worker.join();
        QCOMPARE(report.count(ItemState::Done), 3);
        QCOMPARE(filesBelow(dir.filePath("out")).size(), 3);
    }

    void cancelStopsWithinATileAndLeavesNoPartialFile()
    {
        QTemporaryDir dir;
        ControlledRun run(*this, dir.path(), 4, 400, 300, Recorder::Action::Cancel);
        BatchPipeline& pipeline = run.pipeline;
        const Recorder& recorder = run.recorder;
        const BatchReport report = pipeline.run(BatchPlan::make(run.options));
        QVERIFY(pipeline.isCancelled());
        QCOMPARE(report.count(ItemState::Done), 0);
        QCOMPARE(report.count(ItemState::Cancelled), 4);
        // Stopped in the tile it was in: never as far as the next one.
        QVERIFY2(recorder.maxPartAfter <= recorder.partAtAction,
                 qPrintable(QString::number(recorder.maxPartAfter)));
        QCOMPARE(filesBelow(dir.filePath("out")), QStringList{});
    }
};

QTEST_GUILESS_MAIN(TestBatch)
#include "TestBatch.moc"
