#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace unblur::ui {

/**
 * The one thread that runs the model, and its queue. Interactive jobs (loading a model, a
 * deblur, a preview) go before batch jobs; a batch job that runs for long calls
 * serveInteractive() between tiles, so a preview does not wait for the whole batch. Jobs are
 * plain functions; nothing here knows what they do. Runs at low priority, so the GUI stays
 * responsive on a busy CPU.
 */
class ModelThread
{
public:
    using Job = std::function<void()>;

    ModelThread();
    /** Stops the thread (stop()). */
    ~ModelThread();
    ModelThread(const ModelThread&) = delete;
    ModelThread& operator=(const ModelThread&) = delete;

    /**
     * Drops the jobs not started, waits for the running one, and joins; jobs posted later
     * never run. The running job may still call serveInteractive() meanwhile (it runs nothing).
     */
    void stop();

    void postInteractive(Job job);
    void postBatch(Job job);

    /**
     * On the model thread, from inside a running job: runs the interactive jobs waiting now,
     * in order. Jobs posted while they run are run too.
     */
    void serveInteractive();

    bool isCurrentThread() const { return std::this_thread::get_id() == m_thread.get_id(); }

private:
    void run();
    /** The next job to run, interactive first; empty once stopping. Caller holds m_mutex. */
    Job takeNext(bool interactiveOnly);

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Job> m_interactive;
    std::deque<Job> m_batch;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace unblur::ui
