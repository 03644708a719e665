#include "ModelHost.h"

#include "DeblurJob.h"
#include "ModelThread.h"
#include "batch/BatchPlan.h"
#include "restore/Restorer.h"

#include <QCoreApplication>

namespace unblur::ui {

namespace {

/** Sends the pipeline's calls (from its threads) as the host's events. */
class BatchEvents : public batch::BatchObserver
{
public:
    explicit BatchEvents(std::function<void(HostEvent)> send) : m_send(std::move(send)) {}
    void itemChanged(int index, const batch::BatchItem& item) override
    {
        m_send(BatchItemChanged{index, item});
    }
    void progressed(const batch::BatchProgress& progress) override
    {
        m_send(BatchProgressed{progress});
    }

private:
    std::function<void(HostEvent)> m_send;
};

std::string resolvedDevice(const restore::RestoreOptions& options)
{
    if (!restore::Restorer::check(options).empty()) {
        return {};
    }
    return restore::Restorer::describeDevice(options).text;
}

} // namespace

ModelHost::ModelHost(QObject* parent) : QObject(parent), m_thread(std::make_unique<ModelThread>())
{
    qRegisterMetaType<HostEvent>();
}

ModelHost::~ModelHost()
{
    m_deblurCancel.cancel();
    cancelBatch();
    // Waits for the running job, which stops within a tile. Not m_thread.reset(): that clears
    // the pointer before joining, and a batch's tiles call m_thread->serveInteractive().
    m_thread->stop();
}

QString ModelHost::cudaStatus(QStringList* names)
{
    std::string whyNone;
    const std::vector<std::string> devices = restore::Restorer::cudaDevices(&whyNone);
    for (const std::string& device : devices) {
        if (names != nullptr) {
            names->append(QString::fromStdString(device));
        }
    }
    if (!devices.empty()) {
        return {};
    }
    // The reasons, translated here: the Restorer's own English sentences.
    return whyNone.find("no CUDA support") != std::string::npos
               ? tr("This build of LibTorch has no CUDA support.")
               : tr("No CUDA GPU was found.");
}

void ModelHost::send(HostEvent event)
{
    QMetaObject::invokeMethod(
        this,
        [this, event = std::move(event)] {
            apply(event);
            Q_EMIT this->event(event);
        },
        Qt::QueuedConnection);
}

void ModelHost::apply(const HostEvent& event)
{
    if (const auto* loaded = std::get_if<ModelLoaded>(&event)) {
        m_modelFolder = loaded->folder;
        m_modelName = loaded->name;
    } else if (std::holds_alternative<DeblurStarted>(event)) {
        m_busy = true;
    } else if (std::holds_alternative<DeblurFinished>(event) ||
               std::holds_alternative<DeblurCancelled>(event) ||
               std::holds_alternative<DeblurFailed>(event)) {
        m_busy = false;
    } else if (std::holds_alternative<BatchFinished>(event) ||
               std::holds_alternative<BatchFailed>(event)) {
        m_batchRunning = false;
    }
}

bool ModelHost::loadModel(const QString& folder)
{
    if (m_batchRunning && !m_modelFolder.isEmpty() && folder != m_modelFolder) {
        send(ModelFailed{folder, tr("a batch export is running with %1; the model can change "
                                    "once it ends")
                                     .arg(m_modelName)});
        return false;
    }
    m_thread->postInteractive([this, folder] { ensureModel(folder, nullptr); });
    return true;
}

bool ModelHost::ensureModel(const QString& folder, QString* reason)
{
    if (m_restorer && m_restorer->model().folder == folder.toStdString()) {
        if (reason == nullptr) {
            send(ModelLoaded{folder, QString::fromStdString(m_restorer->model().name)});
        }
        return true;
    }
    if (!m_batchDevice.empty()) {
        // Served between a batch's tiles: that batch's model must stay.
        send(ModelFailed{folder, tr("a batch export is running; the model can change once it "
                                    "ends")});
        return false;
    }
    restore::Restorer::configureThreads(0);
    std::string error;
    std::unique_ptr<restore::Restorer> opened =
        restore::Restorer::open(folder.toStdString(), error);
    if (!opened) {
        if (reason != nullptr) {
            *reason = QString::fromStdString(error);
        } else {
            send(ModelFailed{folder, QString::fromStdString(error)});
        }
        return false;
    }
    m_restorer = std::move(opened); // the old model goes first: one in memory at a time
    ++m_modelsLoaded;
    send(ModelLoaded{folder, QString::fromStdString(m_restorer->model().name)});
    return true;
}

bool ModelHost::deblur(const DeblurRequest& request)
{
    if (m_busy) {
        return false;
    }
    m_deblurCancel.reset();
    apply(DeblurStarted{});
    Q_EMIT event(DeblurStarted{});
    m_thread->postInteractive([this, request] { runDeblurJob(request); });
    return true;
}

void ModelHost::cancelDeblur()
{
    if (m_busy) {
        m_deblurCancel.cancel();
    }
}

void ModelHost::runDeblurJob(const DeblurRequest& request)
{
    if (!m_restorer) {
        send(DeblurFailed{tr("No model is loaded.")});
        return;
    }
    if (!request.photo) {
        send(DeblurFailed{tr("No photo to deblur.")});
        return;
    }
    if (!m_batchDevice.empty() && resolvedDevice(request.options) != m_batchDevice) {
        send(DeblurFailed{tr("the batch export is running on %1; choose that device, or wait "
                             "for the batch to end")
                              .arg(QString::fromStdString(m_batchDevice))});
        return;
    }
    DeblurOutcome outcome;
    QString reason;
    const restore::RestoreStatus status = runDeblur(
        *m_restorer, request,
        [this](const DeblurProgress& progress) { send(DeblurProgressed{progress}); },
        &m_deblurCancel, outcome, reason);
    switch (status) {
    case restore::RestoreStatus::Done:
        send(DeblurFinished{std::move(outcome)});
        break;
    case restore::RestoreStatus::Cancelled:
        send(DeblurCancelled{});
        break;
    case restore::RestoreStatus::Failed:
        send(DeblurFailed{reason});
        break;
    }
}

bool ModelHost::startBatch(const batch::BatchOptions& options, const QString& modelFolder)
{
    if (m_batchRunning) {
        return false;
    }
    const QString problem = options.validate();
    if (!problem.isEmpty()) {
        send(BatchFailed{problem});
        return false;
    }
    {
        const std::lock_guard<std::mutex> lock(m_batchMutex);
        m_batchCancelRequested = false;
    }
    m_batchRunning = true;
    m_thread->postBatch([this, options, modelFolder] { runBatchJob(options, modelFolder); });
    return true;
}

void ModelHost::runBatchJob(batch::BatchOptions options, const QString& modelFolder)
{
    QString reason;
    if (!ensureModel(modelFolder, &reason)) {
        send(BatchFailed{tr("Could not load the model %1: %2").arg(modelFolder, reason)});
        return;
    }
    options.modelName = QString::fromStdString(m_restorer->model().name);
    options.provenance.appVersion = UNBLUR_VERSION;
    options.provenance.modelName = options.modelName.toStdString();
    const batch::BatchPlan plan = batch::BatchPlan::make(options);
    send(BatchPlanned{batch::BatchReport(plan.items())});

    batch::BatchPipeline pipeline(*m_restorer, options);
    BatchEvents events([this](HostEvent event) { send(std::move(event)); });
    pipeline.setObserver(&events);
    pipeline.setYield([this] { m_thread->serveInteractive(); });
    {
        const std::lock_guard<std::mutex> lock(m_batchMutex);
        m_pipeline = &pipeline;
        if (m_batchCancelRequested) {
            pipeline.cancel();
        }
    }
    m_batchDevice = resolvedDevice(options.restore);
    if (m_batchDevice.empty()) {
        m_batchDevice = "?"; // unusable options: the photos fail with the reason
    }
    const batch::BatchReport report = pipeline.run(plan);
    m_batchDevice.clear();
    {
        const std::lock_guard<std::mutex> lock(m_batchMutex);
        m_pipeline = nullptr;
    }
    send(BatchFinished{report});
}

void ModelHost::pauseBatch()
{
    const std::lock_guard<std::mutex> lock(m_batchMutex);
    if (m_pipeline != nullptr) {
        m_pipeline->pause();
    }
}

void ModelHost::resumeBatch()
{
    const std::lock_guard<std::mutex> lock(m_batchMutex);
    if (m_pipeline != nullptr) {
        m_pipeline->resume();
    }
}

void ModelHost::cancelBatch()
{
    const std::lock_guard<std::mutex> lock(m_batchMutex);
    m_batchCancelRequested = true;
    if (m_pipeline != nullptr) {
        m_pipeline->resume(); // a paused batch must wake up to stop
        m_pipeline->cancel();
    }
}

bool ModelHost::isBatchPaused() const
{
    const std::lock_guard<std::mutex> lock(m_batchMutex);
    return m_pipeline != nullptr && m_pipeline->isPaused();
}

} // namespace unblur::ui
