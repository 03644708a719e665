#include "BatchRunner.h"

#include "ThreadPriority.h"
#include "batch/BatchPlan.h"
#include "engine/Engine.h"
#include "model/CpuRuntime.h"
#include "model/ModelFolder.h"

#include <c10/core/InferenceMode.h>

namespace unblur::ui {

namespace {

/** Forwards the pipeline's calls (from its threads) as the runner's signals. */
class SignalObserver : public batch::BatchObserver
{
public:
    explicit SignalObserver(BatchRunner* runner) : m_runner(runner) {}
    void itemChanged(int index, const batch::BatchItem& item) override
    {
        Q_EMIT m_runner->itemChanged(index, item);
    }
    void progressed(const batch::BatchProgress& progress) override
    {
        Q_EMIT m_runner->progressed(progress);
    }

private:
    BatchRunner* m_runner;
};

} // namespace

BatchRunner::BatchRunner(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<batch::BatchItem>();
    qRegisterMetaType<batch::BatchProgress>();
    qRegisterMetaType<batch::BatchReport>();
}

BatchRunner::~BatchRunner()
{
    cancel();
    if (m_thread) {
        m_thread->wait();
    }
}

bool BatchRunner::start(const batch::BatchOptions& options, const QString& modelFolder)
{
    if (isRunning()) {
        return false;
    }
    const QString problem = options.validate();
    if (!problem.isEmpty()) {
        Q_EMIT failed(problem);
        return false;
    }
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_cancelRequested = false;
    }
    if (m_thread) {
        m_thread->wait(); // the last run has emitted its end and is returning
    }
    m_busy = true;
    m_thread.reset(QThread::create([this, options, modelFolder] { run(options, modelFolder); }));
    m_thread->setObjectName(QStringLiteral("unblur-batch"));
    m_thread->start();
    return true;
}

void BatchRunner::run(batch::BatchOptions options, QString modelFolder)
{
    yieldToGui();
    try {
        if (!m_engine || m_engineFolder != modelFolder) {
            model::configureCpuThreads(0);
            model::LoadedModel loaded = model::loadModelFolder(modelFolder.toStdString());
            options.modelName = QString::fromStdString(loaded.info.displayName());
            m_engine = std::make_unique<engine::Engine>(std::move(loaded.model));
            m_engineFolder = modelFolder;
            m_modelName = options.modelName;
        } else {
            options.modelName = m_modelName;
        }
    } catch (const std::exception& e) {
        m_busy = false;
        Q_EMIT failed(tr("Could not load the model %1: %2")
                          .arg(modelFolder, QString::fromStdString(e.what())));
        return;
    }
    options.provenance.appVersion = UNBLUR_VERSION;
    options.provenance.modelName = options.modelName.toStdString();
    const batch::BatchPlan plan = batch::BatchPlan::make(options);
    Q_EMIT planned(batch::BatchReport(plan.items()));

    batch::BatchPipeline pipeline(*m_engine, options);
    SignalObserver observer(this);
    pipeline.setObserver(&observer);
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_pipeline = &pipeline;
        if (m_cancelRequested) {
            pipeline.cancel();
        }
    }
    batch::BatchReport report;
    {
        c10::InferenceMode inference;
        report = pipeline.run(plan);
    }
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_pipeline = nullptr;
    }
    m_busy = false;
    Q_EMIT finished(report);
}

void BatchRunner::pause()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_pipeline != nullptr) {
        m_pipeline->pause();
    }
}

void BatchRunner::resume()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_pipeline != nullptr) {
        m_pipeline->resume();
    }
}

void BatchRunner::cancel()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_cancelRequested = true;
    if (m_pipeline != nullptr) {
        m_pipeline->resume(); // a paused batch must wake up to stop
        m_pipeline->cancel();
    }
}

bool BatchRunner::isRunning() const
{
    return m_busy;
}

bool BatchRunner::isPaused() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_pipeline != nullptr && m_pipeline->isPaused();
}

} // namespace unblur::ui
