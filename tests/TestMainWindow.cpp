// The desktop application driven through its real widgets on the offscreen platform: open,
// deblur on the worker with the tiny test model, progress, compare, cancel, save with
// metadata, errors in the banner, and the event loop's latency during a run.
#include "AppSettings.h"
#include "BlurTestSupport.h"
#include "ControlsPanel.h"
#include "DisplayImage.h"
#include "ImageViewer.h"
#include "MainWindow.h"
#include "MessageBanner.h"
#include "ModelHost.h"
#include "PhotoIo.h"
#include "SimulatedDisk.h"
#include "UserPrompt.h"
#include "io/PhotoReader.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

using namespace unblur::ui;

namespace {

const QString kSmall = QStringLiteral(UNBLUR_TEST_DATA "/metadata/exiv2/FurnaceCreekInn.jpg");
const QString kLarge = QStringLiteral(UNBLUR_TEST_DATA "/metadata/pillow/xmp_test.jpg");

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;

    MainWindow& window() { return *m_window; }
    // The window's parts, found by object name as a user's tools would.
    ImageViewer* viewer() { return m_window->findChild<ImageViewer*>(QStringLiteral("viewer")); }
    ControlsPanel* controls()
    {
        return m_window->findChild<ControlsPanel*>(QStringLiteral("controls"));
    }
    MessageBanner* banner()
    {
        return m_window->findChild<MessageBanner*>(QStringLiteral("banner"));
    }
    QPushButton* deblurButton()
    {
        return m_window->findChild<QPushButton*>(QStringLiteral("deblurButton"));
    }
    ModelHost* host() { return m_window->host(); }

    /** The events of type T that `spy` (on ModelHost::event) caught, in order. */
    template <class T> static std::vector<T> eventsOf(const QSignalSpy& spy)
    {
        std::vector<T> events;
        for (const QList<QVariant>& args : spy) {
            const auto event = args.at(0).value<HostEvent>();
            if (const T* typed = std::get_if<T>(&event)) {
                events.push_back(*typed);
            }
        }
        return events;
    }

    bool open(const QString& path)
    {
        QSignalSpy shown(m_window.get(), &MainWindow::photoShown);
        m_window->openPhoto(path);
        return shown.wait(30000);
    }

    /** Deblurs the open photo in tiles of `tile` px (0: automatic) and waits for the result. */
    bool deblur(int tile)
    {
        controls()->setTileSize(tile);
        QSignalSpy done(m_window.get(), &MainWindow::deblurDone);
        m_window->deblur();
        return done.wait(120000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        AppSettings::useFile(m_dir.filePath(QStringLiteral("settings.ini")));
        qputenv("UNBLUR_MODEL_DIR", UNBLUR_TEST_DATA "/hidiff-tiny");
        UserPrompt::setAutomaticAnswer(QMessageBox::Discard);
    }

    void init()
    {
        m_window = std::make_unique<MainWindow>();
        m_window->resize(1000, 700);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get())); // window shortcuts need it
    }

    void cleanup()
    {
        UserPrompt::setAutomaticAnswer(QMessageBox::Discard);
        m_window.reset();
    }

    void cleanupTestCase() { AppSettings::useFile(QString()); }

    void opensPhotoWithTitle()
    {
        QVERIFY(open(kSmall));
        QVERIFY(viewer()->hasPhoto());
        QVERIFY(window().windowTitle().contains(QStringLiteral("FurnaceCreekInn.jpg")));
        QVERIFY(!window().isWindowModified());
        QVERIFY(deblurButton()->isEnabled());
        QCOMPARE(AppSettings::value(AppSettings::RecentFiles).toStringList().value(0),
                 QFileInfo(kSmall).absoluteFilePath());
    }

    void droppingAFileOpensIt()
    {
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(kSmall)});
        QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, &mime, Qt::LeftButton,
                              Qt::NoModifier);
        QApplication::sendEvent(&window(), &enter);
        QVERIFY(enter.isAccepted());
        QSignalSpy shown(&window(), &MainWindow::photoShown);
        QDropEvent drop(QPointF(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window(), &drop);
        QVERIFY(shown.wait(30000));
        QCOMPARE(shown.first().at(0).toString(), QFileInfo(kSmall).absoluteFilePath());
    }

    void settingsAreRestored()
    {
        AppSettings::setValue(AppSettings::Precision, QStringLiteral("bf16"));
        AppSettings::setValue(AppSettings::TileSize, 256);
        AppSettings::setValue(AppSettings::EnsembleViews, 4);
        AppSettings::setValue(AppSettings::Refine, QStringLiteral("off"));
        MainWindow again;
        QCOMPARE(again.findChild<ControlsPanel*>(QStringLiteral("controls"))->refine(),
                 QStringLiteral("off"));
        AppSettings::setValue(AppSettings::Refine, QStringLiteral("auto"));
        QCOMPARE(again.findChild<ControlsPanel*>(QStringLiteral("controls"))->precision(),
                 QStringLiteral("bf16"));
        QCOMPARE(again.findChild<ControlsPanel*>(QStringLiteral("controls"))->tileSize(), 256);
        QCOMPARE(again.findChild<ControlsPanel*>(QStringLiteral("controls"))->views(), 4);
        AppSettings::setValue(AppSettings::Precision, QStringLiteral("auto"));
        AppSettings::setValue(AppSettings::TileSize, 0);
        AppSettings::setValue(AppSettings::EnsembleViews, 1);
    }

    /**
     * Protect sharp areas is on by default: a sharp photo comes back as it was, while the
     * network alone changes it; turned off, it stays off in the next session.
     */
    void protectSharpIsOnByDefaultAndRemembered()
    {
        auto* check = controls()->findChild<QCheckBox*>(QStringLiteral("protectSharpCheck"));
        QVERIFY(check != nullptr && check->isChecked());
        QVERIFY(!check->toolTip().isEmpty());
        QVERIFY(controls()->restoreOptions().protectSharp);
        QVERIFY(AppSettings::value(AppSettings::ProtectSharp).toBool());

        const QString sharp = m_dir.filePath(QStringLiteral("protect-sharp.png"));
        blurtest::writeBlockPhoto(sharp, 192, 128, 0);
        QVERIFY(open(sharp));
        const auto largestChange = [this] {
            const std::vector<float>& before = window().photo()->image.pixels;
            const std::vector<float>& after = window().restoredPixels()->pixels;
            float largest = after.size() == before.size() ? 0.0f : 1.0f;
            for (size_t i = 0; i < std::min(before.size(), after.size()); ++i) {
                largest = std::max(largest, std::abs(after[i] - before[i]));
            }
            return largest;
        };
        QVERIFY(deblur(0));
        const float kept = largestChange();
        QTest::mouseClick(check, Qt::LeftButton);
        QVERIFY(!controls()->restoreOptions().protectSharp);
        QVERIFY(!AppSettings::value(AppSettings::ProtectSharp).toBool());
        QVERIFY(deblur(0));
        const float bare = largestChange();
        QVERIFY2(kept < 1.0f / 255 && bare > 10.0f / 255,
                 qPrintable(QStringLiteral("largest change: protected %1, bare %2")
                                .arg(kept * 255)
                                .arg(bare * 255)));

        m_window.reset();
        {
            MainWindow again;
            auto* panel = again.findChild<ControlsPanel*>(QStringLiteral("controls"));
            QVERIFY(!panel->protectSharp());
            QVERIFY(!panel->restoreOptions().protectSharp);
        }
        AppSettings::setValue(AppSettings::ProtectSharp, true); // the default, for the tests after
    }

    void blurScoreAndMapFollowThePhoto()
    {
        const QString blurred = m_dir.filePath(QStringLiteral("blurred.png"));
        const QString sharp = m_dir.filePath(QStringLiteral("sharp.png"));
        blurtest::writeBlockPhoto(blurred, 384, 256, 1);
        blurtest::writeBlockPhoto(sharp, 384, 256, 0);
        auto* label = m_window->findChild<QLabel*>(QStringLiteral("blurScore"));
        QVERIFY(label != nullptr);

        QSignalSpy scored(m_window.get(), &MainWindow::blurScored);
        QVERIFY(open(blurred));
        QVERIFY(scored.count() > 0 || scored.wait(10000));
        const double blurredScore = window().blurScore().score;
        QVERIFY2(label->text().startsWith(QStringLiteral("Blur 0.")) ||
                     label->text().startsWith(QStringLiteral("Blur 1.")),
                 qPrintable(label->text()));
        QVERIFY2(label->text().contains(QStringLiteral("(blurry")), qPrintable(label->text()));
        QVERIFY(window().blurScore().blurry);

        // View > Blur map (M): a red overlay over the blurred photo, gone when turned off.
        QVERIFY(!window().isBlurMapShown() && !viewer()->hasOverlay());
        const QImage plain = viewer()->grab().toImage();
        QTest::keyClick(m_window.get(), Qt::Key_M);
        QVERIFY(window().isBlurMapShown());
        QVERIFY(viewer()->hasOverlay());
        const QImage overlaid = viewer()->grab().toImage();
        QVERIFY(overlaid != plain);
        // Parts of the photo turn red.
        int redder = 0;
        for (int y = 0; y < plain.height(); ++y) {
            for (int x = 0; x < plain.width(); ++x) {
                const QRgb before = plain.pixel(x, y);
                const QRgb after = overlaid.pixel(x, y);
                redder += qRed(after) - qGreen(after) > qRed(before) - qGreen(before) + 40;
            }
        }
        QVERIFY2(redder > plain.width() * plain.height() / 50, qPrintable(QString::number(redder)));
        QVERIFY(AppSettings::value(AppSettings::BlurMap).toBool());
        QTest::keyClick(m_window.get(), Qt::Key_M);
        QVERIFY(!viewer()->hasOverlay());
        QCOMPARE(viewer()->grab().toImage(), plain);
        QVERIFY(!AppSettings::value(AppSettings::BlurMap).toBool());

        // A sharp photo scores lower and says so.
        scored.clear();
        QVERIFY(open(sharp));
        QVERIFY(scored.count() > 0 || scored.wait(10000));
        QVERIFY2(label->text().endsWith(QStringLiteral("(sharp)")), qPrintable(label->text()));
        QVERIFY(window().blurScore().score < blurredScore);
    }

    void blurOfAnOlderPhotoIsDropped()
    {
        const QString first = m_dir.filePath(QStringLiteral("first.png"));
        const QString flat = m_dir.filePath(QStringLiteral("flat.png"));
        blurtest::writeBlockPhoto(first, 384, 256, 1);
        unblur::io::FloatImage grey = blurtest::blockPhoto(96, 64, 0);
        std::fill(grey.pixels.begin(), grey.pixels.end(), 0.5f);
        unblur::io::writeImage(flat.toStdString(), grey);
        QSignalSpy scored(m_window.get(), &MainWindow::blurScored);
        QVERIFY(open(first));
        QVERIFY(open(flat)); // asked for while the first is measured, or just after
        QTRY_VERIFY_WITH_TIMEOUT(window().isBlurKnown(), 10000);
        QTest::qWait(200);
        auto* label = m_window->findChild<QLabel*>(QStringLiteral("blurScore"));
        QVERIFY2(label->text().startsWith(QStringLiteral("Blur: not measurable")),
                 qPrintable(label->text()));
        QVERIFY(!window().blurScore().measurable);
    }

    /** The panel's ensemble reaches the engine: the progress names the views. */
    void ensembleRunsEveryView()
    {
        QVERIFY(open(kSmall));
        controls()->setViews(2);
        QSignalSpy events(host(), &ModelHost::event);
        QVERIFY(deblur(0));
        controls()->setViews(1);
        bool secondView = false;
        for (const DeblurProgressed& p : eventsOf<DeblurProgressed>(events)) {
            secondView |= p.progress.stage.startsWith(QStringLiteral("view 2/2"));
        }
        QVERIFY(secondView);
        QVERIFY(viewer()->hasRestored());
    }

    /** Precision Auto is the default; after a run the panel shows what it picked. */
    void automaticPrecisionShowsItsChoice()
    {
        qputenv("UNBLUR_CPU_BF16", "0"); // a CPU without bf16 instructions: float32
        QCOMPARE(controls()->precision(), QStringLiteral("auto"));
        QComboBox* precision = nullptr;
        for (QComboBox* box : controls()->findChildren<QComboBox*>()) {
            if (box->accessibleName() == QLatin1String("Precision")) {
                precision = box;
            }
        }
        QVERIFY(precision != nullptr);
        QCOMPARE(precision->currentText(), QStringLiteral("Auto"));
        QVERIFY(open(kSmall));
        QVERIFY(deblur(0));
        QCOMPARE(precision->currentText(), QStringLiteral("Auto (float32)"));
        qunsetenv("UNBLUR_CPU_BF16");
    }

    /** The panel's shake refinement reaches the Restorer; the status line says what it did. */
    void refinementIsReportedInTheStatusLine()
    {
        QVERIFY(open(kSmall));
        controls()->setRefine(QStringLiteral("auto"));
        QVERIFY(deblur(0));
        const QString message = window().statusBar()->currentMessage();
        QVERIFY2(message.contains(QStringLiteral("shake refinement")), qPrintable(message));
        auto* inset = m_window->findChild<QLabel*>(QStringLiteral("kernelInset"));
        QVERIFY(inset != nullptr);
        // The inset shows a kernel exactly when one was applied.
        QCOMPARE(inset->isVisibleTo(m_window.get()), message.contains(QStringLiteral("applied")));
        controls()->setRefine(QStringLiteral("off"));
        QVERIFY(deblur(0));
        QVERIFY(!window().statusBar()->currentMessage().contains(QStringLiteral("refinement")));
        QVERIFY(!inset->isVisibleTo(m_window.get()));
    }

    void deblurReportsProgressAndShowsSplit()
    {
        QVERIFY(open(kSmall));
        QSignalSpy events(host(), &ModelHost::event);
        QVERIFY(deblur(128));
        const std::vector<DeblurProgressed> progress = eventsOf<DeblurProgressed>(events);
        QVERIFY(progress.size() > 1);
        int last = 0;
        int total = 0;
        for (const DeblurProgressed& event : progress) {
            const DeblurProgress& p = event.progress;
            QVERIFY2(p.tilesDone >= last, "tiles done went backwards");
            last = p.tilesDone;
            total = p.tilesTotal;
        }
        QVERIFY(total > 1);
        QCOMPARE(last, total);
        QVERIFY(viewer()->hasRestored());
        QCOMPARE(viewer()->mode(), ImageViewer::Mode::Split);
        QVERIFY(window().isWindowModified());
        QVERIFY(window().hasResult());
    }

    void previewRestoresTheViewAndFollowsThePan()
    {
        QVERIFY(open(kLarge));
        window().setPreviewSide(96);
        controls()->setTileSize(0);
        ImageViewer* viewer = this->viewer();
        viewer->setZoom(1.0);
        const QRect visible = viewer->visibleImageRect();
        QVERIFY(visible.width() > 200 && visible.height() > 200);
        QSignalSpy updated(&window(), &MainWindow::previewUpdated);
        window().preview();
        QVERIFY(updated.wait(60000));
        const QRect first = updated.at(0).at(0).toRect();
        QCOMPARE(first.size(), QSize(96, 96));
        QVERIFY(visible.contains(first));
        QVERIFY(window().isPreviewing());
        QVERIFY(viewer->hasRestored());
        QVERIFY(!window().hasResult()); // nothing to save until the whole photo is done
        QVERIFY(!window().isWindowModified());
        QVERIFY(deblurButton()->text().contains(QStringLiteral("Apply")));
        QCOMPARE(viewer->previewRegions(), QList<QRect>{first});
        // Restored inside the region, the original outside it.
        const QImage after = viewer->restoredImage();
        const QImage original = viewer->originalImage();
        QCOMPARE(after.size(), original.size());
        int changedInside = 0;
        for (int y = first.top(); y <= first.bottom(); ++y) {
            for (int x = first.left(); x <= first.right(); ++x) {
                changedInside += after.pixel(x, y) != original.pixel(x, y);
            }
        }
        QVERIFY2(changedInside > first.width() * first.height() / 2, "the region was restored");
        QCOMPARE(after.copy(0, 0, after.width(), first.top()),
                 original.copy(0, 0, original.width(), first.top()));
        // Pan: the view moves to an unrestored part and the preview follows by itself.
        const QPoint from(viewer->width() * 3 / 4, viewer->height() / 2); // not on the divider
        QTest::mousePress(viewer, Qt::LeftButton, Qt::NoModifier, from);
        QTest::mouseMove(viewer, from - QPoint(150, 0));
        QTest::mouseMove(viewer, from - QPoint(300, 0));
        QTest::mouseRelease(viewer, Qt::LeftButton, Qt::NoModifier, from - QPoint(300, 0));
        QVERIFY(updated.wait(60000));
        const QRect second = updated.at(1).at(0).toRect();
        QVERIFY(second.x() > first.x() + 200);
        QCOMPARE(viewer->previewRegions().size(), 2);
        // Applying to the whole photo replaces the preview with a full result.
        QVERIFY(deblur(0));
        QVERIFY(window().hasResult());
        QVERIFY(viewer->previewRegions().isEmpty());
        QVERIFY(!window().isPreviewing());
    }

    void draggingTheDividerMovesTheSplit()
    {
        QVERIFY(open(kSmall));
        QVERIFY(deblur(128));
        ImageViewer* viewer = this->viewer();
        const int y = viewer->height() / 2;
        const QPoint start(qRound(viewer->dividerX()), y);
        const QPoint end(viewer->width() / 4, y);
        QSignalSpy moved(viewer, &ImageViewer::splitPositionChanged);
        QTest::mousePress(viewer, Qt::LeftButton, Qt::NoModifier, start);
        QTest::mouseMove(viewer, QPoint((start.x() + end.x()) / 2, y));
        QTest::mouseMove(viewer, end);
        QTest::mouseRelease(viewer, Qt::LeftButton, Qt::NoModifier, end);
        QVERIFY(moved.count() >= 1);
        QVERIFY(qAbs(viewer->splitPosition() - 0.25) < 0.01);
        // The pixels follow: left of the divider is the original, right the restored.
        const QImage shot = viewer->grab().toImage();
        QVERIFY(!shot.isNull());
    }

    void cancelStopsAndLeavesThePhoto()
    {
        QVERIFY(open(kLarge));
        controls()->setTileSize(128);
        QSignalSpy events(host(), &ModelHost::event);
        QSignalSpy stopped(&window(), &MainWindow::deblurStopped);
        int doneAtCancel = -1;
        connect(host(), &ModelHost::event, this, [&](const HostEvent& event) {
            const auto* p = std::get_if<DeblurProgressed>(&event);
            if (p != nullptr && doneAtCancel < 0 && p->progress.tilesDone >= 1) {
                doneAtCancel = p->progress.tilesDone;
                window().cancelDeblur();
            }
        });
        window().deblur();
        QVERIFY(stopped.wait(120000));
        QCOMPARE(eventsOf<DeblurCancelled>(events).size(), size_t(1));
        int lastDone = 0;
        int total = 0;
        for (const DeblurProgressed& p : eventsOf<DeblurProgressed>(events)) {
            lastDone = p.progress.tilesDone;
            total = p.progress.tilesTotal;
        }
        qInfo("cancelled at %d of %d tiles; last report %d", doneAtCancel, total, lastDone);
        QVERIFY(total > 10);
        QVERIFY2(lastDone <= doneAtCancel + 1, "more than one tile ran after the cancel");
        QVERIFY(!viewer()->hasRestored());
        QVERIFY(!window().hasResult());
        QVERIFY(!window().isWindowModified());
        QVERIFY(!host()->isBusy());
        QVERIFY(deblurButton()->isEnabled());
    }

    void saveKeepsMetadata()
    {
        QVERIFY(open(kSmall));
        QVERIFY(deblur(0));
        const QString out = m_dir.filePath(QStringLiteral("out.jpg"));
        QSignalSpy saved(window().photoIo(), &PhotoIo::saved);
        QVERIFY(window().saveTo(out));
        QVERIFY(saved.wait(30000));
        QVERIFY(!window().isWindowModified());
        const auto source = unblur::io::readPhoto(kSmall.toStdString());
        const auto back = unblur::io::readPhoto(out.toStdString());
        QCOMPARE(back.image.width, source.image.width);
        QVERIFY(!source.metadata.value("Exif.Image.Model").empty());
        QCOMPARE(back.metadata.value("Exif.Image.Model"),
                 source.metadata.value("Exif.Image.Model"));
        QCOMPARE(back.metadata.value("Exif.Photo.DateTimeOriginal"),
                 source.metadata.value("Exif.Photo.DateTimeOriginal"));
        QCOMPARE(back.metadata.hasGps(), source.metadata.hasGps());
        QVERIFY(QString::fromStdString(back.metadata.value("Exif.Image.Software"))
                    .startsWith(QStringLiteral("Unblur")));

        // Export without the location: the rest stays.
        QVERIFY(source.metadata.hasGps());
        unblur::io::PhotoWriteOptions options;
        options.metadata = unblur::io::MetadataPolicy::StripGps;
        const QString noGps = m_dir.filePath(QStringLiteral("nogps.png"));
        QVERIFY(window().saveTo(noGps, options));
        QVERIFY(saved.wait(30000));
        const auto stripped = unblur::io::readPhoto(noGps.toStdString());
        QVERIFY(!stripped.metadata.hasGps());
        QCOMPARE(stripped.format, unblur::io::ImageFormat::Png);
        QCOMPARE(stripped.metadata.value("Exif.Image.Model"),
                 source.metadata.value("Exif.Image.Model"));
    }

    /** A full disk on save: the reason in the banner, no file, the result still there. */
    void saveOnAFullDiskKeepsTheResult()
    {
        QVERIFY(open(kSmall));
        QVERIFY(deblur(0));
        const QString folder = m_dir.filePath(QStringLiteral("full"));
        QVERIFY(QDir().mkpath(folder));
        const QString out = folder + QStringLiteral("/out.jpg");
        QSignalSpy saved(window().photoIo(), &PhotoIo::saved);
        QSignalSpy failed(window().photoIo(), &PhotoIo::saveFailed);
        {
            const batchtest::SimulatedDisk disk(folder, 0);
            QVERIFY(window().saveTo(out));
            QVERIFY(failed.wait(30000));
        }
        QCOMPARE(banner()->kind(), MessageBanner::Kind::Error);
        QVERIFY2(banner()->text().contains(QStringLiteral("out.jpg")) &&
                     banner()->text().contains(QStringLiteral("No space left on device")),
                 qPrintable(banner()->text()));
        QVERIFY(QDir(folder).entryList(QDir::Files | QDir::Hidden).isEmpty());
        QVERIFY(window().isWindowModified());
        QVERIFY(window().hasResult());

        QVERIFY(window().saveTo(out)); // with space again
        QVERIFY(saved.wait(30000));
        QVERIFY(!window().isWindowModified());
        QCOMPARE(unblur::io::readPhoto(out.toStdString()).image.width,
                 unblur::io::readPhoto(kSmall.toStdString()).image.width);
    }

    void originalNeedsConfirmation()
    {
        const QString copy = m_dir.filePath(QStringLiteral("original.jpg"));
        QFile::remove(copy);
        QVERIFY(QFile::copy(kSmall, copy));
        QVERIFY(open(copy));
        QVERIFY(deblur(0));
        const int asked = UserPrompt::askedCount();
        UserPrompt::setAutomaticAnswer(QMessageBox::Cancel);
        QVERIFY(!window().saveTo(copy));
        QCOMPARE(UserPrompt::askedCount(), asked + 1);
        QCOMPARE(QFileInfo(copy).size(), QFileInfo(kSmall).size());

        UserPrompt::setAutomaticAnswer(QMessageBox::Yes);
        QSignalSpy saved(window().photoIo(), &PhotoIo::saved);
        QVERIFY(window().saveTo(copy));
        QVERIFY(saved.wait(30000));
        QVERIFY(QFileInfo(copy).size() != QFileInfo(kSmall).size());
    }

    void unsavedChangesAreAskedAbout()
    {
        QVERIFY(open(kSmall));
        QVERIFY(deblur(0));
        UserPrompt::setAutomaticAnswer(QMessageBox::Cancel);
        const int asked = UserPrompt::askedCount();
        window().openPhoto(kLarge);
        QCOMPARE(UserPrompt::askedCount(), asked + 1);
        QTest::qWait(200);
        QCOMPARE(QString::fromStdString(window().photo()->path),
                 QFileInfo(kSmall).absoluteFilePath());
        QVERIFY(window().hasResult());

        UserPrompt::setAutomaticAnswer(QMessageBox::Discard);
        QVERIFY(open(kLarge));
        QVERIFY(!window().hasResult());
    }

    void corruptFileShowsBannerAndAppStillWorks()
    {
        const QString bad = m_dir.filePath(QStringLiteral("broken.jpg"));
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray("\xFF\xD8\xFF\xE0 this is not really a JPEG", 30));
        file.close();
        QSignalSpy failed(window().photoIo(), &PhotoIo::loadFailed);
        window().openPhoto(bad);
        QVERIFY(failed.wait(30000));
        QVERIFY(banner()->isVisible());
        QVERIFY(banner()->text().contains(QStringLiteral("broken.jpg")));
        QCOMPARE(banner()->kind(), MessageBanner::Kind::Error);
        QVERIFY(!window().photo());

        QVERIFY(open(kSmall));
        QVERIFY(!banner()->isVisible());
        QVERIFY(deblur(0));
        QVERIFY(viewer()->hasRestored());
    }

    void strengthBlendsLive()
    {
        QVERIFY(open(kSmall));
        // The photo is sharp: protected, it would come back unchanged. Blend the network's own.
        controls()->setProtectSharp(false);
        QVERIFY(deblur(0));
        controls()->setProtectSharp(true);
        const QImage full = viewer()->restoredImage();
        controls()->setStrength(0);
        const auto photo = window().photo();
        const QImage original = toDisplayImage(photo->image, photo->metadata.iccProfile());
        QTRY_COMPARE(viewer()->restoredImage(), original);
        QVERIFY(window().isWindowModified());
        QVERIFY(viewer()->restoredImage() != full);
        controls()->setStrength(100);
        QTRY_COMPARE(viewer()->restoredImage(), full);
    }

    void modelFoldersAreValidatedWhenAdded()
    {
        // Not a model folder at all.
        const QString empty = m_dir.filePath(QStringLiteral("empty-model"));
        QVERIFY(QDir().mkpath(empty));
        window().addModel(empty);
        QVERIFY(banner()->isVisible());
        QVERIFY(banner()->text().contains(QStringLiteral("net_g.pth")));
        QVERIFY(!controls()->modelFolders().contains(empty));

        // The files are there but are not checkpoints: refused when loading, entry removed.
        const QString broken = m_dir.filePath(QStringLiteral("broken-model"));
        QVERIFY(QDir().mkpath(broken));
        for (const char* name : {"net_g.pth", "net_le_dm.pth", "net_d.pth"}) {
            QFile file(QDir(broken).filePath(QLatin1String(name)));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("not a checkpoint");
        }
        QSignalSpy failed(host(), &ModelHost::event);
        window().addModel(broken);
        QTRY_COMPARE_WITH_TIMEOUT(eventsOf<ModelFailed>(failed).size(), size_t(1), 30000);
        QTRY_VERIFY(banner()->text().contains(QStringLiteral("broken-model")));
        QVERIFY(!controls()->modelFolders().contains(broken));

        // A real one is added, loaded and remembered.
        const QString good = m_dir.filePath(QStringLiteral("good-model"));
        QVERIFY(QDir().mkpath(good));
        for (const char* name : {"net_g.pth", "net_le_dm.pth", "net_d.pth"}) {
            QVERIFY(
                QFile::copy(QStringLiteral(UNBLUR_TEST_DATA "/hidiff-tiny/") + QLatin1String(name),
                            QDir(good).filePath(QLatin1String(name))));
        }
        QSignalSpy loaded(host(), &ModelHost::event);
        window().addModel(good);
        QTRY_COMPARE_WITH_TIMEOUT(eventsOf<ModelLoaded>(loaded).size(), size_t(1), 30000);
        QCOMPARE(controls()->modelFolder(), good);
        QCOMPARE(host()->modelFolder(), good);
        QVERIFY(AppSettings::value(AppSettings::ExtraModels).toStringList().contains(good));
        AppSettings::setValue(AppSettings::ExtraModels, QStringList());
        AppSettings::setValue(AppSettings::ModelFolder, QString());
    }

    void cudaIsGreyedOutWithAReason()
    {
        QStringList gpus;
        const QString reason = ModelHost::cudaStatus(&gpus);
        if (reason.isEmpty()) {
            QSKIP("this machine has CUDA");
        }
        QComboBox* device = nullptr;
        for (QComboBox* combo : controls()->findChildren<QComboBox*>()) {
            if (combo->accessibleName() == QLatin1String("Device")) {
                device = combo;
            }
        }
        QVERIFY(device);
        const int cuda = device->findData(QStringLiteral("cuda"));
        QVERIFY(cuda >= 0);
        auto* items = qobject_cast<QStandardItemModel*>(device->model());
        QVERIFY(!items->item(cuda)->isEnabled());
        QCOMPARE(items->item(cuda)->toolTip(), reason);
    }

    void arrowKeysStepThroughTheFolder()
    {
        QVERIFY(open(kSmall));
        QSignalSpy shown(&window(), &MainWindow::photoShown);
        QTest::keyClick(viewer(), Qt::Key_Right);
        QVERIFY(shown.wait(30000));
        const QString next = shown.takeFirst().at(0).toString();
        QVERIFY(next != QFileInfo(kSmall).absoluteFilePath());
        QCOMPARE(QFileInfo(next).absolutePath(), QFileInfo(kSmall).absolutePath());
        QTest::keyClick(viewer(), Qt::Key_Left);
        QVERIFY(shown.wait(30000));
        QCOMPARE(shown.takeFirst().at(0).toString(), QFileInfo(kSmall).absoluteFilePath());
    }

    void compareModeIsRemembered()
    {
        QVERIFY(open(kSmall));
        QVERIFY(deblur(0));
        viewer()->setFocus();
        QTest::keyClick(viewer(), Qt::Key_B);
        QCOMPARE(viewer()->mode(), ImageViewer::Mode::SideBySide);
        m_window.reset();
        MainWindow again;
        QCOMPARE(again.findChild<ImageViewer*>(QStringLiteral("viewer"))->mode(),
                 ImageViewer::Mode::SideBySide);
        AppSettings::setValue(AppSettings::CompareMode, QStringLiteral("split"));
    }

    void eventLoopStaysResponsive()
    {
        QVERIFY(open(kLarge));
        controls()->setTileSize(256);
        QElapsedTimer clock;
        qint64 last = 0;
        qint64 worst = 0;
        int ticks = 0;
        std::vector<qint64> gaps;
        QTimer timer;
        timer.setInterval(10);
        connect(&timer, &QTimer::timeout, this, [&] {
            const qint64 now = clock.elapsed();
            worst = std::max(worst, now - last);
            gaps.push_back(now - last);
            last = now;
            ++ticks;
        });
        window().deblur();
        QVERIFY(host()->isBusy());
        clock.start();
        timer.start();
        // Measure for the whole run, at most 10 s.
        while (host()->isBusy() && clock.elapsed() < 10000) {
            QTest::qWait(50);
        }
        timer.stop();
        window().cancelDeblur();
        QTRY_VERIFY_WITH_TIMEOUT(!host()->isBusy(), 60000);
        std::sort(gaps.begin(), gaps.end());
        qInfo("event loop: %d ticks in %lld ms; gaps: median %lld, 99th %lld, longest %lld ms",
              ticks, (long long)clock.elapsed(), (long long)gaps.at(gaps.size() / 2),
              (long long)gaps.at(gaps.size() * 99 / 100), (long long)worst);
        QVERIFY(ticks > 10);
        // The latency users feel: 99 % of the 10 ms ticks arrive within 100 ms. A single gap
        // can come from other processes on a shared machine (measured here: longest 20 ms on
        // an idle machine, up to 174 ms beside a training job), so the longest only has to
        // stay clear of a freeze.
        const qint64 p99 = gaps.at(gaps.size() * 99 / 100);
        QVERIFY2(p99 < 100, qPrintable(QStringLiteral("99th percentile gap %1 ms").arg(p99)));
        QVERIFY2(worst < 500, qPrintable(QStringLiteral("longest gap %1 ms").arg(worst)));
    }
};

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
