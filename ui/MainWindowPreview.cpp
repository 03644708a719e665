#include "ControlsPanel.h"
#include "MainWindow.h"
#include "MessageBanner.h"
#include "ModelHost.h"
#include "ProgressPanel.h"

#include <QAction>
#include <QLocale>
#include <QStatusBar>
#include <QTimer>

// The quick preview: the part of the photo on screen first, following the view.
namespace unblur::ui {

DeblurRequest MainWindow::makeRequest() const
{
    DeblurRequest request;
    request.photo = m_photo;
    request.options = m_controls->restoreOptions();
    request.options.engine.seed = m_seed;
    return request;
}

void MainWindow::preview()
{
    if (!m_photo || m_host->isBusy()) {
        return;
    }
    const QSize size(m_photo->image.width, m_photo->image.height);
    if (m_outcome.restored || m_quickPreview.coversWholePhoto(size)) {
        deblur(); // small enough to restore whole in about the same time
        return;
    }
    m_previewing = true;
    if (!previewNextRegion()) {
        statusBar()->showMessage(tr("The part on screen is already previewed; pan or zoom out "
                                    "to preview more, or apply to the whole photo."),
                                 5000);
    }
    updateActions();
}

bool MainWindow::previewNextRegion()
{
    if (m_controls->modelFolder().isEmpty()) {
        showError(tr("No model is available: add a folder of HI-Diff checkpoints with "
                     "\"Add model…\"."));
        return false;
    }
    const QRect region = m_quickPreview.nextRegion(m_viewer->visibleImageRect());
    if (region.isNull()) {
        return false;
    }
    if (!m_host->loadModel(m_controls->modelFolder())) {
        return false; // a batch runs with another model; the banner says so
    }
    DeblurRequest request = makeRequest();
    request.region = region;
    m_banner->dismiss();
    m_progress->start();
    return m_host->deblur(request);
}

void MainWindow::onPreviewFinished(const DeblurOutcome& outcome)
{
    m_quickPreview.add(outcome.region, outcome.display);
    m_viewer->setPreviewRegions(m_quickPreview.regions());
    applyStrength();
    statusBar()->showMessage(
        tr("Preview of %1 × %2 px in %3 s. Pan to preview more, or apply to the whole photo (%4) "
           "to save it.")
            .arg(outcome.region.width())
            .arg(outcome.region.height())
            .arg(QLocale().toString(outcome.seconds, 'f', 1))
            .arg(m_deblur->shortcut().toString(QKeySequence::NativeText)));
    updateActions();
    Q_EMIT previewUpdated(outcome.region);
    followView(); // the view may have moved while this region was being restored
}

void MainWindow::followView()
{
    if (m_previewing && !m_outcome.restored) {
        m_followTimer->start();
    }
}

void MainWindow::stopPreview()
{
    m_previewing = false;
    m_followTimer->stop();
}

} // namespace unblur::ui
