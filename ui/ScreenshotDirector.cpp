#include "ScreenshotDirector.h"

#include "BatchWindow.h"
#include "ImageViewer.h"
#include "MainWindow.h"
#include "ModelHost.h"

#include <QApplication>
#include <QTimer>

namespace unblur::ui {

ScreenshotDirector::ScreenshotDirector(MainWindow* window, Start start, const QString& idleFile,
                                       const QString& progressFile)
    : QObject(window), m_window(window), m_start(start), m_idleFile(idleFile),
      m_progressFile(progressFile)
{
    connect(window, &MainWindow::photoShown, this, &ScreenshotDirector::onPhotoShown);
    connect(window, &MainWindow::photoFailed, this, &ScreenshotDirector::shootIdle);
    connect(window, &MainWindow::deblurDone, this, &ScreenshotDirector::shootIdle);
    connect(window, &MainWindow::deblurStopped, this, &ScreenshotDirector::shootIdle);
    connect(window, &MainWindow::previewUpdated, this, &ScreenshotDirector::shootIdle);
    connect(window, &MainWindow::blurScored, this, [this] {
        if (m_waitForBlur) {
            m_waitForBlur = false;
            shootIdle();
        }
    });
    connect(window->host(), &ModelHost::event, this, [this](const HostEvent& event) {
        const auto* progressed = std::get_if<DeblurProgressed>(&event);
        if (progressed != nullptr && !m_progressFile.isEmpty() &&
            progressed->progress.tilesDone >= 1) {
            // Now, not later: the progress panel must still show the run.
            if (!m_window->grab().save(m_progressFile)) {
                qWarning("Could not write the screenshot %s", qPrintable(m_progressFile));
            }
            m_progressFile.clear();
        }
    });
}

void ScreenshotDirector::shootWhenNoPhoto()
{
    shootIdle();
}

void ScreenshotDirector::onPhotoShown()
{
    switch (m_start) {
    case Start::Deblur:
        m_window->deblur();
        break;
    case Start::Preview:
        m_window->findChild<ImageViewer*>(QStringLiteral("viewer"))->setZoom(1.0);
        m_window->preview();
        break;
    case Start::Nothing:
        // The status bar's blur score (and the blur map, when shown) first.
        if (m_window->isBlurKnown()) {
            shootIdle();
        } else {
            m_waitForBlur = true;
        }
        break;
    }
}

void ScreenshotDirector::shootIdle()
{
    if (m_idleFile.isEmpty()) {
        return;
    }
    grabLater(m_window, m_idleFile, true);
    m_idleFile.clear();
}

void ScreenshotDirector::grabLater(QWidget* widget, const QString& file, bool quit)
{
    // Let the window paint its last state first.
    QTimer::singleShot(500, widget, [widget, file, quit] {
        const bool saved = widget->grab().save(file);
        if (!saved) {
            qWarning("Could not write the screenshot %s", qPrintable(file));
        }
        if (quit) {
            QApplication::exit(saved ? 0 : 1);
        }
    });
}

void ScreenshotDirector::runBatch(BatchWindow* window, const QString& outputFolder,
                                  const QString& file)
{
    window->setRecursive(true);
    window->setOutputFolder(outputFolder);
    connect(window, &BatchWindow::batchFinished, window,
            [window, file] { grabLater(window, file, true); });
    QTimer::singleShot(0, window, [window] {
        if (!window->start()) {
            QApplication::exit(1);
        }
    });
}

} // namespace unblur::ui
