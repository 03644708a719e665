#pragma once

#include "HostEvents.h"
#include "batch/BatchOptions.h"
#include "restore/CancelToken.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <atomic>
#include <memory>
#include <mutex>

namespace unblur::restore {
class Restorer;
}

namespace unblur::ui {

class ModelThread;

/**
 * The GUI's one model: owns the Restorer and the thread that runs it, and serves the main
 * window's deblurs and previews and the batch window's exports from one queue. A preview asked
 * for while a batch runs is served between two of the batch's tiles. The model is loaded once
 * (again only when another folder is chosen). Everything it has to tell comes as one typed
 * stream, event(), on the GUI thread; the state getters reflect the events already sent.
 */
class ModelHost : public QObject
{
    Q_OBJECT
public:
    explicit ModelHost(QObject* parent = nullptr);
    /** Cancels what runs, drops what waits, and joins the model thread. */
    ~ModelHost() override;

    /**
     * Loads `folder` (nothing to do if it is the loaded one): ModelLoaded or ModelFailed.
     * While a batch runs, another folder is refused (ModelFailed, and false): the batch keeps
     * its model.
     */
    bool loadModel(const QString& folder);

    /** Starts a deblur or preview; refused (false) while one runs. */
    bool deblur(const DeblurRequest& request);
    /** Stops the running deblur within one tile or diffusion step: DeblurCancelled. */
    void cancelDeblur();

    /**
     * Plans and runs a batch export with the model in `modelFolder` (loaded if needed): its
     * events, then BatchFinished; BatchFailed when it cannot start. False while one runs.
     */
    bool startBatch(const batch::BatchOptions& options, const QString& modelFolder);
    void pauseBatch();
    void resumeBatch();
    void cancelBatch();

    bool isBusy() const { return m_busy; } ///< a deblur or preview runs
    bool isBatchRunning() const { return m_batchRunning; }
    bool isBatchPaused() const;
    QString modelName() const { return m_modelName; }
    QString modelFolder() const { return m_modelFolder; }
    /** Models loaded by this host so far (tests: one, however many windows use it). */
    int modelsLoaded() const { return m_modelsLoaded.load(); }

    /** Why CUDA cannot be used, or empty when it can; `names` receives the GPUs. */
    static QString cudaStatus(QStringList* names);

Q_SIGNALS:
    void event(const unblur::ui::HostEvent& event);

private:
    /** From any thread: updates the state on the GUI thread, then emits event(). */
    void send(HostEvent event);
    void apply(const HostEvent& event);
    // On the model thread:
    /** Loads `folder` unless loaded; false (and ModelFailed or `reason`) when it fails. */
    bool ensureModel(const QString& folder, QString* reason);
    void runDeblurJob(const DeblurRequest& request);
    void runBatchJob(batch::BatchOptions options, const QString& modelFolder);

    // GUI thread state, changed only by apply().
    bool m_busy = false;
    bool m_batchRunning = false;
    QString m_modelName;
    QString m_modelFolder;

    // Model thread state.
    std::unique_ptr<restore::Restorer> m_restorer;
    std::string m_batchDevice; ///< the device a running batch uses, resolved; empty when none
    std::atomic<int> m_modelsLoaded{0};

    restore::CancelToken m_deblurCancel;
    mutable std::mutex m_batchMutex; ///< guards m_pipeline and m_batchCancelRequested
    batch::BatchPipeline* m_pipeline = nullptr;
    bool m_batchCancelRequested = false;

    std::unique_ptr<ModelThread> m_thread; ///< last: joined first on destruction
};

} // namespace unblur::ui
