#pragma once

#include "DeblurTypes.h"

#include <QObject>
#include <atomic>
#include <memory>

namespace unblur::engine {
class Engine;
}

namespace unblur::ui {

/**
 * Lives on the controller's worker thread and owns the engine: the model is loaded once and
 * kept. Everything that runs the model happens in its slots, never on the GUI thread.
 */
class DeblurWorker : public QObject
{
    Q_OBJECT
public:
    /** `cancel` is owned by the controller, set from the GUI thread, read between tiles. */
    explicit DeblurWorker(const std::atomic<bool>* cancel);
    ~DeblurWorker() override;

    /**
     * Why CUDA cannot be used here, or an empty string when it can; `names` receives the GPUs
     * ("cuda:0 (NVIDIA ...)").
     */
    static QString cudaStatus(QStringList* names);

public Q_SLOTS:
    void loadModel(const QString& folder);
    void deblur(const unblur::ui::DeblurRequest& request);

Q_SIGNALS:
    void modelLoaded(const QString& folder, const QString& name);
    void modelFailed(const QString& folder, const QString& reason);
    void progress(const unblur::ui::DeblurProgress& progress);
    void finished(const unblur::ui::DeblurOutcome& outcome);
    void cancelled();
    void failed(const QString& reason);

private:
    const std::atomic<bool>* m_cancel;
    std::unique_ptr<engine::Engine> m_engine;
    QString m_folder;
    QString m_name;
};

} // namespace unblur::ui
