#include "SoakDriver.h"

#include "BatchWindow.h"
#include "ControlsPanel.h"
#include "ImageViewer.h"
#include "MainWindow.h"
#include "ModelHost.h"
#include "PhotoIo.h"
#include "SoakPhotos.h"
#include "UserPrompt.h"

#include <QAction>
#include <QApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QMimeData>
#include <QPushButton>
#include <QSlider>
#include <QTest>
#include <QToolButton>
#include <QWheelEvent>

using unblur::ui::BatchWindow;
using unblur::ui::MainWindow;

namespace soak {

namespace {

constexpr int kRunTimeoutMs = 120000; ///< the longest a deblur, batch or load may take

} // namespace

SoakDriver::SoakDriver(const SoakPhotos& photos, int maximumWaitMs)
    : m_photos(photos), m_maximumWaitMs(maximumWaitMs)
{
    // Unsaved results are discarded when another photo opens; replacing the original and
    // quitting during a batch are refused: no modal dialog ever waits for a user.
    unblur::ui::UserPrompt::setAutomaticAnswer(QMessageBox::Discard);
}

SoakDriver::~SoakDriver()
{
    destroyWindow();
}

void SoakDriver::createWindow()
{
    m_window = std::make_unique<MainWindow>();
    m_window->resize(1000, 700);
    // Preview regions of 128 px (as the tests): the soak's photos are about one 512 px region
    // and would be deblurred whole instead.
    m_window->setPreviewSide(128);
    m_window->show();
    if (!QTest::qWaitForWindowExposed(m_window.get())) {
        qWarning("soak: the main window was not exposed");
    }
    m_window->activateWindow();
    MainWindow* window = m_window.get();
    QObject::connect(window, &MainWindow::photoShown, [this] { count("photos shown"); });
    QObject::connect(window, &MainWindow::photoFailed, [this] { count("photos refused"); });
    QObject::connect(window, &MainWindow::deblurDone, [this] { count("deblurs done"); });
    QObject::connect(window, &MainWindow::deblurStopped,
                     [this] { count("deblurs cancelled or failed"); });
    QObject::connect(window, &MainWindow::previewUpdated, [this] { count("preview regions"); });
    QObject::connect(window->photoIo(), &unblur::ui::PhotoIo::saved,
                     [this] { count("saves done"); });
    QObject::connect(window->photoIo(), &unblur::ui::PhotoIo::saveFailed,
                     [this] { count("saves failed"); });
    count("windows created");
}

void SoakDriver::destroyWindow()
{
    if (!m_window) {
        return;
    }
    m_window->close();
    if (m_window->isVisible()) {
        // A batch runs: quitting anyway is answered Yes, as a user leaving would.
        unblur::ui::UserPrompt::setAutomaticAnswer(QMessageBox::Yes);
        m_window->close();
        unblur::ui::UserPrompt::setAutomaticAnswer(QMessageBox::Discard);
    }
    m_window.reset();
}

QAction* SoakDriver::action(const QKeySequence& key) const
{
    for (QAction* candidate : m_window->actions()) {
        if (candidate->shortcut() == key) {
            return candidate;
        }
    }
    qFatal("soak: the main window has no action for %s", qPrintable(key.toString()));
    return nullptr;
}

void SoakDriver::trigger(const QKeySequence& key)
{
    action(key)->trigger(); // nothing happens while the action is disabled, as for a user
}

BatchWindow* SoakDriver::batchWindow() const
{
    return m_window->findChild<BatchWindow*>(QStringLiteral("BatchWindow"));
}

void SoakDriver::processEvents(int ms)
{
    if (ms <= 0) {
        QCoreApplication::processEvents();
    } else {
        QTest::qWait(ms);
    }
}

bool SoakDriver::waitUntil(const std::function<bool()>& done, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired()) {
            count(QStringLiteral("waits timed out"));
            return false;
        }
        QTest::qWait(10);
    }
    return true;
}

bool SoakDriver::isIdle() const
{
    const unblur::ui::ModelHost* host = m_window->host();
    return !host->isBusy() && !host->isBatchRunning() && !m_window->photoIo()->isLoading() &&
           !m_window->photoIo()->isSaving();
}

bool SoakDriver::settle(int timeoutMs)
{
    return !m_window || waitUntil([this] { return isIdle(); }, timeoutMs);
}

void SoakDriver::run(const Action& action, int index)
{
    switch (action.kind) {
    case ActionKind::OpenPhoto:
        openPhoto(action);
        break;
    case ActionKind::Preview:
        trigger(QKeySequence(Qt::Key_P));
        processEvents(int(action.b));
        break;
    case ActionKind::Deblur:
        deblur(action);
        break;
    case ActionKind::Cancel:
        processEvents(int(action.b));
        if (action.a % 4 == 0) {
            // The progress panel's own button, when shown.
            auto* panel = m_window->findChild<QWidget*>(QStringLiteral("progress"));
            auto* button = panel ? panel->findChild<QPushButton*>() : nullptr;
            if (button != nullptr && button->isVisible() && button->isEnabled()) {
                QTest::mouseClick(button, Qt::LeftButton);
                break;
            }
        }
        trigger(QKeySequence(Qt::Key_Escape));
        break;
    case ActionKind::Variation:
        trigger(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
        processEvents(int(action.b));
        break;
    case ActionKind::CompareMode:
        compareMode(action);
        break;
    case ActionKind::Zoom:
        zoom(action);
        break;
    case ActionKind::Strength:
        strength(action);
        break;
    case ActionKind::BlurMap:
        trigger(QKeySequence(Qt::Key_M));
        processEvents(int(action.b) / 4);
        break;
    case ActionKind::Save:
        save(action, index);
        break;
    case ActionKind::StepPhoto:
        trigger(QKeySequence(action.a % 2 == 0 ? Qt::Key_PageDown : Qt::Key_PageUp));
        processEvents(int(action.b));
        break;
    case ActionKind::Batch:
        batch(action, index);
        break;
    case ActionKind::Recreate:
        processEvents(int(action.b) / 4);
        destroyWindow();
        createWindow();
        break;
    case ActionKind::Wait:
        processEvents(int(action.b));
        break;
    }
}

void SoakDriver::openPhoto(const Action& action)
{
    const QStringList& paths = m_photos.openable();
    // Good photos half of the time, bad ones and the missing path the other half.
    const int good = m_photos.goodCount();
    const bool pickGood = action.a % 2 == 0;
    const int index =
        pickGood ? int(action.a / 2) % good : good + int(action.a / 2) % int(paths.size() - good);
    const QString& path = paths.at(index);
    if (action.a % 5 == 0) {
        // Dropped on the window, as from a file manager.
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(path)});
        QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, &mime, Qt::LeftButton,
                              Qt::NoModifier);
        QApplication::sendEvent(m_window.get(), &enter);
        QDropEvent drop(QPointF(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(m_window.get(), &drop);
    } else {
        m_window->openPhoto(path); // what File > Open does with the chosen file
    }
    if (action.a % 3 == 0) {
        processEvents(int(action.b)); // and on, perhaps while it still loads
    } else {
        waitUntil([this] { return !m_window->photoIo()->isLoading(); }, kRunTimeoutMs);
    }
}

void SoakDriver::deblur(const Action& action)
{
    static const int tiles[] = {0, 128, 256};
    m_window->findChild<unblur::ui::ControlsPanel*>(QStringLiteral("controls"))
        ->setTileSize(tiles[action.a % 3]);
    trigger(QKeySequence(Qt::CTRL | Qt::Key_R));
    if (action.a / 3 % 2 == 0) {
        waitUntil([this] { return !m_window->host()->isBusy(); }, kRunTimeoutMs);
    } else {
        processEvents(int(action.b));
    }
}

void SoakDriver::compareMode(const Action& action)
{
    switch (action.a % 5) {
    case 0:
        trigger(QKeySequence(Qt::Key_R));
        break;
    case 1:
        trigger(QKeySequence(Qt::Key_C));
        break;
    case 2:
        trigger(QKeySequence(Qt::Key_B));
        break;
    case 3:
        trigger(QKeySequence(Qt::Key_H));
        break;
    default:
        // Show original, held down on the toolbar button.
        for (auto* button : m_window->findChildren<QToolButton*>()) {
            if (button->defaultAction() != nullptr &&
                button->defaultAction()->text().contains(QStringLiteral("Original"))) {
                QTest::mousePress(button, Qt::LeftButton);
                processEvents(int(action.b) / 4);
                QTest::mouseRelease(button, Qt::LeftButton);
                return;
            }
        }
        break;
    }
    processEvents(int(action.b) / 4);
}

void SoakDriver::zoom(const Action& action)
{
    auto* viewer = m_window->findChild<unblur::ui::ImageViewer*>(QStringLiteral("viewer"));
    const QPoint centre = viewer->rect().center();
    switch (action.a % 6) {
    case 0:
        trigger(QKeySequence(QKeySequence::ZoomIn));
        break;
    case 1:
        trigger(QKeySequence(QKeySequence::ZoomOut));
        break;
    case 2:
        trigger(QKeySequence(Qt::CTRL | Qt::Key_0));
        break;
    case 3:
        trigger(QKeySequence(Qt::CTRL | Qt::Key_1));
        break;
    case 4: {
        const int steps = action.a / 6 % 2 == 0 ? 120 : -120;
        QWheelEvent wheel(centre, viewer->mapToGlobal(centre), QPoint(), QPoint(0, steps),
                          Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(viewer, &wheel);
        break;
    }
    default: {
        // Pans by dragging (or moves the divider, when it starts on it).
        const QPoint from(viewer->width() * 3 / 4, viewer->height() / 2);
        const QPoint by(int(action.b % 300) - 150, int(action.a % 200) - 100);
        QTest::mousePress(viewer, Qt::LeftButton, Qt::NoModifier, from);
        QTest::mouseMove(viewer, from + by / 2);
        QTest::mouseMove(viewer, from + by);
        QTest::mouseRelease(viewer, Qt::LeftButton, Qt::NoModifier, from + by);
        break;
    }
    }
    processEvents(int(action.b) / 4);
}

void SoakDriver::strength(const Action& action)
{
    auto* slider = m_window->findChild<unblur::ui::ControlsPanel*>(QStringLiteral("controls"))
                       ->findChild<QSlider*>();
    if (action.a % 3 == 0) {
        // Dragged: several values in a row, faster than they can be shown.
        for (int value = 100; value >= int(action.a % 101); value -= 17) {
            slider->setValue(value);
            processEvents(0);
        }
    }
    slider->setValue(int(action.a % 101));
    processEvents(int(action.b) / 4);
}

void SoakDriver::save(const Action& action, int index)
{
    static const char* const formats[] = {"jpg", "png", "tif", "webp"};
    const QString format = QLatin1String(formats[action.a % 4]);
    unblur::io::PhotoWriteOptions options;
    if (format == QLatin1String("png") || format == QLatin1String("tif")) {
        options.encode.bitDepth = action.a / 4 % 3 == 0 ? 16 : 0;
    }
    options.metadata = action.b % 3 == 0   ? unblur::io::MetadataPolicy::StripGps
                       : action.b % 3 == 1 ? unblur::io::MetadataPolicy::StripAll
                                           : unblur::io::MetadataPolicy::Keep;
    QString path =
        QDir(m_photos.outputFolder()).filePath(QStringLiteral("soak-%1.%2").arg(index).arg(format));
    if (action.a % 10 == 9 && m_window->photo()) {
        path = QString::fromStdString(m_window->photo()->path); // the original: refused
    }
    // What Save As and Export do once their dialog is accepted.
    if (m_window->saveTo(path, options)) {
        count("saves started");
    }
    processEvents(int(action.b) / 2);
}

void SoakDriver::batch(const Action& action, int index)
{
    trigger(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B));
    BatchWindow* window = batchWindow();
    if (window == nullptr) {
        qFatal("soak: File > Batch Export showed no batch window");
    }
    if (!window->property("soakCounted").toBool()) {
        window->setProperty("soakCounted", true);
        QObject::connect(window, &BatchWindow::batchFinished,
                         [this] { count("batches finished"); });
    }
    auto* start = window->findChild<QPushButton*>(QStringLiteral("startButton"));
    auto* pause = window->findChild<QPushButton*>(QStringLiteral("pauseButton"));
    auto* cancel = window->findChild<QPushButton*>(QStringLiteral("cancelButton"));
    if (!window->isRunning()) {
        window->setInputs({m_photos.batchFolder()});
        window->setOutputFolder(
            QDir(m_photos.outputFolder()).filePath(QStringLiteral("batch-%1").arg(index)));
        QTest::mouseClick(start, Qt::LeftButton);
        if (window->isRunning()) {
            count("batches started");
        }
    }
    processEvents(int(action.b));
    switch (action.a % 4) {
    case 0:
        if (cancel->isEnabled()) {
            QTest::mouseClick(cancel, Qt::LeftButton);
        }
        break;
    case 1:
        if (pause->isEnabled()) {
            QTest::mouseClick(pause, Qt::LeftButton); // pause
            processEvents(int(action.b) / 2);
            QTest::mouseClick(pause, Qt::LeftButton); // resume
        }
        break;
    case 2:
        waitUntil([window] { return !window->isRunning(); }, kRunTimeoutMs);
        break;
    default:
        window->close(); // a running batch goes on
        break;
    }
}

} // namespace soak
