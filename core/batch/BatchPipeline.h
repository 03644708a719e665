#pragma once

#include "BatchOptions.h"
#include "BatchPlan.h"
#include "BatchReport.h"
#include "restore/Restorer.h"

#include <QElapsedTimer>
#include <QString>
#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>

namespace unblur::batch {

/** Where a whole batch stands. */
struct BatchProgress
{
    int total = 0;    ///< photos this run works on (queued at the start)
    int finished = 0; ///< of those, done or failed
    int done = 0;
    int failed = 0;
    int skipped = 0;           ///< skipped: by the plan (outputs that existed), or as sharp
    int current = -1;          ///< the item being restored; -1 when none
    double currentPart = 0;    ///< of that photo's tiles, done: 0 to 1
    QString stage;             ///< the engine's stage: "diffusion 3/8"...
    double elapsedSeconds = 0; ///< working time, pauses left out
    double etaSeconds = -1;    ///< -1 until the first tile is done
    bool paused = false;
    QString stopReason; ///< why the batch stopped before its end ("disk full"); empty if not
    int notStarted = 0; ///< once stopped: this run's photos that will not be done
};

/**
 * What a batch tells its watcher. Calls come from the pipeline's threads (never two at once):
 * a GUI forwards them to its own thread (e.g. as queued signals), and must not block in them.
 */
class BatchObserver
{
public:
    virtual ~BatchObserver() = default;
    /** Item `index` of the plan changed (working, done, failed with a reason...). */
    virtual void itemChanged(int index, const BatchItem& item) {}
    /** Progress: at least once per tile and per diffusion step, and when pausing. */
    virtual void progressed(const BatchProgress& progress) {}
};

/**
 * Restores one photo for the batch: a Restorer's restore(), or (in the GUI) a call that
 * queues the photo on the thread that owns the model and waits for it.
 */
using RestoreFunction = std::function<restore::RestoreResult(
    const io::FloatImage&, const restore::RestoreOptions&, const restore::RestoreObserver&,
    const restore::CancelToken*)>;

/**
 * Runs a planned batch through one loaded model. Pipelined (the default): one thread reads
 * photos ahead, the calling thread restores them, one thread writes the results; bounded
 * queues between them keep the memory to a few photos. A photo that fails is recorded with
 * its reason and the batch goes on. Outputs are written atomically (temporary file, rename),
 * so an interrupted batch leaves only whole files, and stale temporaries of this plan's
 * outputs are removed at the start. pause(), resume() and cancel() may be called from any
 * thread (not from a signal handler): pause holds the engine at the next tile or diffusion
 * step; cancel stops it there, drops the photo being restored and the ones read ahead
 * (they become Cancelled), and lets the photos already restored be written.
 *
 * A write that fails because the output cannot take any more (disk full, output folder gone,
 * read-only or not writable: see stopReasonFor) stops the batch at once: that photo fails with
 * the reason, the engine stops at its next tile, nothing more is restored or written, and every
 * photo not done becomes Cancelled with "not started: the batch stopped (disk full)". The
 * report's stopReason() says why; a later run with skip-existing resumes.
 */
class BatchPipeline
{
public:
    /** Restores with `restorer`, which must outlive the pipeline. */
    BatchPipeline(restore::Restorer& restorer, BatchOptions options);
    BatchPipeline(RestoreFunction restore, BatchOptions options);
    ~BatchPipeline();
    BatchPipeline(const BatchPipeline&) = delete;
    BatchPipeline& operator=(const BatchPipeline&) = delete;

    /** Not owned; must outlive run(). */
    void setObserver(BatchObserver* observer) { m_observer = observer; }

    /**
     * Called on the restoring thread between tiles and diffusion steps, and every few tens of
     * milliseconds while paused: lets the owner of the model run short work of its own there
     * (the GUI's previews while a batch runs). Set before run().
     */
    void setYield(std::function<void()> yield) { m_yield = std::move(yield); }

    /** Works through `plan`; returns when every photo is done, failed or cancelled. */
    BatchReport run(const BatchPlan& plan);

    void pause();
    void resume();
    void cancel();
    bool isPaused() const { return m_paused.load(); }
    /** Whether cancel() was called (not a stop for a full disk). */
    bool isCancelled() const { return m_cancelled.load(); }
    /** Whether the batch stopped because its output could take no more. */
    bool isStopped() const { return m_stopped.load(); }

    /**
     * The stop reason for a failed write's error number: "disk full" (ENOSPC, EDQUOT), "output
     * folder gone" (ENOENT, ENOTDIR), "output folder read-only" (EROFS), "output folder not
     * writable" (EACCES, EPERM: the batch stops only when the output folder itself refuses, not
     * for one locked sub-folder); empty for a problem of one photo, after which the batch goes on.
     */
    static QString stopReasonFor(int errorNumber);

    /** Removes the temporaries an interrupted write left beside the items' outputs. */
    static int removeStaleTemporaries(const std::vector<BatchItem>& items);

private:
    struct Job;
    /**
     * Reads the photo, measures its blur (the item's blur) and prepares its folder; false when
     * the item failed, or was skipped as sharp (BatchOptions::onlyBlurry).
     */
    bool load(Job& job);
    /** Restores the photo; false when it failed or the batch was cancelled. */
    bool process(Job& job);
    /** Writes the result; the item ends done or failed. */
    void save(Job& job);
    void runPipelined(const std::vector<int>& queued);
    void runSequential(const std::vector<int>& queued);

    /** Sets an item's state (and reason and time) and tells the observer. */
    void setState(int index, ItemState state, const QString& reason = {}, double seconds = 0,
                  double ioSeconds = 0);
    /** Tells the observer where the batch stands; `current` is the photo being restored. */
    void report(int current, double part, const QString& stage);
    /** Blocks while paused (the caller is between two tiles); false once cancelled. */
    bool waitWhilePaused(int current);
    double workingSeconds() const;
    /** Fails the item with `reason`; stops the batch when `errorNumber` says so. */
    void failWrite(int index, const QString& reason, int errorNumber, double seconds);
    /** Stops the batch (the first reason wins) and the engine at its next tile. */
    void stop(const QString& reason);

    const RestoreFunction m_restore;
    const BatchOptions m_options;
    BatchObserver* m_observer = nullptr;
    std::function<void()> m_yield;

    mutable std::mutex m_mutex; ///< guards m_report and the observer calls
    BatchReport m_report;
    int m_total = 0;
    QElapsedTimer m_clock;
    qint64 m_pausedMs = 0;

    std::mutex m_pauseMutex;
    std::condition_variable m_resumed;
    std::atomic<bool> m_paused{false};
    restore::CancelToken m_cancel; ///< cancelled by cancel() and by a stop
    std::atomic<bool> m_cancelled{false};
    std::atomic<bool> m_stopped{false};
    std::atomic<bool> m_outputMade{false}; ///< the output folder was made or found this run
};

} // namespace unblur::batch
