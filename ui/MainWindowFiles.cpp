// MainWindow: opening, saving, recent files, drag and drop, the unsaved-changes prompt.
#include "AppSettings.h"
#include "BatchWindow.h"
#include "ControlsPanel.h"
#include "DisplayImage.h"
#include "ExportDialog.h"
#include "ImageViewer.h"
#include "MainWindow.h"
#include "MemoryTrim.h"
#include "MessageBanner.h"
#include "ModelHost.h"
#include "PhotoIo.h"
#include "UserPrompt.h"
#include "io/ImageFormat.h"
#include "io/OutputCheck.h"
#include "restore/ModelCatalog.h"

#include <QCloseEvent>
#include <QCollator>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMimeData>
#include <QRegularExpression>
#include <QStatusBar>
#include <algorithm>

namespace unblur::ui {

namespace {

QStringList photoPatterns()
{
    QStringList patterns = {"*.jpg", "*.jpeg", "*.png", "*.tif", "*.tiff", "*.webp", "*.bmp"};
    for (const std::string& ext : io::rawExtensions()) {
        patterns << QStringLiteral("*.") + QString::fromStdString(ext);
    }
    return patterns;
}

} // namespace

void MainWindow::openDialog()
{
    const QString filter =
        tr("Photos (%1);;All files (*)").arg(photoPatterns().join(QLatin1Char(' ')));
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open a photo"), AppSettings::value(AppSettings::LastFolder).toString(), filter);
    if (!path.isEmpty()) {
        openPhoto(path);
    }
}

void MainWindow::openPhoto(const QString& path)
{
    if (!confirmDiscard([this, path] { openPhoto(path); })) {
        return;
    }
    m_host->cancelDeblur(); // a run for the previous photo is of no use any more
    m_loadingPath = QFileInfo(path).absoluteFilePath();
    statusBar()->showMessage(tr("Opening %1…").arg(QFileInfo(path).fileName()));
    m_io->load(m_loadingPath);
}

void MainWindow::onPhotoLoaded(const PhotoPtr& photo, const ImagePyramid& levels)
{
    m_loadingPath.clear();
    m_photo = photo;
    m_originalDisplay = levels.base();
    m_outcome = DeblurOutcome();
    m_controls->showKernel({}, {});
    stopPreview();
    m_quickPreview.reset(levels);
    m_savedPath.clear();
    m_seed = 1234;
    m_banner->dismiss();
    m_viewer->setPhoto(levels);
    measureBlur();
    m_viewer->setFocus(); // Space flashes the original
    m_controls->setStrength(100);
    setModified(false);
    updateTitle();

    const QString path = QString::fromStdString(photo->path);
    AppSettings::setValue(AppSettings::LastFolder, QFileInfo(path).absolutePath());
    AppSettings::addRecentFile(path);
    updateRecentMenu();
    statusBar()->showMessage(tr("%1: %2 × %3, %4-bit %5")
                                 .arg(QFileInfo(path).fileName())
                                 .arg(photo->image.width)
                                 .arg(photo->image.height)
                                 .arg(photo->image.bitDepth)
                                 .arg(QLatin1String(io::formatName(photo->format))));
    for (const std::string& note : photo->notes) {
        m_banner->showMessage(QString::fromStdString(note), MessageBanner::Kind::Information);
    }
    MemoryTrim::soon(); // the previous photo and its results are gone
    Q_EMIT photoShown(path);
}

QString MainWindow::suggestedOutputPath() const
{
    if (!m_photo) {
        return {};
    }
    const QFileInfo info(QString::fromStdString(m_photo->path));
    const QString ext =
        QString::fromStdString(io::extensionFor(io::defaultOutputFormat(m_photo->format)));
    // A file name, kept the same in every language.
    return info.dir().filePath(info.completeBaseName() + QStringLiteral("_unblurred.") + ext);
}

void MainWindow::save()
{
    if (!m_savedPath.isEmpty()) {
        saveTo(m_savedPath);
    } else {
        saveAs();
    }
}

void MainWindow::saveAs()
{
    if (!hasResult()) {
        return;
    }
    const QString filters = tr("JPEG (*.jpg *.jpeg);;PNG (*.png);;TIFF (*.tif *.tiff);;WebP "
                               "(*.webp)");
    const QString start = m_savedPath.isEmpty() ? suggestedOutputPath() : m_savedPath;
    const QString ext = QFileInfo(start).suffix().toLower();
    QString selected = ext == QLatin1String("png")    ? tr("PNG (*.png)")
                       : ext == QLatin1String("tif")  ? tr("TIFF (*.tif *.tiff)")
                       : ext == QLatin1String("webp") ? tr("WebP (*.webp)")
                                                      : tr("JPEG (*.jpg *.jpeg)");
    QString path = QFileDialog::getSaveFileName(this, tr("Save the deblurred photo"), start,
                                                filters, &selected);
    if (path.isEmpty()) {
        m_afterSave = nullptr;
        return;
    }
    if (QFileInfo(path).suffix().isEmpty()) {
        // No extension typed: the chosen filter's first one.
        const QRegularExpressionMatch match =
            QRegularExpression(QStringLiteral("\\*(\\.\\w+)")).match(selected);
        path += match.hasMatch() ? match.captured(1) : QStringLiteral(".jpg");
    }
    saveTo(path);
}

void MainWindow::exportDialog()
{
    if (!hasResult()) {
        return;
    }
    ExportDialog dialog(m_savedPath.isEmpty() ? suggestedOutputPath() : m_savedPath, this);
    if (dialog.exec() == QDialog::Accepted) {
        saveTo(dialog.path(), dialog.options());
    }
}

bool MainWindow::saveTo(const QString& path, io::PhotoWriteOptions options)
{
    if (!hasResult() || m_io->isSaving()) {
        return false;
    }
    const QFileInfo target(path);
    const QFileInfo original(QString::fromStdString(m_photo->path));
    if (target.exists() && target.canonicalFilePath() == original.canonicalFilePath()) {
        const auto answer = UserPrompt::ask(
            this, tr("Replace the original?"),
            tr("%1 is the original photo. Replace it with the deblurred version? The "
               "original cannot be recovered.")
                .arg(original.fileName()),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes) {
            m_afterSave = nullptr;
            return false;
        }
        options.overwriteSource = true;
    }
    // Before the worker encodes: a read-only folder or a full disk is reported at once.
    const io::FloatImage& restored = *m_outcome.restored;
    const int bits = m_photo->image.bitDepth > 8 || options.encode.bitDepth > 8 ? 16 : 8;
    const QString unwritable = io::checkOutput(
        target.absoluteFilePath(),
        io::expectedOutputBytes(restored.width, restored.height, restored.channels, bits));
    if (!unwritable.isEmpty()) {
        m_afterSave = nullptr;
        showError(tr("Could not save %1: %2").arg(target.fileName(), unwritable));
        return false;
    }
    const auto pixels = std::make_shared<io::FloatImage>(
        blendPixels(m_photo->image, *m_outcome.restored, m_controls->strength() / 100.0));
    const io::Provenance provenance{UNBLUR_VERSION, m_host->modelName().toStdString()};
    statusBar()->showMessage(tr("Saving %1…").arg(target.fileName()));
    m_io->save(target.absoluteFilePath(), pixels, m_photo, provenance, options);
    updateActions();
    return true;
}

void MainWindow::onSaved(const QString& path, const QStringList& notes)
{
    m_savedPath = path;
    setModified(false);
    AppSettings::addRecentFile(path);
    updateRecentMenu();
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 5000);
    if (!notes.isEmpty()) {
        m_banner->showMessage(notes.join(QLatin1Char('\n')), MessageBanner::Kind::Information);
    }
    if (m_afterSave) {
        const std::function<void()> next = std::move(m_afterSave);
        m_afterSave = nullptr;
        next();
    }
}

bool MainWindow::confirmDiscard(const std::function<void()>& next)
{
    if (!isWindowModified()) {
        return true;
    }
    const QString name = QFileInfo(QString::fromStdString(m_photo->path)).fileName();
    const auto answer = UserPrompt::ask(
        this, tr("Unsaved changes"),
        tr("The deblurred version of %1 has not been saved. Save it first?").arg(name),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Discard) {
        setModified(false);
        return true;
    }
    if (answer == QMessageBox::Save) {
        m_afterSave = next; // runs once the save has succeeded
        save();
    }
    return false;
}

void MainWindow::updateRecentMenu()
{
    m_recent->clear();
    const QStringList recent = AppSettings::value(AppSettings::RecentFiles).toStringList();
    for (int i = 0; i < recent.size(); ++i) {
        const QString path = recent.at(i);
        QAction* action =
            m_recent->addAction(QStringLiteral("&%1 %2").arg(i + 1).arg(QFileInfo(path).fileName()),
                                this, [this, path] { openPhoto(path); });
        action->setToolTip(QDir::toNativeSeparators(path));
    }
    m_recent->setEnabled(!recent.isEmpty());
}

void MainWindow::stepPhoto(int delta)
{
    if (!m_photo) {
        return;
    }
    const QFileInfo current(QString::fromStdString(m_photo->path));
    QStringList files = current.dir().entryList(photoPatterns(), QDir::Files);
    QCollator collator;
    collator.setNumericMode(true);
    std::sort(files.begin(), files.end(), collator);
    const int index = int(files.indexOf(current.fileName()));
    const int next = index + delta;
    if (index >= 0 && next >= 0 && next < files.size()) {
        openPhoto(current.dir().filePath(files.at(next)));
    }
}

BatchWindow* MainWindow::showBatchWindow()
{
    if (m_batchWindow == nullptr) {
        m_batchWindow = new BatchWindow(m_host, this);
        if (m_photo) {
            m_batchWindow->setInputs(
                {QFileInfo(QString::fromStdString(m_photo->path)).absolutePath()});
        }
    }
    BatchEngineSettings settings;
    settings.modelFolder = m_controls->modelFolder();
    settings.modelName = m_host->modelFolder() == settings.modelFolder
                             ? m_host->modelName()
                             : QString::fromStdString(restore::ModelCatalog::displayName(
                                   settings.modelFolder.toStdString()));
    settings.options = m_controls->restoreOptions();
    m_batchWindow->setEngineSettings(settings);
    m_batchWindow->show();
    m_batchWindow->raise();
    m_batchWindow->activateWindow();
    return m_batchWindow;
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!confirmDiscard([this] { close(); })) {
        event->ignore();
        return;
    }
    if (m_batchWindow != nullptr && m_batchWindow->isRunning()) {
        const auto answer = UserPrompt::ask(
            this, tr("Batch export running"),
            tr("A batch export is still running. Stop it and quit? Photos already written are "
               "kept, and running the same batch again finishes the rest."),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        m_batchWindow->cancel();
    }
    m_host->cancelDeblur();
    AppSettings::setValue(AppSettings::WindowGeometry, saveGeometry());
    AppSettings::setValue(AppSettings::WindowState, saveState());
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile()) {
        event->acceptProposedAction();
    }
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile()) {
        event->acceptProposedAction();
        openPhoto(urls.first().toLocalFile());
    }
}

} // namespace unblur::ui
