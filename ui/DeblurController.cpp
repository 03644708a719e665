#include "DeblurController.h"

#include "DeblurWorker.h"
#include "ThreadPriority.h"

namespace unblur::ui {

DeblurController::DeblurController(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<DeblurProgress>();
    qRegisterMetaType<DeblurOutcome>();
    qRegisterMetaType<PhotoPtr>();

    m_worker = new DeblurWorker(&m_cancel);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);

    connect(m_worker, &DeblurWorker::modelLoaded, this,
            [this](const QString& folder, const QString& name) {
                m_modelFolder = folder;
                m_modelName = name;
                Q_EMIT modelLoaded(folder, name);
            });
    connect(m_worker, &DeblurWorker::modelFailed, this,
            [this](const QString& folder, const QString& reason) {
                Q_EMIT modelFailed(folder, reason);
            });
    connect(m_worker, &DeblurWorker::progress, this, &DeblurController::progress);
    connect(m_worker, &DeblurWorker::finished, this, [this](const DeblurOutcome& outcome) {
        setBusy(false);
        Q_EMIT finished(outcome);
    });
    connect(m_worker, &DeblurWorker::cancelled, this, [this] {
        setBusy(false);
        Q_EMIT cancelled();
    });
    connect(m_worker, &DeblurWorker::failed, this, [this](const QString& reason) {
        setBusy(false);
        Q_EMIT failed(reason);
    });
    connect(&m_thread, &QThread::started, &m_thread, &yieldToGui, Qt::DirectConnection);
    m_thread.setObjectName(QStringLiteral("unblur-deblur"));
    m_thread.start(QThread::LowPriority);
}

DeblurController::~DeblurController()
{
    m_cancel.store(true);
    m_thread.quit();
    m_thread.wait();
}

void DeblurController::loadModel(const QString& folder)
{
    DeblurWorker* worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, folder] { worker->loadModel(folder); });
}

bool DeblurController::start(const DeblurRequest& request)
{
    if (m_busy) {
        return false;
    }
    m_cancel.store(false);
    setBusy(true);
    DeblurWorker* worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, request] { worker->deblur(request); });
    return true;
}

void DeblurController::cancel()
{
    if (m_busy) {
        m_cancel.store(true);
    }
}

void DeblurController::setBusy(bool busy)
{
    if (busy != m_busy) {
        m_busy = busy;
        Q_EMIT busyChanged(busy);
    }
}

} // namespace unblur::ui
