// Faults injected into a running batch, each of which must end in a clear error and lose no
// data: inputs deleted or truncated between the plan and the read, the model folder removed
// after loading, the output folder made read-only, removed, or full (a real tmpfs where this
// machine can mount one, a simulated write failure everywhere).
#include "BatchTestSupport.h"
#include "PipelineTestSupport.h"
#include "ScopedUnprivileged.h"
#include "SimulatedDisk.h"
#include "TmpfsMount.h"
#include "batch/BatchPipeline.h"
#include "batch/BatchPlan.h"
#include "io/ImageFile.h"
#include "restore/Restorer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <limits>
#include <optional>
#include <sys/mount.h>
#include <thread>

using namespace unblur;
using namespace unblur::batch;
using namespace batchtest;

namespace {

/** What the pipeline last reported about a stop. */
class StopRecorder : public BatchObserver
{
public:
    void progressed(const BatchProgress& progress) override
    {
        lastStage = progress.stage;
        lastStopReason = progress.stopReason;
        lastNotStarted = progress.notStarted;
    }

    QString lastStage;
    QString lastStopReason;
    int lastNotStarted = 0;
};

/** Folder permissions that let the test's unprivileged user in. */
constexpr auto kOpen = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                       QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
constexpr auto kReadOnly =
    QFileDevice::ReadOwner | QFileDevice::ExeOwner | QFileDevice::ReadOther | QFileDevice::ExeOther;

/** Waits (up to 10 s) until `count` files are below `folder`: the writer may lag behind. */
void waitForFiles(const QString& folder, int count)
{
    QElapsedTimer waited;
    waited.start();
    while (filesBelow(folder).size() < count && waited.elapsed() < 10000) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

/** No temporary file (QSaveFile's or the batch's) is left below `folder`. */
bool noTemporaries(const QString& folder)
{
    const QStringList files = filesBelow(folder);
    return std::none_of(files.begin(), files.end(), [](const QString& file) {
        return file.contains(QLatin1String(".tmp")) ||
               file.contains(QLatin1String("unblur-part")) ||
               QFileInfo(file).fileName().startsWith('.');
    });
}

} // namespace

class TestFaultInjection : public QObject
{
    Q_OBJECT

private:
    static BatchOptions options(const QString& input, const QString& output, bool pipelined)
    {
        BatchOptions o = tinyBatchOptions(input, output);
        o.pipelined = pipelined;
        return o;
    }

    static void addPipelinedColumn()
    {
        QTest::addColumn<bool>("pipelined");
        QTest::newRow("pipelined") << true;
        QTest::newRow("sequential") << false;
    }

private Q_SLOTS:
    void inputDeletedOrTruncatedAfterThePlan_data()
    {
        QTest::addColumn<bool>("pipelined");
        QTest::addColumn<QString>("fault");
        QTest::addColumn<QString>("reason");
        for (const bool pipelined : {true, false}) {
            const char* mode = pipelined ? "pipelined" : "sequential";
            QTest::addRow("deleted, %s", mode) << pipelined << "delete"
                                               << "no such file";
            QTest::addRow("truncated PNG, %s", mode) << pipelined << "truncate png"
                                                     << "truncated";
            QTest::addRow("truncated JPEG, %s", mode) << pipelined << "truncate jpg"
                                                      << "truncated";
            QTest::addRow("emptied, %s", mode) << pipelined << "empty"
                                               << "empty file";
        }
    }

    /** The photo that changed fails with its name and reason; the others are done. */
    void inputDeletedOrTruncatedAfterThePlan()
    {
        QFETCH(bool, pipelined);
        QFETCH(QString, fault);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        const QString in = dir.filePath("in");
        const QString out = dir.filePath("out");
        const QString suffix =
            fault.endsWith("jpg") ? QStringLiteral("jpg") : QStringLiteral("png");
        for (int i = 0; i < 3; ++i) {
            writePhotoFile(in, QStringLiteral("p%1.%2").arg(i).arg(suffix), 96, 80, i);
        }
        const BatchOptions o = options(in, out, pipelined);
        const BatchPlan plan = BatchPlan::make(o);
        QCOMPARE(plan.queued(), 3);

        const QString victim = in + "/p1." + suffix;
        if (fault == "delete") {
            QVERIFY(QFile::remove(victim));
        } else {
            QFile file(victim);
            QVERIFY(file.open(QIODevice::ReadWrite));
            QVERIFY(file.resize(fault == "empty" ? 0 : file.size() / 2));
        }
        const BatchReport report = BatchPipeline(identityRestore(), o).run(plan);
        QVERIFY(report.stopReason().isEmpty());
        QCOMPARE(report.count(ItemState::Done), 2);
        QCOMPARE(report.count(ItemState::Failed), 1);
        const BatchItem& failed = report.items()[1];
        QCOMPARE(failed.state, ItemState::Failed);
        QCOMPARE(failed.input, victim);
        QVERIFY2(failed.reason.contains(reason), qPrintable(failed.reason));
        QCOMPARE(filesBelow(out), (QStringList{"p0_unblur." + suffix, "p2_unblur." + suffix}));
        QVERIFY(noTemporaries(out));
    }

    /** The model is in memory once loaded: removing its folder spoils nothing. */
    void modelFolderRemovedAfterLoading()
    {
        QTemporaryDir dir;
        const QString model = dir.filePath("model");
        QVERIFY(QDir().mkpath(model));
        for (const QString& name : QDir(kTiny).entryList(QDir::Files)) {
            QVERIFY(QFile::copy(kTiny + '/' + name, model + '/' + name));
        }
        std::string error;
        const std::unique_ptr<restore::Restorer> restorer =
            restore::Restorer::open(model.toStdString(), error);
        QVERIFY2(restorer, error.c_str());
        QVERIFY(QDir(model).removeRecursively());

        for (int i = 0; i < 2; ++i) {
            writePhotoFile(dir.filePath("in"), QStringLiteral("p%1.png").arg(i), 48, 40, i);
        }
        const BatchOptions o = options(dir.filePath("in"), dir.filePath("out"), true);
        const BatchReport report = BatchPipeline(*restorer, o).run(BatchPlan::make(o));
        QCOMPARE(report.count(ItemState::Done), 2);

        // Opening it again names the folder and the reason.
        QVERIFY(!restore::Restorer::open(model.toStdString(), error));
        QVERIFY2(QString::fromStdString(error).contains(model), error.c_str());
    }

    void outputFolderMadeReadOnlyMidBatch_data() { addPipelinedColumn(); }

    /**
     * chmod a-w on the output folder after two photos: stopped, the two kept whole. The batch
     * makes the folder, so that its owner (nobody, under root) can lock it.
     */
    void outputFolderMadeReadOnlyMidBatch()
    {
        QFETCH(bool, pipelined);
        constexpr int kPhotos = 5;
        QTemporaryDir dir;
        QVERIFY(QFile::setPermissions(dir.path(), kOpen));
        const QString in = dir.filePath("in");
        const QString out = dir.filePath("out");
        for (int i = 0; i < kPhotos; ++i) {
            writePhotoFile(in, QStringLiteral("p%1.png").arg(i), 48, 40, i);
        }
        int calls = 0;
        bool locked = false;
        const auto lockAtThird = [&] {
            if (++calls == 3) {
                waitForFiles(out, 2);
                locked = QFile::setPermissions(out, kReadOnly);
            }
        };
        const BatchOptions o = options(in, out, pipelined);
        BatchReport report;
        {
            const phototest::ScopedUnprivileged unprivileged; // root writes everywhere
            QVERIFY2(unprivileged.ok(), "root could not act as nobody");
            report = BatchPipeline(identityRestore(lockAtThird), o).run(BatchPlan::make(o));
        }
        QVERIFY(locked);
        QCOMPARE(report.stopReason(), QStringLiteral("output folder not writable"));
        QCOMPARE(report.count(ItemState::Done), 2);
        QCOMPARE(report.count(ItemState::Failed), 1);
        QCOMPARE(report.count(ItemState::Cancelled), kPhotos - 3);
        QVERIFY2(report.items()[2].reason.contains(out + "/p2_unblur.png"),
                 qPrintable(report.items()[2].reason));
        QCOMPARE(filesBelow(out), (QStringList{"p0_unblur.png", "p1_unblur.png"}));
        QVERIFY(QFile::setPermissions(out, kOpen));
    }

    void outputFolderRemovedMidBatch_data() { addPipelinedColumn(); }

    /** The output folder removed mid-batch: stopped, and the folder is not made again. */
    void outputFolderRemovedMidBatch()
    {
        QFETCH(bool, pipelined);
        constexpr int kPhotos = 5;
        QTemporaryDir dir;
        const QString in = dir.filePath("in");
        const QString out = dir.filePath("out");
        for (int i = 0; i < kPhotos; ++i) {
            writePhotoFile(in, QStringLiteral("p%1.png").arg(i), 48, 40, i);
        }
        int calls = 0;
        bool removed = false;
        const auto removeAtThird = [&] {
            if (++calls == 3) {
                waitForFiles(out, 2);
                removed = QDir(out).removeRecursively();
            }
        };
        const BatchOptions o = options(in, out, pipelined);
        BatchPipeline pipeline(identityRestore(removeAtThird), o);
        const BatchReport report = pipeline.run(BatchPlan::make(o));
        QVERIFY(removed);
        QVERIFY(pipeline.isStopped());
        QCOMPARE(report.stopReason(), QStringLiteral("output folder gone"));
        QCOMPARE(report.count(ItemState::Done), 2);
        QCOMPARE(report.count(ItemState::Failed), 1);
        QCOMPARE(report.count(ItemState::Cancelled), kPhotos - 3);
        QVERIFY(!QFileInfo::exists(out));
    }

    void fullDiskStopsTheBatchAndARerunResumes_data()
    {
        QTest::addColumn<bool>("pipelined");
        QTest::addColumn<bool>("simulated");
        for (const bool simulated : {false, true}) {
            const char* disk = simulated ? "simulated write failure" : "tmpfs";
            QTest::addRow("%s, pipelined", disk) << true << simulated;
            QTest::addRow("%s, sequential", disk) << false << simulated;
        }
    }

    /**
     * A full disk: the photos before it are whole, the one that did not fit fails with the
     * reason, the rest are not started, nothing half is left; with space again, a re-run does
     * only the missing ones. On a real tmpfs where this machine can mount one (root), and
     * through a simulated write failure everywhere.
     */
    void fullDiskStopsTheBatchAndARerunResumes()
    {
        QFETCH(bool, pipelined);
        QFETCH(bool, simulated);
        constexpr int kPhotos = 6;
        QTemporaryDir dir;
        const QString in = dir.filePath("in");
        for (int i = 0; i < kPhotos; ++i) {
            writePhotoFile(in, QStringLiteral("p%1.png").arg(i), 160, 120, i);
        }
        BatchOptions o = options(in, dir.filePath("reference"), pipelined);
        const BatchReport reference = BatchPipeline(identityRestore(), o).run(BatchPlan::make(o));
        QCOMPARE(reference.count(ItemState::Done), kPhotos);
        qint64 largest = 0;
        qint64 smallest = std::numeric_limits<qint64>::max();
        for (const BatchItem& item : reference.items()) {
            largest = std::max(largest, QFileInfo(item.output).size());
            smallest = std::min(smallest, QFileInfo(item.output).size());
        }
        QVERIFY2(smallest > largest * 9 / 10, "outputs of unlike sizes");

        // Room for two and a half outputs (counted in whole pages, as tmpfs does).
        const qint64 page = SimulatedDisk::kPage;
        const qint64 room = (largest + page - 1) / page * page * 5 / 2;
        const QString full = dir.filePath("full");
        QVERIFY(QDir().mkpath(full));
        std::optional<TmpfsMount> mount;
        std::optional<SimulatedDisk> disk;
        QStringList before;
        if (simulated) {
            disk.emplace(full, room);
        } else {
            mount.emplace(full, QStringLiteral("1m"));
            if (!mount->ok()) {
                QSKIP(qPrintable("cannot mount a tmpfs here (needs root): " + mount->error() +
                                 "; the simulated rows cover this case"));
            }
            QVERIFY(writeBytes(full + "/filler", QByteArray(int(freeBytes(full) - room), 'x')));
            QVERIFY(freeBytes(full) < room + page);
            before = {"filler"};
        }

        o.outputFolder = full;
        StopRecorder recorder;
        BatchPipeline pipeline(identityRestore(), o);
        pipeline.setObserver(&recorder);
        const BatchReport report = pipeline.run(BatchPlan::make(o));
        QVERIFY(pipeline.isStopped());
        QVERIFY(!pipeline.isCancelled());
        QCOMPARE(report.stopReason(), QStringLiteral("disk full"));
        QCOMPARE(report.count(ItemState::Done), 2);
        QCOMPARE(report.count(ItemState::Failed), 1);
        QCOMPARE(report.count(ItemState::Cancelled), kPhotos - 3);
        QCOMPARE(report.stopSummary(), QStringLiteral("stopped: disk full (3 photos not started)"));
        QVERIFY2(report.items()[2].reason.contains(QLatin1String("No space left on device")),
                 qPrintable(report.items()[2].reason));
        QVERIFY2(report.items()[2].reason.contains(full + "/p2_unblur.png"),
                 qPrintable(report.items()[2].reason));
        for (int i = 3; i < kPhotos; ++i) {
            QCOMPARE(report.items()[size_t(i)].reason,
                     QStringLiteral("not started: the batch stopped (disk full)"));
        }
        QCOMPARE(recorder.lastStage, QStringLiteral("stopped"));
        QCOMPARE(recorder.lastStopReason, QStringLiteral("disk full"));
        QCOMPARE(recorder.lastNotStarted, kPhotos - 3);
        // Whole outputs and no temporary file.
        QCOMPARE(filesBelow(full), before + QStringList({"p0_unblur.png", "p1_unblur.png"}));
        for (int i = 0; i < 2; ++i) {
            const QString name = QStringLiteral("/p%1_unblur.png").arg(i);
            QVERIFY(
                io::readImage((full + name).toStdString()).pixels ==
                io::readImage(dir.filePath("reference").toStdString() + name.toStdString()).pixels);
        }

        // Space again: a re-run does only the missing photos.
        if (disk) {
            disk->setRoom(std::numeric_limits<qint64>::max() / 2);
        } else {
            QVERIFY(QFile::remove(full + "/filler"));
        }
        const BatchPlan again = BatchPlan::make(o);
        QCOMPARE(again.queued(), kPhotos - 2);
        const BatchReport resumed = BatchPipeline(identityRestore(), o).run(again);
        QVERIFY(resumed.stopReason().isEmpty());
        QCOMPARE(resumed.count(ItemState::Skipped), 2);
        QCOMPARE(resumed.count(ItemState::Done), kPhotos - 2);
        QCOMPARE(filesBelow(full), filesBelow(dir.filePath("reference")));
    }

    /** A file system turned read-only mid-batch (EROFS), real where it can be, else simulated. */
    void outputFileSystemTurnedReadOnly_data()
    {
        QTest::addColumn<bool>("simulated");
        QTest::newRow("tmpfs remounted read-only") << false;
        QTest::newRow("simulated write failure") << true;
    }

    void outputFileSystemTurnedReadOnly()
    {
        QFETCH(bool, simulated);
        constexpr int kPhotos = 4;
        QTemporaryDir dir;
        const QString in = dir.filePath("in");
        const QString out = dir.filePath("out");
        for (int i = 0; i < kPhotos; ++i) {
            writePhotoFile(in, QStringLiteral("p%1.png").arg(i), 48, 40, i);
        }
        QVERIFY(QDir().mkpath(out));
        std::optional<TmpfsMount> mount;
        std::optional<SimulatedDisk> disk;
        if (!simulated) {
            mount.emplace(out, QStringLiteral("1m"));
            if (!mount->ok()) {
                QSKIP(qPrintable("cannot mount a tmpfs here (needs root): " + mount->error() +
                                 "; the simulated row covers this case"));
            }
        }
        int calls = 0;
        const auto turnReadOnlyAtThird = [&] {
            if (++calls != 3) {
                return;
            }
            waitForFiles(out, 2);
            if (simulated) {
                disk.emplace(out, 0, EROFS);
            } else {
                QVERIFY(::mount(nullptr, QFile::encodeName(out).constData(), nullptr,
                                MS_REMOUNT | MS_RDONLY, nullptr) == 0);
            }
        };
        const BatchOptions o = options(in, out, false);
        const BatchReport report =
            BatchPipeline(identityRestore(turnReadOnlyAtThird), o).run(BatchPlan::make(o));
        QCOMPARE(report.stopReason(), QStringLiteral("output folder read-only"));
        QCOMPARE(report.count(ItemState::Done), 2);
        QCOMPARE(report.count(ItemState::Failed), 1);
        QCOMPARE(report.count(ItemState::Cancelled), kPhotos - 3);
        QVERIFY2(report.items()[2].reason.contains(QLatin1String("Read-only file system")),
                 qPrintable(report.items()[2].reason));
        QCOMPARE(filesBelow(out), (QStringList{"p0_unblur.png", "p1_unblur.png"}));
    }
};

QTEST_GUILESS_MAIN(TestFaultInjection)
#include "TestFaultInjection.moc"
