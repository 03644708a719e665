#include "ModelThread.h"

#include "ThreadPriority.h"

namespace unblur::ui {

ModelThread::ModelThread() : m_thread([this] { run(); }) {}

ModelThread::~ModelThread()
{
    stop();
}

void ModelThread::stop()
{
    if (!m_thread.joinable()) {
        return;
    }
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
        m_interactive.clear();
        m_batch.clear();
    }
    m_wake.notify_all();
    m_thread.join();
}

void ModelThread::postInteractive(Job job)
{
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_interactive.push_back(std::move(job));
    }
    m_wake.notify_all();
}

void ModelThread::postBatch(Job job)
{
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_batch.push_back(std::move(job));
    }
    m_wake.notify_all();
}

ModelThread::Job ModelThread::takeNext(bool interactiveOnly)
{
    std::deque<Job>& queue = !m_interactive.empty() || interactiveOnly ? m_interactive : m_batch;
    if (m_stopping || queue.empty()) {
        return {};
    }
    Job job = std::move(queue.front());
    queue.pop_front();
    return job;
}

void ModelThread::serveInteractive()
{
    for (;;) {
        Job job;
        {
            const std::lock_guard<std::mutex> lock(m_mutex);
            job = takeNext(/*interactiveOnly=*/true);
        }
        if (!job) {
            return;
        }
        job();
    }
}

void ModelThread::run()
{
    yieldToGui();
    for (;;) {
        Job job;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_wake.wait(
                lock, [this] { return m_stopping || !m_interactive.empty() || !m_batch.empty(); });
            if (m_stopping) {
                return;
            }
            job = takeNext(/*interactiveOnly=*/false);
        }
        job();
    }
}

} // namespace unblur::ui
