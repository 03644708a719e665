#pragma once

#include "batch/BatchOptions.h"
#include "batch/BatchPipeline.h"
#include "batch/BatchReport.h"

#include <QMetaType>
#include <QObject>
#include <QThread>
#include <atomic>
#include <memory>
#include <mutex>

namespace unblur::engine {
class Engine;
}

namespace unblur::ui {

/**
 * Runs batch exports for the GUI on a thread of their own, with their own engine (the model
 * is loaded once and kept between runs), while the main window deblurs on its worker. The
 * plan, every item's state, progress and the report come back as signals on the GUI thread;
 * pause(), resume() and cancel() act between two tiles.
 */
class BatchRunner : public QObject
{
    Q_OBJECT
public:
    explicit BatchRunner(QObject* parent = nullptr);
    /** Cancels a running batch and waits for it (within one tile). */
    ~BatchRunner() override;

    /** Plans and runs `options` with the model in `modelFolder`, whose name fills
     *  `options.modelName`; false while one runs. */
    bool start(const batch::BatchOptions& options, const QString& modelFolder);
    void pause();
    void resume();
    void cancel();

    bool isRunning() const;
    bool isPaused() const;

Q_SIGNALS:
    /** The photos of this run, in order; rows of the queue. */
    void planned(const unblur::batch::BatchReport& plan);
    void itemChanged(int index, const unblur::batch::BatchItem& item);
    void progressed(const unblur::batch::BatchProgress& progress);
    /** The run ended (done, or cancelled): every photo's final state. */
    void finished(const unblur::batch::BatchReport& report);
    /** The run could not start: the model did not load, or the options are unusable. */
    void failed(const QString& reason);

private:
    void run(batch::BatchOptions options, QString modelFolder);

    std::unique_ptr<QThread> m_thread;
    std::unique_ptr<engine::Engine> m_engine; ///< used only on the batch thread
    QString m_engineFolder;
    QString m_modelName;
    std::atomic<bool> m_busy{false}; ///< from start() until finished or failed is emitted
    mutable std::mutex m_mutex;      ///< guards m_pipeline, read by pause/resume/cancel
    batch::BatchPipeline* m_pipeline = nullptr;
    bool m_cancelRequested = false;
};

} // namespace unblur::ui

Q_DECLARE_METATYPE(unblur::batch::BatchItem)
Q_DECLARE_METATYPE(unblur::batch::BatchProgress)
Q_DECLARE_METATYPE(unblur::batch::BatchReport)
