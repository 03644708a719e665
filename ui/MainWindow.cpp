#include "MainWindow.h"

#include "AppSettings.h"
#include "ControlsPanel.h"
#include "DisplayImage.h"
#include "ImageViewer.h"
#include "MemoryTrim.h"
#include "MessageBanner.h"
#include "ModelHost.h"
#include "PhotoIo.h"
#include "ProgressPanel.h"
#include "restore/ModelCatalog.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace unblur::ui {

namespace {

/** Why a folder is not a model, in the interface language. */
QString folderProblemText(const QString& folder, const restore::FolderProblem& problem)
{
    if (problem.notAFolder) {
        return MainWindow::tr("%1: not a folder").arg(folder);
    }
    QStringList missing;
    for (const std::string& file : problem.missingFiles) {
        missing << QString::fromStdString(file);
    }
    return MainWindow::tr("%1: not a HI-Diff model folder (%n file(s) missing: %2)", nullptr,
                          int(missing.size()))
        .arg(folder, missing.join(QStringLiteral(", ")));
}

/** What the shake refinement did, in the interface language. */
QString refinementText(const DeblurOutcome& outcome)
{
    if (outcome.refined && outcome.refineStrengthPercent < 100) {
        return MainWindow::tr("shake refinement applied at %1 % strength (kernel %2 px)")
            .arg(outcome.refineStrengthPercent)
            .arg(outcome.kernelSize);
    }
    if (outcome.refined) {
        return MainWindow::tr("shake refinement applied (kernel %1 px)").arg(outcome.kernelSize);
    }
    // The reason, as the refinement states it ("skipped (no shake found)").
    return MainWindow::tr("shake refinement: %1").arg(outcome.refineSummary);
}

/** The photo layer's messages start with the path; the banner names the file already. */
QString reasonOnly(const QString& message, const QString& path)
{
    const QString prefix = path + QStringLiteral(": ");
    return message.startsWith(prefix) ? message.mid(prefix.size()) : message;
}

} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setObjectName(QStringLiteral("MainWindow"));
    setAcceptDrops(true);
    resize(1400, 900);

    m_viewer = new ImageViewer(this);
    m_banner = new MessageBanner(this);
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_banner);
    layout->addWidget(m_viewer, 1);
    setCentralWidget(central);

    m_controls = new ControlsPanel(this);
    auto* dock = new QDockWidget(tr("Deblur"), this);
    dock->setObjectName(QStringLiteral("ControlsDock"));
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    dock->setWidget(m_controls);
    dock->setMinimumWidth(280);
    addDockWidget(Qt::RightDockWidgetArea, dock);

    m_blurLabel = new QLabel(this);
    m_blurLabel->setObjectName(QStringLiteral("blurScore"));
    statusBar()->addPermanentWidget(m_blurLabel);
    m_progress = new ProgressPanel(this);
    statusBar()->addPermanentWidget(m_progress);

    m_viewer->setObjectName(QStringLiteral("viewer"));
    m_banner->setObjectName(QStringLiteral("banner"));
    m_controls->setObjectName(QStringLiteral("controls"));
    m_progress->setObjectName(QStringLiteral("progress"));
    m_host = new ModelHost(this);
    m_io = new PhotoIo(this);
    m_blurScorer = new BlurScorer(this);
    m_followTimer = new QTimer(this);
    m_followTimer->setSingleShot(true);
    m_followTimer->setInterval(350); // once the user pauses panning
    connect(m_followTimer, &QTimer::timeout, this, [this] {
        if (m_previewing && !m_outcome.restored && !m_host->isBusy()) {
            previewNextRegion();
            updateActions();
        }
    });
    connect(m_viewer, &ImageViewer::viewChanged, this, &MainWindow::followView);

    createActions();
    createMenusAndToolbar();
    connectWorker();
    connectBlur();
    loadModels();
    restoreSettings();
    updateTitle();
    updateActions();
}

MainWindow::~MainWindow() = default;

void MainWindow::connectWorker()
{
    connect(m_io, &PhotoIo::loaded, this, &MainWindow::onPhotoLoaded);
    connect(m_io, &PhotoIo::loadFailed, this, [this](const QString& path, const QString& reason) {
        m_loadingPath.clear();
        showError(
            tr("Could not open %1: %2").arg(QFileInfo(path).fileName(), reasonOnly(reason, path)));
        updateActions();
        Q_EMIT photoFailed(path);
    });
    connect(m_io, &PhotoIo::saved, this, &MainWindow::onSaved);
    connect(m_io, &PhotoIo::saveFailed, this, [this](const QString& path, const QString& reason) {
        m_afterSave = nullptr;
        showError(
            tr("Could not save %1: %2").arg(QFileInfo(path).fileName(), reasonOnly(reason, path)));
        updateActions();
    });

    connect(m_host, &ModelHost::event, this, &MainWindow::onHostEvent);
    connect(m_progress, &ProgressPanel::cancelRequested, this, &MainWindow::cancelDeblur);

    connect(m_controls, &ControlsPanel::deblurRequested, this, &MainWindow::deblur);
    connect(m_controls, &ControlsPanel::previewRequested, this, &MainWindow::preview);
    connect(m_controls, &ControlsPanel::variationRequested, this, &MainWindow::anotherVariation);
    connect(m_controls, &ControlsPanel::strengthChanged, this, &MainWindow::scheduleStrength);
    connect(m_controls, &ControlsPanel::modelChosen, this, &MainWindow::chooseModel);
    connect(m_controls, &ControlsPanel::addModelRequested, this, &MainWindow::addModelFolder);
    connect(m_controls, &ControlsPanel::optionsChanged, this, [this] {
        AppSettings::setValue(AppSettings::Device, m_controls->device());
        AppSettings::setValue(AppSettings::Precision, m_controls->precision());
        AppSettings::setValue(AppSettings::TileSize, m_controls->tileSize());
        AppSettings::setValue(AppSettings::EnsembleViews, m_controls->views());
        AppSettings::setValue(AppSettings::Refine, m_controls->refine());
        AppSettings::setValue(AppSettings::ProtectSharp, m_controls->protectSharp());
    });
    connect(m_viewer, &ImageViewer::stepRequested, this, &MainWindow::stepPhoto);
    connect(m_viewer, &ImageViewer::zoomChanged, this, [this](double zoom, bool fit) {
        statusBar()->showMessage(fit ? tr("Fit to window (%1 %)").arg(qRound(zoom * 100))
                                     : tr("Zoom %1 %").arg(qRound(zoom * 100)),
                                 2000);
    });
}

void MainWindow::onHostEvent(const HostEvent& event)
{
    if (const auto* loaded = std::get_if<ModelLoaded>(&event)) {
        onModelLoaded(*loaded);
    } else if (const auto* failed = std::get_if<ModelFailed>(&event)) {
        onModelFailed(*failed);
    } else if (const auto* progressed = std::get_if<DeblurProgressed>(&event)) {
        onDeblurProgress(progressed->progress);
    } else if (const auto* finished = std::get_if<DeblurFinished>(&event)) {
        onDeblurFinished(finished->outcome);
        MemoryTrim::soon();
    } else if (std::holds_alternative<DeblurCancelled>(event)) {
        onDeblurEnded({});
        MemoryTrim::soon();
    } else if (const auto* deblurFailed = std::get_if<DeblurFailed>(&event)) {
        onDeblurEnded(deblurFailed->reason);
        MemoryTrim::soon();
    } else if (std::holds_alternative<DeblurStarted>(event)) {
        updateActions();
    }
}

void MainWindow::onModelLoaded(const ModelLoaded& loaded)
{
    if (loaded.folder == m_addingModel) {
        QStringList extra = AppSettings::value(AppSettings::ExtraModels).toStringList();
        extra.removeAll(loaded.folder);
        extra << loaded.folder;
        AppSettings::setValue(AppSettings::ExtraModels, extra);
        m_addingModel.clear();
    }
    AppSettings::setValue(AppSettings::ModelFolder, loaded.folder);
    m_controls->selectModel(loaded.folder); // the batch window may have chosen it
    statusBar()->showMessage(tr("Model: %1").arg(loaded.name), 5000);
}

void MainWindow::onModelFailed(const ModelFailed& failed)
{
    showError(tr("Could not load the model %1: %2")
                  .arg(QDir::toNativeSeparators(failed.folder), failed.reason));
    if (failed.folder == m_addingModel) {
        m_controls->removeModel(failed.folder);
        m_addingModel.clear();
    }
    m_controls->selectModel(m_host->modelFolder());
}

void MainWindow::onDeblurProgress(const DeblurProgress& progress)
{
    m_progress->update(progress);
    if (m_controls->tileSize() == 0 && progress.tileSize > 0) {
        m_controls->setAutomaticTileSize(progress.tileSize);
    }
}

void MainWindow::onDeblurEnded(const QString& error)
{
    stopPreview();
    m_progress->stop();
    if (error.isEmpty()) {
        statusBar()->showMessage(tr("Cancelled; the photo is unchanged."), 5000);
    } else {
        const QString name =
            m_photo ? QFileInfo(QString::fromStdString(m_photo->path)).fileName() : QString();
        showError(tr("Could not deblur %1: %2").arg(name, error));
    }
    updateActions();
    Q_EMIT deblurStopped();
}

void MainWindow::loadModels()
{
    QStringList names;
    const QString reason = ModelHost::cudaStatus(&names);
    m_controls->setCudaDevices(names, reason);
    // A preview region takes a few seconds: about 5 s on a 2-core CPU at 512 px.
    m_quickPreview.setMaximumSide(names.isEmpty() ? 512 : 1024);

    std::vector<std::string> extra;
    for (const QString& folder : AppSettings::value(AppSettings::ExtraModels).toStringList()) {
        extra.push_back(folder.toStdString());
    }
    for (const restore::ModelEntry& entry : restore::ModelCatalog::list(extra)) {
        const QString name = QString::fromStdString(entry.name);
        m_controls->addModel(entry.bundled ? tr("%1 (bundled)").arg(name) : name,
                             QString::fromStdString(entry.folder));
    }
    const QStringList folders = m_controls->modelFolders();
    QString chosen = AppSettings::value(AppSettings::ModelFolder).toString();
    if (chosen.isEmpty() || !folders.contains(chosen)) {
        chosen = folders.isEmpty() ? QString() : folders.first();
    }
    if (!chosen.isEmpty()) {
        m_controls->selectModel(chosen);
        m_host->loadModel(chosen);
    }
}

void MainWindow::restoreSettings()
{
    restoreGeometry(AppSettings::value(AppSettings::WindowGeometry).toByteArray());
    restoreState(AppSettings::value(AppSettings::WindowState).toByteArray());
    const QSignalBlocker quiet(m_controls); // restoring must not store half-restored values
    m_controls->setDevice(AppSettings::value(AppSettings::Device).toString());
    m_controls->setPrecision(AppSettings::value(AppSettings::Precision).toString());
    m_controls->setTileSize(AppSettings::value(AppSettings::TileSize).toInt());
    m_controls->setViews(AppSettings::value(AppSettings::EnsembleViews).toInt());
    m_controls->setRefine(AppSettings::value(AppSettings::Refine).toString());
    m_controls->setProtectSharp(AppSettings::value(AppSettings::ProtectSharp).toBool());
    m_blurMap->setChecked(AppSettings::value(AppSettings::BlurMap).toBool());
    setSplitDirection(AppSettings::value(AppSettings::SplitDirection).toString() ==
                              QLatin1String("topBottom")
                          ? ImageViewer::SplitDirection::TopBottom
                          : ImageViewer::SplitDirection::LeftRight);
    const QString mode = AppSettings::value(AppSettings::CompareMode).toString();
    setCompareMode(mode == QLatin1String("after")  ? ImageViewer::Mode::After
                   : mode == QLatin1String("side") ? ImageViewer::Mode::SideBySide
                                                   : ImageViewer::Mode::Split);
}

void MainWindow::setCompareMode(ImageViewer::Mode mode)
{
    m_viewer->setMode(mode);
    QAction* action = mode == ImageViewer::Mode::After   ? m_afterOnly
                      : mode == ImageViewer::Mode::Split ? m_compare
                                                         : m_sideBySide;
    action->setChecked(true);
    AppSettings::setValue(AppSettings::CompareMode,
                          mode == ImageViewer::Mode::After   ? QStringLiteral("after")
                          : mode == ImageViewer::Mode::Split ? QStringLiteral("split")
                                                             : QStringLiteral("side"));
}

void MainWindow::setSplitDirection(ImageViewer::SplitDirection direction)
{
    m_viewer->setSplitDirection(direction);
    const bool topBottom = direction == ImageViewer::SplitDirection::TopBottom;
    m_splitHorizontal->setChecked(topBottom);
    AppSettings::setValue(AppSettings::SplitDirection,
                          topBottom ? QStringLiteral("topBottom") : QStringLiteral("leftRight"));
}

void MainWindow::deblur()
{
    if (!m_photo || m_host->isBusy()) {
        return;
    }
    const QString folder = m_controls->modelFolder();
    if (folder.isEmpty()) {
        showError(tr("No model is available: add a folder of HI-Diff checkpoints with "
                     "\"Add model…\"."));
        return;
    }
    if (!m_host->loadModel(folder)) {
        return; // a batch runs with another model; the banner says so
    }
    const DeblurRequest request = makeRequest();
    m_followTimer->stop();
    m_banner->dismiss();
    m_progress->start();
    m_host->deblur(request);
}

void MainWindow::anotherVariation()
{
    m_seed = QRandomGenerator::global()->bounded(1u << 30);
    deblur();
}

void MainWindow::cancelDeblur()
{
    m_host->cancelDeblur();
}

void MainWindow::onDeblurFinished(const DeblurOutcome& outcome)
{
    m_progress->stop();
    if (m_controls->precision() == QLatin1String("auto")) {
        m_controls->setAutomaticPrecision(outcome.precision); // "Auto (float32)"
    }
    if (outcome.photo != m_photo) {
        return; // another photo was opened meanwhile
    }
    if (!outcome.region.isNull()) {
        onPreviewFinished(outcome);
        return;
    }
    stopPreview();
    m_viewer->setPreviewRegions({});
    m_outcome = outcome;
    applyStrength(); // shown in the compare mode chosen (split unless changed)
    setModified(true);
    // The engine describes the CPU as "cpu (N threads)"; GPUs by their names.
    static const QRegularExpression cpu(QStringLiteral("^cpu \\((\\d+) threads?\\)$"));
    const QRegularExpressionMatch threads = cpu.match(outcome.device);
    const QString device = threads.hasMatch()
                               ? tr("the CPU (%n thread(s))", nullptr, threads.captured(1).toInt())
                               : outcome.device;
    QString message =
        tr("Deblurred in %1 s on %2 (%n tile(s) of %3 px, seed %4)", nullptr, outcome.tiles)
            .arg(QLocale().toString(outcome.seconds, 'f', 1))
            .arg(device)
            .arg(outcome.tileSize)
            .arg(outcome.seed);
    if (outcome.refineAsked) {
        message += QStringLiteral("; ") + refinementText(outcome);
    }
    statusBar()->showMessage(message);
    m_controls->showKernel(outcome.kernel, refinementText(outcome));
    updateActions();
    Q_EMIT deblurDone();
}

void MainWindow::scheduleStrength()
{
    if (!m_strengthPending) {
        m_strengthPending = true;
        QTimer::singleShot(0, this, [this] {
            m_strengthPending = false;
            applyStrength();
        });
    }
}

void MainWindow::applyStrength()
{
    const bool whole = bool(m_outcome.restored);
    if (!whole && m_quickPreview.isEmpty()) {
        return;
    }
    const ImagePyramid& after = whole ? m_outcome.displayLevels : m_quickPreview.composite();
    const int strength = m_controls->strength();
    if (strength == 100) {
        m_viewer->setRestored(after);
    } else {
        m_viewer->setRestored(blendDisplay(m_originalDisplay, after.base(), strength / 100.0));
    }
    if (whole) {
        setModified(true);
    }
}

void MainWindow::addModelFolder()
{
    const QString folder =
        QFileDialog::getExistingDirectory(this, tr("Add a HI-Diff model folder"),
                                          AppSettings::value(AppSettings::LastFolder).toString());
    if (!folder.isEmpty()) {
        addModel(folder);
    }
}

void MainWindow::addModel(const QString& folder)
{
    const restore::FolderProblem problem = restore::ModelCatalog::check(folder.toStdString());
    if (!problem.ok()) {
        showError(tr("Cannot add the model: %1").arg(folderProblemText(folder, problem)));
        return;
    }
    m_addingModel = folder;
    m_controls->addModel(
        QString::fromStdString(restore::ModelCatalog::displayName(folder.toStdString())), folder);
    m_controls->selectModel(folder);
    m_host->loadModel(folder); // validated by loading; a failure removes the entry
}

void MainWindow::chooseModel(const QString& folder)
{
    if (!folder.isEmpty()) {
        m_host->loadModel(folder);
    }
}

void MainWindow::setModified(bool modified)
{
    setWindowModified(modified);
    updateActions();
}

void MainWindow::updateTitle()
{
    if (!m_photo) {
        setWindowTitle(tr("Unblur"));
        return;
    }
    const QFileInfo info(QString::fromStdString(m_photo->path));
    setWindowFilePath(info.absoluteFilePath());
    setWindowTitle(tr("%1[*] — Unblur").arg(info.fileName()));
}

void MainWindow::updateActions()
{
    const bool busy = m_host->isBusy();
    const bool result = hasResult();
    const bool shown = result || !m_quickPreview.isEmpty(); // something restored on screen
    m_deblur->setEnabled(m_photo && !busy);
    setActionText(m_deblur, !result && !m_quickPreview.isEmpty() ? tr("&Apply to Whole Photo")
                                                                 : tr("&Deblur Whole Photo"));
    m_preview->setEnabled(m_photo && !busy && !result);
    m_variation->setEnabled(result && !busy);
    m_cancel->setEnabled(busy);
    m_save->setEnabled(result && !m_io->isSaving());
    m_saveAs->setEnabled(result && !m_io->isSaving());
    m_export->setEnabled(result && !m_io->isSaving());
    m_compare->setEnabled(shown);
    m_sideBySide->setEnabled(shown);
    m_afterOnly->setEnabled(shown);
    m_original->setEnabled(shown);
    m_fit->setEnabled(bool(m_photo));
    m_actual->setEnabled(bool(m_photo));
    m_controls->setState(bool(m_photo), result, busy, !m_quickPreview.isEmpty());
}

void MainWindow::showError(const QString& text)
{
    m_banner->showMessage(text, MessageBanner::Kind::Error);
}

} // namespace unblur::ui
