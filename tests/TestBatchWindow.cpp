// The batch export window driven through its real widgets on the offscreen platform, with
// the tiny test model: a nested folder with a corrupt file, pause and resume, cancel, a full
// disk, the report, and the main window staying usable while a batch runs.
#include "AppSettings.h"
#include "BatchQueueModel.h"
#include "BatchTestSupport.h"
#include "BatchWindow.h"
#include "BlurTestSupport.h"
#include "ImageViewer.h"
#include "MainWindow.h"
#include "ModelHost.h"
#include "SimulatedDisk.h"
#include "Translations.h"
#include "UserPrompt.h"
#include "io/ImageFile.h"

#include <QCheckBox>
#include <QHeaderView>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

using namespace unblur::ui;
using unblur::batch::BatchProgress;
using unblur::batch::ItemState;
using namespace batchtest;

/** A window set up for `input` into `output` with the tiny model in 128 px tiles. */
void prepare(BatchWindow& window, const QString& input, const QString& output)
{
    BatchEngineSettings engine;
    engine.modelFolder = kTiny;
    engine.modelName = QStringLiteral("tiny");
    engine.options.engine.tileSize = 128;
    window.setEngineSettings(engine);
    window.setInputs({input});
    window.setRecursive(true);
    window.setOutputFolder(output);
}

/** `window`'s button `name` ("startButton", "pauseButton", "cancelButton"). */
QPushButton* button(const BatchWindow& window, const char* name)
{
    return window.findChild<QPushButton*>(QLatin1String(name));
}

/** A batch window set up on `count` 320x256 photos (several 128 px tiles each). */
struct LargeBatch
{
    LargeBatch(const QString& prefix, int count);

    QTemporaryDir dir;
    QString in = dir.filePath(QStringLiteral("in"));
    QString out = dir.filePath(QStringLiteral("out"));
    ModelHost host;
    BatchWindow window{&host};
    QSignalSpy progress{&host, &ModelHost::event};
    QSignalSpy finished{&window, &BatchWindow::batchFinished};
};

class TestBatchWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_settings;

    /** Waits for the first progress report inside a photo (a tile done). */
    static bool waitForFirstTile(QSignalSpy& progress)
    {
        for (int i = 0; i < 600; ++i) {
            for (const QList<QVariant>& args : progress) {
                const auto event = args.at(0).value<HostEvent>();
                const auto* progressed = std::get_if<BatchProgressed>(&event);
                if (progressed != nullptr && progressed->progress.currentPart > 0) {
                    return true;
                }
            }
            progress.wait(100);
        }
        return false;
    }

    /** True when every file below `folder` decodes as an image (no partial output). */
    static bool everyFileDecodes(const QString& folder)
    {
        for (const QString& file : filesBelow(folder)) {
            try {
                unblur::io::readImage(QDir(folder).filePath(file).toStdString());
            } catch (const std::exception& e) {
                qWarning("%s: %s", qPrintable(file), e.what());
                return false;
            }
        }
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_settings.isValid());
        AppSettings::useFile(m_settings.filePath(QStringLiteral("settings.ini")));
        qputenv("UNBLUR_MODEL_DIR", UNBLUR_TEST_DATA "/hidiff-tiny");
        UserPrompt::setAutomaticAnswer(QMessageBox::Yes);
        // English as users get it: with its plural forms ("1 failed", "6 photos done").
        QCOMPARE(Translations::install(QLocale(QLocale::English, QLocale::UnitedStates)),
                 QStringLiteral("en"));
    }

    void cleanupTestCase() { AppSettings::useFile(QString()); }

    void exportsANestedFolderAndNamesFailures()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath(QStringLiteral("shoot"));
        const QString out = dir.filePath(QStringLiteral("out"));
        for (int i = 0; i < 4; ++i) {
            writePhotoFile(in, QStringLiteral("day1/IMG_%1.png").arg(i), 48, 40, i);
        }
        writePhotoFile(in, QStringLiteral("day2/evening/IMG_9.tif"), 48, 40, 9, 16);
        writePhotoFile(in, QStringLiteral("IMG_top.png"), 48, 40, 11);
        QVERIFY(writeBytes(in + QStringLiteral("/day2/broken.jpg"), QByteArray("not a JPEG")));

        ModelHost host;
        BatchWindow window(&host);
        prepare(window, in, out);
        window.show();
        QSignalSpy finished(&window, &BatchWindow::batchFinished);
        QTest::mouseClick(button(window, "startButton"), Qt::LeftButton);
        QVERIFY(window.isRunning());
        QVERIFY(!button(window, "startButton")->isEnabled());
        QVERIFY(finished.wait(120000));

        QCOMPARE(window.queue()->rowCount(), 7);
        QCOMPARE(window.queue()->count(ItemState::Done), 6);
        QCOMPARE(window.queue()->count(ItemState::Failed), 1);
        for (const auto& item : window.queue()->items()) {
            if (item.state == ItemState::Failed) {
                QVERIFY(item.input.endsWith(QStringLiteral("broken.jpg")));
                QVERIFY(!item.reason.isEmpty());
            }
        }
        // The folder tree is mirrored, the format kept, every output whole.
        const QStringList files = filesBelow(out);
        QVERIFY2(files.contains(QStringLiteral("day1/IMG_0_unblur.png")),
                 qPrintable(files.join(' ')));
        QVERIFY(files.contains(QStringLiteral("day2/evening/IMG_9_unblur.tif")));
        QVERIFY(files.contains(QStringLiteral("IMG_top_unblur.png")));
        QCOMPARE(files.size(), 6);
        QVERIFY(everyFileDecodes(out));
        QVERIFY2(window.summary().startsWith(QStringLiteral("6 photos done, 0 skipped, 1 failed.")),
                 qPrintable(window.summary()));

        const QString csv = dir.filePath(QStringLiteral("report.csv"));
        QVERIFY(window.saveReport(csv));
        QFile report(csv);
        QVERIFY(report.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(report.readAll());
        QCOMPARE(text.trimmed().split(QLatin1Char('\n')).size(), 8); // header + 7 photos
        QVERIFY(text.contains(QStringLiteral("broken.jpg")));

        // The same batch again skips what is done.
        QTest::mouseClick(button(window, "startButton"), Qt::LeftButton);
        QVERIFY(finished.wait(120000));
        QCOMPARE(window.queue()->count(ItemState::Skipped), 6);
        QCOMPARE(window.queue()->count(ItemState::Done), 0);
    }

    void blurColumnSortsAndSelectsBlurryPhotos()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath(QStringLiteral("in"));
        QDir().mkpath(in);
        const QString blurred = in + QStringLiteral("/a_blurred.png");
        const QString sharp = in + QStringLiteral("/b_sharp.png");
        blurtest::writeBlockPhoto(blurred, 160, 128, 1);
        blurtest::writeBlockPhoto(sharp, 160, 128, 0);
        ModelHost host;
        BatchWindow window(&host);
        prepare(window, in, dir.filePath(QStringLiteral("out")));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        // Listed as soon as added, then scored in the background.
        BatchQueueModel* queue = window.queue();
        QCOMPARE(queue->rowCount(), 2);
        QCOMPARE(
            queue->headerData(BatchQueueModel::Blur, Qt::Horizontal, Qt::DisplayRole).toString(),
            QStringLiteral("Blur"));
        QTRY_VERIFY_WITH_TIMEOUT(queue->blur(0) >= 0 && queue->blur(1) >= 0, 10000);
        QCOMPARE(queue->items()[0].input, blurred);
        QVERIFY2(
            queue->blur(0) > queue->blur(1) && queue->blur(0) >= 0.5 && queue->blur(1) < 0.5,
            qPrintable(
                QStringLiteral("blurred %1, sharp %2").arg(queue->blur(0)).arg(queue->blur(1))));
        QVERIFY(!queue->index(0, BatchQueueModel::Blur).data().toString().isEmpty());

        // Clicking the Blur header sorts by it: ascending, then descending.
        auto* table = window.findChild<QTableView*>(QStringLiteral("queueTable"));
        QHeaderView* header = table->horizontalHeader();
        const QPoint blurHeader(header->sectionViewportPosition(BatchQueueModel::Blur) + 5,
                                header->height() / 2);
        const auto firstShown = [table] {
            return table->model()->index(0, BatchQueueModel::Photo).data().toString();
        };
        QCOMPARE(firstShown(), QStringLiteral("a_blurred.png")); // the list's own order
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, blurHeader);
        QCOMPARE(header->sortIndicatorSection(), int(BatchQueueModel::Blur));
        const double top =
            table->model()->index(0, BatchQueueModel::Blur).data(Qt::UserRole).toDouble();
        const double bottom =
            table->model()->index(1, BatchQueueModel::Blur).data(Qt::UserRole).toDouble();
        QVERIFY(top <= bottom);
        const QString ascendingFirst = firstShown();
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, blurHeader);
        QVERIFY(firstShown() != ascendingFirst);
        QCOMPARE(header->sortIndicatorOrder() == Qt::DescendingOrder ? firstShown()
                                                                     : ascendingFirst,
                 QStringLiteral("a_blurred.png"));

        // Select blurry only: just the blurred photo.
        table->selectAll();
        QTest::mouseClick(button(window, "selectBlurryButton"), Qt::LeftButton);
        QCOMPARE(window.selectedPhotos(), QStringList{blurred});

        // Only blurry photos: the sharp one is skipped with its score; remembered.
        auto* onlyBlurry = window.findChild<QCheckBox*>(QStringLiteral("onlyBlurryCheck"));
        onlyBlurry->click();
        QVERIFY(AppSettings::value(AppSettings::BatchOnlyBlurry).toBool());
        QSignalSpy finished(&window, &BatchWindow::batchFinished);
        QVERIFY(window.start());
        QVERIFY(finished.wait(120000));
        QCOMPARE(queue->count(ItemState::Done), 1);
        QCOMPARE(queue->count(ItemState::Skipped), 1);
        for (const auto& item : queue->items()) {
            QVERIFY(item.blur >= 0); // the run's own measure
            if (item.input == sharp) {
                QVERIFY2(item.reason.startsWith(QStringLiteral("sharp (blur 0.")),
                         qPrintable(item.reason));
            }
        }
        BatchWindow again(&host);
        QVERIFY(again.findChild<QCheckBox*>(QStringLiteral("onlyBlurryCheck"))->isChecked());
        AppSettings::setValue(AppSettings::BatchOnlyBlurry, false);
    }

    /**
     * Protect sharp areas is on by default: a sharp photo's output is the photo as it was,
     * while unprotected the network changes it; turned off, it stays off in the next window.
     */
    void protectSharpIsOnByDefault()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath(QStringLiteral("in"));
        QDir().mkpath(in);
        blurtest::writeBlockPhoto(in + QStringLiteral("/sharp.png"), 160, 128, 0);
        ModelHost host;
        BatchWindow window(&host);
        prepare(window, in, dir.filePath(QStringLiteral("kept")));
        auto* check = window.findChild<QCheckBox*>(QStringLiteral("protectSharpCheck"));
        QVERIFY(check != nullptr && check->isChecked());
        QSignalSpy finished(&window, &BatchWindow::batchFinished);
        QVERIFY(window.start());
        QVERIFY(finished.wait(120000));
        check->click();
        QVERIFY(!AppSettings::value(AppSettings::BatchProtectSharp).toBool());
        window.setOutputFolder(dir.filePath(QStringLiteral("bare")));
        QVERIFY(window.start());
        QVERIFY(finished.wait(120000));

        const auto largestChange = [&](const QString& folder) {
            const std::vector<float> before =
                unblur::io::readImage((in + QStringLiteral("/sharp.png")).toStdString()).pixels;
            const std::vector<float> after =
                unblur::io::readImage(
                    dir.filePath(folder + QStringLiteral("/sharp_unblur.png")).toStdString())
                    .pixels;
            float largest = after.size() == before.size() ? 0.0f : 1.0f;
            for (size_t i = 0; i < std::min(before.size(), after.size()); ++i) {
                largest = std::max(largest, std::abs(after[i] - before[i]));
            }
            return largest;
        };
        const float kept = largestChange(QStringLiteral("kept"));
        const float bare = largestChange(QStringLiteral("bare"));
        QVERIFY2(kept <= 1.0f / 255 && bare > 10.0f / 255,
                 qPrintable(QStringLiteral("largest change: protected %1, bare %2")
                                .arg(kept * 255)
                                .arg(bare * 255)));
        BatchWindow again(&host);
        QVERIFY(!again.findChild<QCheckBox*>(QStringLiteral("protectSharpCheck"))->isChecked());
        AppSettings::setValue(AppSettings::BatchProtectSharp, true);
    }

    void pausesBetweenTilesAndResumes()
    {
        LargeBatch batch(QStringLiteral("p"), 4);
        BatchWindow& window = batch.window;
        QSignalSpy& progress = batch.progress;
        QSignalSpy& finished = batch.finished;
        QVERIFY(window.start());
        QVERIFY(waitForFirstTile(progress));
        QTest::mouseClick(button(window, "pauseButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(window.isPaused(), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(button(window, "pauseButton")->text().remove(QLatin1Char('&')),
                                  QStringLiteral("Resume"), 5000);
        // While paused nothing more is restored.
        QTest::qWait(300);
        const int doneWhenPaused = window.queue()->count(ItemState::Done);
        const int reportsWhenPaused = progress.count();
        QTest::qWait(1000);
        QCOMPARE(window.queue()->count(ItemState::Done), doneWhenPaused);
        QVERIFY(progress.count() <= reportsWhenPaused + 1);
        QVERIFY(window.isRunning());
        QVERIFY(finished.isEmpty());
        QTest::mouseClick(button(window, "pauseButton"), Qt::LeftButton);
        QVERIFY(finished.wait(120000));
        QCOMPARE(window.queue()->count(ItemState::Done), 4);
        QVERIFY(everyFileDecodes(batch.out));
    }

    void cancelStopsWithinATileAndLeavesNoPartialFile()
    {
        LargeBatch batch(QStringLiteral("c"), 6);
        BatchWindow& window = batch.window;
        QVERIFY(window.start());
        QVERIFY(waitForFirstTile(batch.progress));
        QTest::mouseClick(button(window, "cancelButton"), Qt::LeftButton);
        QVERIFY(batch.finished.wait(30000));
        const QString& out = batch.out;
        QVERIFY(window.queue()->count(ItemState::Cancelled) >= 1);
        QVERIFY(window.queue()->count(ItemState::Done) < 6);
        // Only whole outputs, one per photo reported done, and no temporary files.
        QCOMPARE(filesBelow(out).size(), window.queue()->count(ItemState::Done));
        QVERIFY(everyFileDecodes(out));
        QVERIFY(button(window, "startButton")->isEnabled());
    }

    /**
     * A full disk (simulated) stops the batch: the window says why and how many photos were
     * not started, keeps the finished ones, and Start again does only the missing ones.
     */
    void fullDiskStopsTheBatchAndStartResumes()
    {
        constexpr int kPhotos = 5;
        QTemporaryDir dir;
        const QString in = dir.filePath(QStringLiteral("in"));
        for (int i = 0; i < kPhotos; ++i) {
            writePhotoFile(in, QStringLiteral("p%1.png").arg(i), 48, 40, i);
        }
        ModelHost host;
        BatchWindow window(&host);
        QSignalSpy finished(&window, &BatchWindow::batchFinished);
        // A first run measures the outputs: the disk then holds two and a half of them.
        const QString reference = dir.filePath(QStringLiteral("reference"));
        prepare(window, in, reference);
        QVERIFY(window.start());
        QVERIFY(finished.wait(120000));
        qint64 largest = 0;
        for (const QString& file : filesBelow(reference)) {
            largest = std::max(largest, QFileInfo(QDir(reference).filePath(file)).size());
        }
        const qint64 page = SimulatedDisk::kPage;
        const QString out = dir.filePath(QStringLiteral("out"));
        SimulatedDisk disk(out, (largest + page - 1) / page * page * 5 / 2);

        window.setOutputFolder(out);
        window.show();
        QTest::mouseClick(button(window, "startButton"), Qt::LeftButton);
        QVERIFY(finished.wait(120000));
        BatchQueueModel* queue = window.queue();
        QCOMPARE(queue->count(ItemState::Done), 2);
        QCOMPARE(queue->count(ItemState::Failed), 1);
        QCOMPARE(queue->count(ItemState::Cancelled), kPhotos - 3);
        const QString summary = window.summary();
        QVERIFY2(summary.contains(QLatin1String("Stopped: the disk is full. 2 photos not started; "
                                                "the photos finished are kept. Free some space, "
                                                "then Start again: the photos done are skipped.")),
                 qPrintable(summary));
        QCOMPARE(queue->index(kPhotos - 1, BatchQueueModel::State).data().toString(),
                 QStringLiteral("Not started"));
        QVERIFY2(queue->index(2, BatchQueueModel::Result)
                     .data()
                     .toString()
                     .contains(QLatin1String("No space left on device")),
                 qPrintable(queue->index(2, BatchQueueModel::Result).data().toString()));
        QCOMPARE(filesBelow(out).size(), 2);
        QVERIFY(everyFileDecodes(out));
        QVERIFY(button(window, "startButton")->isEnabled());

        disk.setRoom(std::numeric_limits<qint64>::max() / 2);
        QTest::mouseClick(button(window, "startButton"), Qt::LeftButton);
        QVERIFY(finished.wait(120000));
        QCOMPARE(queue->count(ItemState::Skipped), 2);
        QCOMPARE(queue->count(ItemState::Done), kPhotos - 2);
        QCOMPARE(filesBelow(out), filesBelow(reference));
        QVERIFY(!window.summary().contains(QLatin1String("Stopped")));
    }

    /**
     * Closing the application while a batch runs: the model thread is joined while the batch's
     * tiles still ask it to serve the main window between them (found by the GUI soak: this
     * crashed on a null ModelThread).
     */
    void windowDeletedDuringABatchStopsIt()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath(QStringLiteral("in"));
        for (int i = 0; i < 3; ++i) {
            writePhotoFile(in, QStringLiteral("q%1.png").arg(i), 320, 256, i);
        }
        auto main = std::make_unique<MainWindow>();
        BatchWindow* batch = main->showBatchWindow();
        prepare(*batch, in, dir.filePath(QStringLiteral("out")));
        QSignalSpy progress(main->host(), &ModelHost::event);
        QVERIFY(batch->start());
        QVERIFY(waitForFirstTile(progress));
        QVERIFY(batch->isRunning());
        main.reset(); // the batch stops within a tile; no crash, nothing partial
        QVERIFY(everyFileDecodes(dir.filePath(QStringLiteral("out"))));
    }

    void mainWindowStaysUsableDuringABatch()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath(QStringLiteral("in"));
        for (int i = 0; i < 4; ++i) {
            writePhotoFile(in, QStringLiteral("m%1.png").arg(i), 320, 256, i);
        }
        MainWindow main;
        main.show();
        BatchWindow* batch = main.showBatchWindow();
        prepare(*batch, in, dir.filePath(QStringLiteral("out")));
        QSignalSpy finished(batch, &BatchWindow::batchFinished);
        QVERIFY(batch->start());
        QSignalSpy shown(&main, &MainWindow::photoShown);
        main.openPhoto(in + QStringLiteral("/m0.png"));
        QVERIFY(shown.wait(30000));
        QVERIFY(main.findChild<ImageViewer*>(QStringLiteral("viewer"))->hasPhoto());
        // A deblur asked for during the batch runs on the same model, between its tiles.
        QSignalSpy deblurred(&main, &MainWindow::deblurDone);
        main.deblur();
        QVERIFY(deblurred.wait(120000));
        qInfo("main window's deblur done with the batch %s",
              batch->isRunning() ? "still running" : "already finished");
        const unblur::io::FloatImage duringBatch = *main.restoredPixels();
        QVERIFY(finished.count() > 0 || finished.wait(120000));
        QCOMPARE(batch->queue()->count(ItemState::Done), 4);
        QCOMPARE(main.host()->modelsLoaded(), 1); // one model for both windows
        // The same deblur again, alone: the same pixels, bit for bit.
        main.deblur();
        QVERIFY(deblurred.wait(120000));
        QVERIFY(duringBatch.pixels == main.restoredPixels()->pixels);
    }
};

LargeBatch::LargeBatch(const QString& prefix, int count)
{
    for (int i = 0; i < count; ++i) {
        writePhotoFile(in, QStringLiteral("%1%2.png").arg(prefix).arg(i), 320, 256, i);
    }
    prepare(window, in, out);
}

QTEST_MAIN(TestBatchWindow)
#include "TestBatchWindow.moc"
