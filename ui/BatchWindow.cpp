#include "BatchWindow.h"

#include "AppSettings.h"
#include "BatchQueueModel.h"
#include "BatchStopMessage.h"
#include "BlurScorer.h"
#include "DurationText.h"
#include "MemoryTrim.h"
#include "ModelHost.h"
#include "OutputFormatFields.h"
#include "batch/BatchPlan.h"
#include "io/OutputCheck.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace unblur::ui {

BatchWindow::BatchWindow(ModelHost* host, QWidget* parent)
    : QWidget(parent, Qt::Window), m_host(host)
{
    setObjectName(QStringLiteral("BatchWindow"));
    setWindowTitle(tr("Batch Export — Unblur"));
    setAcceptDrops(true);
    resize(900, 720);
    m_queue = new BatchQueueModel(this);
    m_sorted = new QSortFilterProxyModel(this);
    m_sorted->setSourceModel(m_queue);
    m_sorted->setSortRole(Qt::UserRole);
    m_scorer = new BlurScorer(this);

    // Photos in.
    m_inputs = new QListWidget(this);
    m_inputs->setAccessibleName(tr("Photos and folders to export"));
    m_inputs->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_inputs->setMaximumHeight(110);
    auto* addPhotos = new QPushButton(tr("Add &photos…"), this);
    auto* addFolder = new QPushButton(tr("Add &folder…"), this);
    auto* remove = new QPushButton(tr("&Remove"), this);
    m_recursive = new QCheckBox(tr("Include sub-fol&ders (mirrored in the output)"), this);
    m_include = new QLineEdit(this);
    m_include->setPlaceholderText(tr("all photos, or e.g. *.jpg IMG_*"));
    m_include->setAccessibleName(tr("Only files matching"));
    auto* inputButtons = new QVBoxLayout;
    inputButtons->addWidget(addPhotos);
    inputButtons->addWidget(addFolder);
    inputButtons->addWidget(remove);
    inputButtons->addStretch(1);
    auto* inputRow = new QHBoxLayout;
    inputRow->addWidget(m_inputs, 1);
    inputRow->addLayout(inputButtons);
    auto* inputForm = new QFormLayout;
    inputForm->addRow(m_recursive);
    inputForm->addRow(tr("Only files ma&tching:"), m_include);
    auto* inputBox = new QGroupBox(tr("Photos (drop files or folders here)"), this);
    auto* inputLayout = new QVBoxLayout(inputBox);
    inputLayout->addLayout(inputRow);
    inputLayout->addLayout(inputForm);

    // Results out.
    m_output = new QLineEdit(this);
    m_output->setAccessibleName(tr("Output folder"));
    auto* chooseOutput = new QPushButton(tr("C&hoose…"), this);
    auto* outputRow = new QHBoxLayout;
    outputRow->addWidget(m_output, 1);
    outputRow->addWidget(chooseOutput);
    m_template = new QLineEdit(this);
    m_template->setAccessibleName(tr("File name"));
    m_template->setToolTip(tr("{name}: the photo's name; {ext}: the format's extension; {model}: "
                              "the model; {date}: today"));
    m_collision = new QComboBox(this);
    m_collision->setAccessibleName(tr("When the file exists"));
    m_collision->addItem(tr("Skip the photo (resumes a batch)"), QStringLiteral("skip-existing"));
    m_collision->addItem(tr("Add a number"), QStringLiteral("suffix"));
    m_collision->addItem(tr("Replace it"), QStringLiteral("overwrite"));
    const QString threshold = QLocale().toString(BlurScorer::threshold(), 'f', 2);
    m_onlyBlurry = new QCheckBox(tr("Only blurry photos"), this);
    m_onlyBlurry->setObjectName(QStringLiteral("onlyBlurryCheck"));
    m_onlyBlurry->setToolTip(tr("Skip the sharp photos (blur below %1): they are listed as "
                                "skipped, with their score")
                                 .arg(threshold));
    m_protectSharp = new QCheckBox(tr("Protect sharp areas"), this);
    m_protectSharp->setObjectName(QStringLiteral("protectSharpCheck"));
    m_protectSharp->setToolTip(tr("Keep the parts of each photo that are in focus, and soft "
                                  "backgrounds, as they were: only blurred parts change"));
    m_fields = new OutputFormatFields(true, this);
    m_engineLabel = new QLabel(this);
    m_engineLabel->setWordWrap(true);
    auto* outputForm = new QFormLayout;
    // A row holding a layout needs its own label for the mnemonic to reach the field.
    auto* outputLabel = new QLabel(tr("Output fo&lder:"), this);
    outputLabel->setBuddy(m_output);
    outputForm->addRow(outputLabel, outputRow);
    outputForm->addRow(tr("File &name:"), m_template);
    outputForm->addRow(tr("If the file &exists:"), m_collision);
    outputForm->addRow(m_onlyBlurry);
    outputForm->addRow(m_protectSharp);
    m_fields->addRows(outputForm);
    outputForm->addRow(tr("Model:"), m_engineLabel);
    auto* outputBox = new QGroupBox(tr("Output"), this);
    outputBox->setLayout(outputForm);

    // The queue and its progress.
    m_table = new QTableView(this);
    m_table->setModel(m_sorted);
    m_table->setObjectName(QStringLiteral("queueTable"));
    m_table->setAccessibleName(tr("Queue"));
    // The list's own order until a header is clicked.
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_table->setSortingEnabled(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(BatchQueueModel::Photo, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(BatchQueueModel::Result,
                                                      QHeaderView::Stretch);
    for (const int column : {BatchQueueModel::State, BatchQueueModel::Blur, BatchQueueModel::Time,
                             BatchQueueModel::Refinement}) {
        m_table->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    }
    m_progress = new QProgressBar(this);
    m_progress->setAccessibleName(tr("Batch progress"));
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setTextVisible(false);
    m_status = new QLabel(tr("Add photos or folders, choose the output folder, then Start."), this);
    m_status->setWordWrap(true);
    m_start = new QPushButton(tr("&Start"), this);
    m_start->setObjectName(QStringLiteral("startButton"));
    m_start->setDefault(true);
    m_pause = new QPushButton(tr("P&ause"), this);
    m_pause->setObjectName(QStringLiteral("pauseButton"));
    m_cancel = new QPushButton(tr("&Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setToolTip(tr("Stop within one tile; photos already written stay, nothing "
                            "partial is left"));
    m_saveReport = new QPushButton(tr("Sa&ve report…"), this);
    m_saveReport->setToolTip(tr("Every photo with its state, output and reason, as CSV"));
    m_selectBlurry = new QPushButton(tr("Select blurr&y only"), this);
    m_selectBlurry->setObjectName(QStringLiteral("selectBlurryButton"));
    m_selectBlurry->setToolTip(
        tr("Select the photos in the list whose blur is %1 or more").arg(threshold));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_saveReport);
    buttons->addWidget(m_selectBlurry);
    buttons->addStretch(1);
    buttons->addWidget(m_start);
    buttons->addWidget(m_pause);
    buttons->addWidget(m_cancel);

    auto* top = new QHBoxLayout;
    top->addWidget(inputBox, 1);
    top->addWidget(outputBox, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addLayout(buttons);

    m_output->setText(AppSettings::value(AppSettings::BatchOutputFolder).toString());
    m_template->setText(AppSettings::value(AppSettings::BatchTemplate).toString());
    m_recursive->setChecked(AppSettings::value(AppSettings::BatchRecursive).toBool());
    m_collision->setCurrentIndex(
        std::max(0, m_collision->findData(AppSettings::value(AppSettings::BatchCollision))));
    m_onlyBlurry->setChecked(AppSettings::value(AppSettings::BatchOnlyBlurry).toBool());
    m_protectSharp->setChecked(AppSettings::value(AppSettings::BatchProtectSharp).toBool());

    connect(addPhotos, &QPushButton::clicked, this, [this] {
        addInputs(QFileDialog::getOpenFileNames(
            this, tr("Add photos"), AppSettings::value(AppSettings::LastFolder).toString()));
    });
    connect(addFolder, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(
            this, tr("Add a folder"), AppSettings::value(AppSettings::LastFolder).toString());
        if (!folder.isEmpty()) {
            addInputs({folder});
        }
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        qDeleteAll(m_inputs->selectedItems());
        refreshQueue();
    });
    connect(m_recursive, &QCheckBox::toggled, this, &BatchWindow::refreshQueue);
    connect(m_include, &QLineEdit::editingFinished, this, &BatchWindow::refreshQueue);
    connect(m_onlyBlurry, &QCheckBox::toggled, this,
            [](bool on) { AppSettings::setValue(AppSettings::BatchOnlyBlurry, on); });
    connect(m_protectSharp, &QCheckBox::toggled, this,
            [](bool on) { AppSettings::setValue(AppSettings::BatchProtectSharp, on); });
    connect(m_selectBlurry, &QPushButton::clicked, this, &BatchWindow::selectBlurry);
    connect(m_scorer, &BlurScorer::fileScored, this,
            [this](const QString& path, const BlurScore& score) {
                m_scoring.remove(path);
                m_queue->setScore(path, score);
            });
    connect(chooseOutput, &QPushButton::clicked, this, &BatchWindow::chooseOutputFolder);
    connect(m_start, &QPushButton::clicked, this, &BatchWindow::start);
    connect(m_pause, &QPushButton::clicked, this, &BatchWindow::togglePause);
    connect(m_cancel, &QPushButton::clicked, this, &BatchWindow::cancel);
    connect(m_saveReport, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Save the report"), QDir(m_output->text()).filePath("unblur-report.csv"),
            tr("CSV files (*.csv)"));
        if (!path.isEmpty()) {
            saveReport(path);
        }
    });
    connect(m_host, &ModelHost::event, this, &BatchWindow::onHostEvent);
    updateButtons();
}

BatchWindow::~BatchWindow() = default;

void BatchWindow::onHostEvent(const HostEvent& event)
{
    if (!m_running) {
        return; // the main window's deblurs, or a batch this window did not start
    }
    if (const auto* planned = std::get_if<BatchPlanned>(&event)) {
        m_queue->setItems(planned->plan.items());
    } else if (const auto* changed = std::get_if<BatchItemChanged>(&event)) {
        m_queue->setItem(changed->index, changed->item);
    } else if (const auto* progressed = std::get_if<BatchProgressed>(&event)) {
        onProgress(progressed->progress);
    } else if (const auto* finished = std::get_if<BatchFinished>(&event)) {
        m_running = false;
        onFinished(finished->report);
    } else if (const auto* failed = std::get_if<BatchFailed>(&event)) {
        m_running = false;
        showProblem(failed->reason);
        updateButtons();
    }
}

void BatchWindow::setEngineSettings(const BatchEngineSettings& settings)
{
    m_engine = settings;
    const engine::EngineOptions& options = settings.options.engine;
    QString text =
        tr("%1 · device %2 · %3 · tiles %4")
            .arg(settings.modelName.isEmpty() ? settings.modelFolder : settings.modelName,
                 QString::fromStdString(options.device),
                 QString::fromStdString(engine::precisionName(options.precision)),
                 options.tileSize == 0 ? tr("auto") : QString::number(options.tileSize));
    if (options.views > 1) {
        text += tr(" · ensemble of %1 views").arg(options.views);
    }
    text += tr(" · shake refinement %1")
                .arg(QLatin1String(refine::refineModeName(settings.options.refine)));
    m_engineLabel->setText(tr("%1 (as in the main window)").arg(text));
}

void BatchWindow::setInputs(const QStringList& paths)
{
    m_inputs->clear();
    addInputs(paths);
    refreshQueue(); // also when nothing was added
}

QStringList BatchWindow::inputs() const
{
    QStringList paths;
    for (int i = 0; i < m_inputs->count(); ++i) {
        paths << m_inputs->item(i)->data(Qt::UserRole).toString();
    }
    return paths;
}

void BatchWindow::addInputs(const QStringList& paths)
{
    const QStringList present = inputs();
    for (const QString& path : paths) {
        if (path.isEmpty() || present.contains(path)) {
            continue;
        }
        auto* item = new QListWidgetItem(QDir::toNativeSeparators(path), m_inputs);
        item->setData(Qt::UserRole, path);
        item->setToolTip(QFileInfo(path).isDir() ? tr("Folder") : tr("Photo"));
    }
    refreshQueue();
}

void BatchWindow::setOutputFolder(const QString& folder)
{
    m_output->setText(folder);
}

void BatchWindow::setRecursive(bool recursive)
{
    m_recursive->setChecked(recursive);
}

void BatchWindow::setOnlyBlurry(bool on)
{
    m_onlyBlurry->setChecked(on);
}

void BatchWindow::setProtectSharp(bool on)
{
    m_protectSharp->setChecked(on);
}

void BatchWindow::refreshQueue()
{
    if (m_running) {
        return; // the run's plan owns the list
    }
    m_queue->setItems(batch::BatchPlan::findPhotos(options()));
    for (const batch::BatchItem& item : m_queue->items()) {
        if (item.state == batch::ItemState::Queued && !m_queue->hasScore(item.input) &&
            !m_scoring.contains(item.input)) {
            m_scoring.insert(item.input);
            m_scorer->scoreFile(item.input);
        }
    }
}

int BatchWindow::selectBlurry()
{
    QItemSelection blurry;
    for (int row = 0; row < m_sorted->rowCount(); ++row) {
        const int source = m_sorted->mapToSource(m_sorted->index(row, 0)).row();
        if (m_queue->blur(source) >= BlurScorer::threshold()) {
            blurry.select(m_sorted->index(row, 0),
                          m_sorted->index(row, BatchQueueModel::ColumnCount - 1));
        }
    }
    m_table->selectionModel()->select(blurry, QItemSelectionModel::ClearAndSelect);
    const int count = int(m_table->selectionModel()->selectedRows().size());
    m_status->setText(tr("%n blurry photo(s) selected", nullptr, count));
    return count;
}

QStringList BatchWindow::selectedPhotos() const
{
    QStringList photos;
    for (int row = 0; row < m_sorted->rowCount(); ++row) {
        if (m_table->selectionModel()->isRowSelected(row, {})) {
            const int source = m_sorted->mapToSource(m_sorted->index(row, 0)).row();
            photos << m_queue->items()[size_t(source)].input;
        }
    }
    return photos;
}

batch::BatchOptions BatchWindow::options() const
{
    batch::BatchOptions options;
    options.inputs = inputs();
    options.recursive = m_recursive->isChecked();
    options.includes = m_include->text().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    options.outputFolder = m_output->text().trimmed();
    options.nameTemplate = m_template->text().trimmed();
    const QString collision = m_collision->currentData().toString();
    options.collision = collision == QLatin1String("suffix")      ? batch::Collision::Suffix
                        : collision == QLatin1String("overwrite") ? batch::Collision::Overwrite
                                                                  : batch::Collision::SkipExisting;
    options.write = m_fields->options();
    options.restore = m_engine.options;
    options.restore.protectSharp = m_protectSharp->isChecked();
    options.onlyBlurry = m_onlyBlurry->isChecked();
    return options;
}

bool BatchWindow::start()
{
    if (m_host->isBatchRunning()) {
        showProblem(tr("A batch export is already running."));
        return false;
    }
    if (m_engine.modelFolder.isEmpty()) {
        showProblem(tr("No model is available: add one in the main window first."));
        return false;
    }
    const batch::BatchOptions chosen = options();
    const QString problem = chosen.validate();
    if (!problem.isEmpty()) {
        showProblem(problem);
        return false;
    }
    // Before any photo is restored: the folder exists or can be made, is writable, has space.
    const QString unwritable = io::checkOutputFolder(chosen.outputFolder);
    if (!unwritable.isEmpty()) {
        showProblem(unwritable);
        return false;
    }
    AppSettings::setValue(AppSettings::BatchOutputFolder, chosen.outputFolder);
    AppSettings::setValue(AppSettings::BatchTemplate, chosen.nameTemplate);
    AppSettings::setValue(AppSettings::BatchRecursive, chosen.recursive);
    AppSettings::setValue(AppSettings::BatchCollision, m_collision->currentData());
    m_fields->remember();
    m_scorer->clearFiles(); // the run measures every photo itself
    m_scoring.clear();
    m_queue->setItems({});
    m_progress->setValue(0);
    m_status->setText(tr("Loading the model and listing the photos…"));
    m_running = true;
    const bool started = m_host->startBatch(chosen, m_engine.modelFolder);
    m_running = started;
    updateButtons();
    return started;
}

void BatchWindow::togglePause()
{
    if (!isRunning()) {
        return;
    }
    if (m_host->isBatchPaused()) {
        m_host->resumeBatch();
    } else {
        m_host->pauseBatch();
        m_status->setText(tr("Pausing after the current tile…"));
    }
    updateButtons();
}

void BatchWindow::cancel()
{
    if (isRunning()) {
        m_host->cancelBatch();
        m_status->setText(tr("Stopping after the current tile…"));
    }
}

bool BatchWindow::saveReport(const QString& path)
{
    try {
        m_lastReport.writeCsv(path);
        m_status->setText(tr("Report saved to %1.").arg(QDir::toNativeSeparators(path)));
        return true;
    } catch (const std::exception& e) {
        showProblem(tr("Could not save the report: %1").arg(QString::fromStdString(e.what())));
        return false;
    }
}

bool BatchWindow::isRunning() const
{
    return m_running;
}

bool BatchWindow::isPaused() const
{
    return m_running && m_host->isBatchPaused();
}

QString BatchWindow::summary() const
{
    return m_status->text();
}

void BatchWindow::onProgress(const batch::BatchProgress& progress)
{
    const int total = std::max(1, progress.total);
    const double part = (progress.finished + std::clamp(progress.currentPart, 0.0, 1.0)) / total;
    m_progress->setValue(int(std::lround(std::min(1.0, part) * 1000)));
    QString text = tr("%1 of %n photo(s) finished", nullptr, progress.total).arg(progress.finished);
    if (progress.failed > 0) {
        text += tr(" · %n failed", nullptr, progress.failed);
    }
    if (!progress.stopReason.isEmpty()) {
        text = BatchStopMessage::stopping(progress.stopReason);
    } else if (progress.paused) {
        text += tr(" · paused");
    } else if (progress.etaSeconds >= 0) {
        text += tr(" · about %1 left").arg(durationText(progress.etaSeconds));
    }
    m_status->setText(text);
    updateButtons();
}

void BatchWindow::onFinished(const batch::BatchReport& report)
{
    m_lastReport = report;
    m_queue->setItems(report.items());
    using batch::ItemState;
    const int done = report.count(ItemState::Done);
    const int failed = report.count(ItemState::Failed);
    const int cancelled = report.count(ItemState::Cancelled);
    QString text = tr("%n photo(s) done", nullptr, done) +
                   tr(", %n skipped", nullptr, report.count(ItemState::Skipped));
    text += tr(", %n failed", nullptr, failed);
    if (cancelled > 0) {
        text += tr(", %n not done (cancelled)", nullptr, cancelled);
    }
    if (failed > 0) {
        text += tr(". The failed photos and their reasons are in red in the list.");
    }
    m_status->setText(text);
    if (!report.stopReason().isEmpty()) {
        const bool resumes =
            m_collision->currentData().toString() == QLatin1String("skip-existing");
        showProblem(BatchStopMessage::text(report.stopReason(), cancelled, resumes));
    }
    m_progress->setValue(cancelled > 0 ? m_progress->value() : 1000);
    updateButtons();
    MemoryTrim::soon();
    Q_EMIT batchFinished(report);
}

void BatchWindow::showProblem(const QString& text)
{
    m_status->setText(
        QStringLiteral("<span style=\"color:#c01c28\">%1</span>").arg(text.toHtmlEscaped()));
}

void BatchWindow::updateButtons()
{
    const bool running = isRunning();
    m_start->setEnabled(!running);
    m_pause->setEnabled(running);
    m_pause->setText(isPaused() ? tr("Res&ume") : tr("P&ause"));
    m_cancel->setEnabled(running);
    m_saveReport->setEnabled(!running && !m_lastReport.items().empty());
}

void BatchWindow::chooseOutputFolder()
{
    const QString folder =
        QFileDialog::getExistingDirectory(this, tr("Output folder"), m_output->text());
    if (!folder.isEmpty()) {
        m_output->setText(folder);
    }
}

void BatchWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls()) {
        event->acceptProposedAction();
    }
}

void BatchWindow::dropEvent(QDropEvent* event)
{
    QStringList paths;
    for (const QUrl& url : event->mimeData()->urls()) {
        if (url.isLocalFile()) {
            paths << url.toLocalFile();
        }
    }
    addInputs(paths);
    event->acceptProposedAction();
}

} // namespace unblur::ui
