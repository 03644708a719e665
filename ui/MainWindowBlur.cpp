#include "AppSettings.h"
#include "BlurScorer.h"
#include "ImageViewer.h"
#include "MainWindow.h"

#include <QAction>
#include <QLabel>
#include <QLocale>
#include <QStatusBar>

// The photo's blur: its score in the status bar and View > Blur map.
namespace unblur::ui {

void MainWindow::connectBlur()
{
    connect(m_blurScorer, &BlurScorer::photoScored, this, &MainWindow::onBlurScored);
    m_blurLabel->setToolTip(tr("How blurred the photo is, from 0 (sharp) to 1; from %1 on it "
                               "counts as blurry")
                                .arg(QLocale().toString(BlurScorer::threshold(), 'f', 2)));
}

void MainWindow::measureBlur()
{
    m_blur = BlurScore();
    m_blurKnown = false;
    m_blurLabel->setText(tr("Blur: measuring…"));
    m_blurScorer->scorePhoto(m_photo);
}

void MainWindow::onBlurScored(const PhotoPtr& photo, const BlurScore& score)
{
    if (photo != m_photo) {
        return; // another photo was opened meanwhile
    }
    m_blur = score;
    m_blurKnown = true;
    m_blurLabel->setText(BlurScorer::statusText(score));
    updateBlurOverlay();
    Q_EMIT blurScored();
}

void MainWindow::setBlurMapShown(bool shown)
{
    m_blurMap->setChecked(shown);
    AppSettings::setValue(AppSettings::BlurMap, shown);
    updateBlurOverlay();
    if (shown && m_blurKnown && m_blur.overlay.isNull()) {
        statusBar()->showMessage(tr("No blur map for this photo: %1").arg(m_blur.note), 5000);
    }
}

bool MainWindow::isBlurMapShown() const
{
    return m_blurMap->isChecked();
}

void MainWindow::updateBlurOverlay()
{
    m_viewer->setOverlay(m_blurMap->isChecked() && m_blurKnown ? m_blur.overlay : QImage());
}

} // namespace unblur::ui
