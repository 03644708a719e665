#include "BatchPipeline.h"

#include "BoundedQueue.h"
#include "blur/BlurAnalyzer.h"
#include "io/ImageError.h"
#include "io/PhotoReader.h"
#include "io/WriteError.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace unblur::batch {

/** One photo on its way through the stages. */
struct BatchPipeline::Job
{
    int index = -1;
    QString input;
    QString output;
    io::Photo photo;
    io::FloatImage result;
    QElapsedTimer clock;
    double seconds = 0;   ///< in the stages, waiting in queues left out
    double ioSeconds = 0; ///< of those, reading and writing
    QString refinement;   ///< the Restorer's refinement summary
};

namespace {

QString messageOf(const std::exception& e)
{
    return QString::fromStdString(e.what());
}

/** The reason for a failed read: the message without the input's name (the row has it). */
QString readFailure(const std::exception& e, const QString& input)
{
    const QString message = messageOf(e);
    const QString prefix = input + QStringLiteral(": ");
    return message.startsWith(prefix) ? message.mid(prefix.size()) : message;
}

/**
 * Makes `folder` below `root`, which must exist, one level at a time: a root that vanished (an
 * unmounted disk) is not made again, where it would fill the disk below it. Throws
 * io::WriteError (ENOENT when the root is gone).
 */
void makeFolderBelow(const QString& root, const QString& folder)
{
    const QString relative = QDir(root).relativeFilePath(folder);
    if (root.isEmpty() || relative.startsWith(QLatin1String(".."))) {
        errno = 0;
        if (!QDir().mkpath(folder)) {
            throw io::WriteError("cannot create the folder " + folder.toStdString(), errno);
        }
        return;
    }
    if (!QFileInfo(root).isDir()) {
        throw io::WriteError(
            "cannot write into " + root.toStdString() + ": the output folder is gone", ENOENT);
    }
    QString path = QDir(root).absolutePath();
    for (const QString& part : relative.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        if (part == QLatin1String(".")) {
            continue;
        }
        path += QLatin1Char('/') + part;
        if (::mkdir(QFile::encodeName(path).constData(), 0777) != 0 && errno != EEXIST) {
            const int error = errno;
            throw io::WriteError("cannot create the folder " + path.toStdString() + ": " +
                                     std::strerror(error),
                                 error);
        }
    }
}

} // namespace

BatchPipeline::BatchPipeline(restore::Restorer& restorer, BatchOptions options)
    : BatchPipeline(
          [&restorer](const io::FloatImage& image, const restore::RestoreOptions& restoreOptions,
                      const restore::RestoreObserver& observer,
                      const restore::CancelToken* cancel) {
              return restorer.restore(image, restoreOptions, observer, cancel);
          },
          std::move(options))
{
}

BatchPipeline::BatchPipeline(RestoreFunction restore, BatchOptions options)
    : m_restore(std::move(restore)), m_options(std::move(options))
{
}

BatchPipeline::~BatchPipeline() = default;

void BatchPipeline::pause()
{
    const std::lock_guard<std::mutex> lock(m_pauseMutex);
    m_paused = true;
}

void BatchPipeline::resume()
{
    const std::lock_guard<std::mutex> lock(m_pauseMutex);
    m_paused = false;
    m_resumed.notify_all();
}

void BatchPipeline::cancel()
{
    const std::lock_guard<std::mutex> lock(m_pauseMutex);
    m_cancelled = true;
    m_cancel.cancel();
    m_resumed.notify_all();
}

void BatchPipeline::stop(const QString& reason)
{
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        if (m_stopped) {
            return;
        }
        m_report.setStopReason(reason);
        m_stopped = true;
    }
    const std::lock_guard<std::mutex> lock(m_pauseMutex);
    m_cancel.cancel();
    m_resumed.notify_all();
}

QString BatchPipeline::stopReasonFor(int errorNumber)
{
    switch (errorNumber) {
    case ENOSPC:
    case EDQUOT:
        return QStringLiteral("disk full");
    case ENOENT:
    case ENOTDIR:
        return QStringLiteral("output folder gone");
    case EROFS:
        return QStringLiteral("output folder read-only");
    case EACCES:
    case EPERM:
        return QStringLiteral("output folder not writable");
    default:
        return {};
    }
}

void BatchPipeline::failWrite(int index, const QString& reason, int errorNumber, double seconds)
{
    QString stopReason = stopReasonFor(errorNumber);
    if ((errorNumber == EACCES || errorNumber == EPERM) && !m_options.outputFolder.isEmpty() &&
        ::faccessat(AT_FDCWD, QFile::encodeName(m_options.outputFolder).constData(), W_OK,
                    AT_EACCESS) == 0) {
        stopReason.clear(); // one locked sub-folder: its photos fail, the others go on
    }
    if (!stopReason.isEmpty()) {
        stop(stopReason); // before the item changes: its watcher sees the batch stopped
    }
    setState(index, ItemState::Failed, reason, seconds);
}

bool BatchPipeline::waitWhilePaused(int current)
{
    if (m_paused && !m_cancel.isCancelled()) {
        report(current, -1, QStringLiteral("paused"));
        QElapsedTimer pausedFor;
        pausedFor.start();
        std::unique_lock<std::mutex> lock(m_pauseMutex);
        const auto resumed = [&] { return !m_paused || m_cancel.isCancelled(); };
        while (!resumed()) {
            if (m_yield) {
                lock.unlock();
                m_yield();
                lock.lock();
            }
            m_resumed.wait_for(lock, std::chrono::milliseconds(m_yield ? 40 : 1000), resumed);
        }
        lock.unlock();
        const std::lock_guard<std::mutex> guard(m_mutex);
        m_pausedMs += pausedFor.elapsed();
    }
    return !m_cancel.isCancelled();
}

double BatchPipeline::workingSeconds() const
{
    return double(m_clock.elapsed() - m_pausedMs) / 1000.0;
}

void BatchPipeline::setState(int index, ItemState state, const QString& reason, double seconds,
                             double ioSeconds)
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    BatchItem& item = m_report.items()[size_t(index)];
    item.state = state;
    item.reason = reason;
    item.seconds = seconds;
    item.ioSeconds = ioSeconds;
    if (m_observer != nullptr) {
        m_observer->itemChanged(index, item);
    }
}

void BatchPipeline::report(int current, double part, const QString& stage)
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    if (m_observer == nullptr) {
        return;
    }
    BatchProgress progress;
    progress.total = m_total;
    progress.done = m_report.count(ItemState::Done);
    progress.failed = m_report.count(ItemState::Failed);
    progress.skipped = m_report.count(ItemState::Skipped);
    // Failures the plan found are not part of this run's work.
    progress.finished = progress.done + progress.failed -
                        (int(m_report.items().size()) - m_total - progress.skipped);
    progress.current = current;
    progress.currentPart = part < 0 ? 0 : part;
    progress.stage = stage;
    progress.paused = m_paused && stage == QLatin1String("paused");
    progress.stopReason = m_report.stopReason();
    if (m_stopped) {
        progress.notStarted = m_report.count(ItemState::Queued) +
                              m_report.count(ItemState::Working) +
                              m_report.count(ItemState::Cancelled);
    }
    progress.elapsedSeconds = double(m_clock.elapsed() - m_pausedMs) / 1000.0;
    const double workDone = progress.finished + progress.currentPart;
    if (workDone > 0 && progress.elapsedSeconds > 0) {
        progress.etaSeconds =
            progress.elapsedSeconds / workDone * std::max(0.0, m_total - workDone);
    }
    m_observer->progressed(progress);
}

bool BatchPipeline::load(Job& job)
{
    job.clock.start();
    try {
        job.photo = io::readPhoto(job.input.toStdString());
        // Every photo's blur is measured (the report's column); only-blurry skips sharp ones.
        const blur::BlurAssessment blur =
            blur::BlurAnalyzer(m_options.restore.blur).assess(job.photo.image);
        {
            const std::lock_guard<std::mutex> lock(m_mutex);
            m_report.items()[size_t(job.index)].blur = blur.measurable ? blur.score : -1;
        }
        if (m_options.onlyBlurry && !blur.blurry) {
            setState(job.index, ItemState::Skipped,
                     BatchReport::sharpReason(blur.measurable ? blur.score : -1,
                                              QString::fromStdString(blur.note)),
                     job.clock.elapsed() / 1000.0);
            return false;
        }
        const QString folder = QFileInfo(job.output).absolutePath();
        if (m_outputMade) {
            makeFolderBelow(m_options.outputFolder, folder);
        } else {
            errno = 0;
            if (!QDir().mkpath(folder)) {
                throw io::WriteError("cannot create the folder " + folder.toStdString(), errno);
            }
        }
        m_outputMade = true;
        io::checkPhotoOutput(job.output.toStdString(), job.photo, m_options.write);
    } catch (const io::WriteError& e) {
        failWrite(job.index, readFailure(e, job.input), e.errorNumber(),
                  job.clock.elapsed() / 1000.0);
        return false;
    } catch (const std::exception& e) {
        setState(job.index, ItemState::Failed, readFailure(e, job.input),
                 job.clock.elapsed() / 1000.0);
        return false;
    }
    job.seconds += job.clock.elapsed() / 1000.0;
    job.ioSeconds = job.seconds;
    return true;
}

bool BatchPipeline::process(Job& job)
{
    if (!waitWhilePaused(job.index)) {
        return false;
    }
    setState(job.index, ItemState::Working);
    job.clock.start();
    const restore::RestoreObserver onProgress = [&](const restore::RestoreProgress& p) {
        const double part = p.tilesTotal > 0 ? double(p.tilesDone) / p.tilesTotal : 0.0;
        report(job.index, part, QString::fromStdString(p.stage));
        waitWhilePaused(job.index);
        if (m_yield) {
            m_yield();
        }
    };
    restore::RestoreResult restored =
        m_restore(job.photo.image, m_options.restore, onProgress, &m_cancel);
    if (restored.status == restore::RestoreStatus::Cancelled || m_stopped) {
        return false; // after a stop, nothing more is written
    }
    if (restored.status == restore::RestoreStatus::Failed) {
        setState(job.index, ItemState::Failed, QString::fromStdString(restored.message),
                 job.seconds);
        return false;
    }
    job.result = std::move(restored.image);
    job.refinement = QString::fromStdString(restored.refinement.summary);
    job.seconds += job.clock.elapsed() / 1000.0;
    return true;
}

void BatchPipeline::save(Job& job)
{
    if (m_stopped) {
        return; // left Working: run() marks it not started
    }
    job.clock.start();
    try {
        io::Provenance provenance = m_options.provenance;
        provenance.modelName = m_options.modelName.toStdString();
        io::writePhoto(job.output.toStdString(), job.result, job.photo, provenance,
                       m_options.write);
    } catch (const io::WriteError& e) {
        failWrite(job.index, messageOf(e), e.errorNumber(),
                  job.seconds + job.clock.elapsed() / 1000.0);
        return;
    } catch (const std::exception& e) {
        setState(job.index, ItemState::Failed, messageOf(e),
                 job.seconds + job.clock.elapsed() / 1000.0);
        return;
    }
    const double writing = job.clock.elapsed() / 1000.0;
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_report.items()[size_t(job.index)].refinement = job.refinement;
    }
    setState(job.index, ItemState::Done, {}, job.seconds + writing, job.ioSeconds + writing);
    report(-1, 0, QStringLiteral("written"));
}

void BatchPipeline::runSequential(const std::vector<int>& queued)
{
    for (const int index : queued) {
        if (m_cancel.isCancelled()) {
            break;
        }
        Job job;
        job.index = index;
        job.input = m_report.items()[size_t(index)].input;
        job.output = m_report.items()[size_t(index)].output;
        if (load(job) && process(job)) {
            save(job);
        }
    }
}

void BatchPipeline::runPipelined(const std::vector<int>& queued)
{
    BoundedQueue<Job> loaded(size_t(m_options.queueCapacity));
    BoundedQueue<Job> restored(size_t(m_options.queueCapacity));
    std::thread loader([&] {
        for (const int index : queued) {
            if (m_cancel.isCancelled()) {
                break;
            }
            Job job;
            job.index = index;
            {
                const std::lock_guard<std::mutex> lock(m_mutex);
                job.input = m_report.items()[size_t(index)].input;
                job.output = m_report.items()[size_t(index)].output;
            }
            if (load(job) && !loaded.push(std::move(job))) {
                break; // cancelled
            }
        }
        loaded.close();
    });
    std::thread saver([&] {
        while (std::optional<Job> job = restored.pop()) {
            save(*job);
        }
    });
    while (std::optional<Job> job = loaded.pop()) {
        if (process(*job)) {
            restored.push(std::move(*job));
        }
        if (m_cancel.isCancelled()) {
            loaded.abort(); // drops the photos read ahead; unblocks the loader
        }
    }
    restored.close(); // what is restored is still written
    loader.join();
    saver.join();
}

BatchReport BatchPipeline::run(const BatchPlan& plan)
{
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_report = BatchReport(plan.items());
        m_total = plan.queued();
        m_pausedMs = 0;
        m_clock.start();
    }
    m_stopped = false;
    m_outputMade = false;
    std::vector<int> queued;
    for (size_t i = 0; i < plan.items().size(); ++i) {
        if (plan.items()[i].state == ItemState::Queued) {
            queued.push_back(int(i));
        }
    }
    removeStaleTemporaries(plan.items());
    report(-1, 0, QStringLiteral("starting"));
    if (m_options.pipelined) {
        runPipelined(queued);
    } else {
        runSequential(queued);
    }
    const QString unfinished =
        m_stopped ? QStringLiteral("not started: the batch stopped (%1)").arg(m_report.stopReason())
                  : QStringLiteral("the batch was cancelled");
    for (const int index : queued) {
        const ItemState state = m_report.items()[size_t(index)].state;
        if (state == ItemState::Queued || state == ItemState::Working) {
            setState(index, ItemState::Cancelled, unfinished);
        }
    }
    report(-1, 0,
           m_stopped                ? QStringLiteral("stopped")
           : m_cancel.isCancelled() ? QStringLiteral("cancelled")
                                    : QStringLiteral("finished"));
    const std::lock_guard<std::mutex> lock(m_mutex);
    return m_report;
}

int BatchPipeline::removeStaleTemporaries(const std::vector<BatchItem>& items)
{
    // QSaveFile falls back to "<name>.XXXXXX" beside the target where it cannot write an
    // unnamed temporary file; a kill between writing and renaming leaves one.
    QHash<QString, QStringList> targetsByFolder;
    for (const BatchItem& item : items) {
        if (item.state == ItemState::Queued && !item.output.isEmpty()) {
            const QFileInfo info(item.output);
            targetsByFolder[info.absolutePath()].append(info.fileName());
        }
    }
    static const QRegularExpression temporary(QStringLiteral("^(.+)\\.[A-Za-z0-9]{6}$"));
    int removed = 0;
    for (auto it = targetsByFolder.constBegin(); it != targetsByFolder.constEnd(); ++it) {
        const QDir folder(it.key());
        for (const QString& name : folder.entryList(QDir::Files | QDir::Hidden)) {
            const QRegularExpressionMatch match = temporary.match(name);
            if (match.hasMatch() && it.value().contains(match.captured(1)) &&
                QFile::remove(folder.filePath(name))) {
                ++removed;
            }
        }
    }
    return removed;
}

} // namespace unblur::batch
