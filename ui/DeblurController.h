#pragma once

#include "DeblurTypes.h"

#include <QObject>
#include <QThread>
#include <atomic>

namespace unblur::ui {

class DeblurWorker;

/**
 * The GUI thread's handle on the worker thread: owns the QThread and the DeblurWorker moved
 * to it, forwards requests as queued calls and the worker's signals back. Its destructor
 * cancels any run, quits the thread and waits for it.
 */
class DeblurController : public QObject
{
    Q_OBJECT
public:
    explicit DeblurController(QObject* parent = nullptr);
    ~DeblurController() override;

    /** Loads `folder` on the worker (nothing happens if it is the loaded one). */
    void loadModel(const QString& folder);
    /** Starts a deblur; refused (false) while one runs. */
    bool start(const DeblurRequest& request);
    /** Asks the running deblur to stop; it does within one tile or diffusion step. */
    void cancel();

    bool isBusy() const { return m_busy; }
    bool isModelReady() const { return !m_modelName.isEmpty(); }
    QString modelName() const { return m_modelName; }
    QString modelFolder() const { return m_modelFolder; }

Q_SIGNALS:
    void modelLoaded(const QString& folder, const QString& name);
    void modelFailed(const QString& folder, const QString& reason);
    void progress(const unblur::ui::DeblurProgress& progress);
    void finished(const unblur::ui::DeblurOutcome& outcome);
    void cancelled();
    void failed(const QString& reason);
    void busyChanged(bool busy);

private:
    void setBusy(bool busy);

    QThread m_thread;
    DeblurWorker* m_worker = nullptr;
    std::atomic<bool> m_cancel{false};
    bool m_busy = false;
    QString m_modelName;
    QString m_modelFolder;
};

} // namespace unblur::ui
