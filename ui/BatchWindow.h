#pragma once

#include "HostEvents.h"
#include "batch/BatchReport.h"
#include "restore/RestoreOptions.h"

#include <QSet>
#include <QString>
#include <QStringList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace unblur::batch {
struct BatchOptions;
} // namespace unblur::batch

namespace unblur::ui {

class BatchQueueModel;
class BlurScorer;
class ModelHost;
class OutputFormatFields;

/** The model and restore options a batch uses: those of the main window's panel. */
struct BatchEngineSettings
{
    QString modelFolder;
    QString modelName;
    restore::RestoreOptions options;
};

/**
 * Batch export: photos and folders in, an output folder out with the sub-folders mirrored,
 * a file-name template, format and metadata choices, what to do with existing outputs; then
 * the queue with each photo's state, overall progress with an ETA, pause/resume and cancel,
 * and a summary with a report that can be saved. It runs on its own thread while the main
 * window stays usable; closing this window leaves a running batch going. Before a run the queue
 * lists the photos found, each scored for blur in the background (the Blur column, sortable);
 * "Select blurry only" selects those at or above the threshold, and the run can skip sharp
 * photos and protect sharp areas.
 */
class BatchWindow : public QWidget
{
    Q_OBJECT
public:
    /** Runs its batches on `host`, the application's one model; `host` must outlive it. */
    explicit BatchWindow(ModelHost* host, QWidget* parent = nullptr);
    ~BatchWindow() override;

    void setEngineSettings(const BatchEngineSettings& settings);
    void setInputs(const QStringList& paths);
    QStringList inputs() const;
    void addInputs(const QStringList& paths);
    void setOutputFolder(const QString& folder);
    void setRecursive(bool recursive);
    void setOnlyBlurry(bool on);
    void setProtectSharp(bool on);

    /** Selects exactly the queue's photos whose blur is at or above the threshold; their count. */
    int selectBlurry();
    /** The selected photos of the queue (input paths), in the order shown. */
    QStringList selectedPhotos() const;

    /** Starts the batch with the choices shown; false (and the reason shown) when it cannot. */
    bool start();
    void togglePause();
    void cancel();
    /** Writes the last run's report as CSV; false (and the reason shown) on failure. */
    bool saveReport(const QString& path);

    bool isRunning() const;
    bool isPaused() const;
    BatchQueueModel* queue() const { return m_queue; }
    QString summary() const;

Q_SIGNALS:
    void batchFinished(const unblur::batch::BatchReport& report);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    batch::BatchOptions options() const;
    void onHostEvent(const HostEvent& event);
    void onProgress(const batch::BatchProgress& progress);
    void onFinished(const batch::BatchReport& report);
    void showProblem(const QString& text);
    void updateButtons();
    void chooseOutputFolder();
    /** Before a run: lists the photos the inputs name and scores the new ones. */
    void refreshQueue();

    ModelHost* m_host;
    bool m_running = false; ///< this window's batch runs on the host
    BatchQueueModel* m_queue;
    QSortFilterProxyModel* m_sorted; ///< the queue as shown, sorted by a clicked header
    BlurScorer* m_scorer;
    QSet<QString> m_scoring; ///< photos asked of the scorer, not yet answered
    BatchEngineSettings m_engine;
    batch::BatchReport m_lastReport;

    QListWidget* m_inputs;
    QCheckBox* m_recursive;
    QLineEdit* m_include;
    QLineEdit* m_output;
    QLineEdit* m_template;
    QComboBox* m_collision;
    QCheckBox* m_onlyBlurry;
    QCheckBox* m_protectSharp;
    OutputFormatFields* m_fields;
    QLabel* m_engineLabel;
    QTableView* m_table;
    QProgressBar* m_progress;
    QLabel* m_status;
    QPushButton* m_start;
    QPushButton* m_pause;
    QPushButton* m_cancel;
    QPushButton* m_saveReport;
    QPushButton* m_selectBlurry;
};

} // namespace unblur::ui
