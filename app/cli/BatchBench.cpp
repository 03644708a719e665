#include "BatchBench.h"

#include "batch/BatchPipeline.h"
#include "batch/BatchPlan.h"

#include <QElapsedTimer>
#include <QTemporaryDir>

using namespace unblur::batch;

namespace {

struct Timing
{
    int photos = 0;
    int failed = 0;
    double seconds = 0;
    double ioSeconds = 0;      ///< reading and writing, summed over the photos
    double restoreSeconds = 0; ///< in the engine, summed over the photos
    double perMinute() const { return seconds > 0 ? 60.0 * photos / seconds : 0; }
    /** The wall time the engine did not account for: what pipelining can hide. */
    double otherSeconds() const { return seconds - restoreSeconds; }
    void add(const Timing& other)
    {
        photos += other.photos;
        failed += other.failed;
        seconds += other.seconds;
        ioSeconds += other.ioSeconds;
        restoreSeconds += other.restoreSeconds;
    }
};

Timing timeRun(unblur::restore::Restorer& restorer, BatchOptions options, bool pipelined,
               QTextStream& err)
{
    QTemporaryDir folder;
    options.outputFolder = folder.path();
    options.pipelined = pipelined;
    options.collision = Collision::Overwrite;
    options.shardIndex = options.shardCount = 1;
    const BatchPlan plan = BatchPlan::make(options);
    BatchPipeline pipeline(restorer, options);
    QElapsedTimer clock;
    clock.start();
    const BatchReport report = pipeline.run(plan);
    Timing timing;
    timing.seconds = clock.elapsed() / 1000.0;
    timing.photos = report.count(ItemState::Done);
    timing.failed = report.count(ItemState::Failed);
    for (const BatchItem& item : report.items()) {
        timing.ioSeconds += item.ioSeconds;
        timing.restoreSeconds += item.seconds - item.ioSeconds;
    }
    err << (pipelined ? "pipelined:  " : "sequential: ") << timing.photos << " photos in "
        << QString::number(timing.seconds, 'f', 1) << " s\n";
    err.flush();
    return timing;
}

void printRow(QTextStream& out, const char* name, const Timing& timing)
{
    out << "| " << name << " | " << timing.photos << " | "
        << QString::number(timing.seconds, 'f', 1) << " | "
        << QString::number(timing.perMinute(), 'f', 2) << " | "
        << QString::number(timing.restoreSeconds, 'f', 1) << " | "
        << QString::number(timing.otherSeconds(), 'f', 2) << " |\n";
}

} // namespace

int runBatchBench(unblur::restore::Restorer& restorer, BatchOptions options, int runs,
                  QTextStream& out, QTextStream& err)
{
    const int photos = BatchPlan::make(options).queued();
    if (photos == 0) {
        err << "unblur-cli batch --bench: no photos found\n";
        return 1;
    }
    // Outside the timings: the memory measurement of --tile auto and the first allocations of
    // a cold model.
    restorer.warmUp(options.restore);
    err << "Timing " << photos << " photos, " << runs
        << " run(s) of each mode, alternating (sequential first, then pipelined first...)\n";
    err.flush();
    Timing sequential, pipelined;
    for (int run = 0; run < runs; ++run) {
        // A-B, B-A, A-B...: a machine that slows down or speeds up favours neither.
        const bool sequentialFirst = run % 2 == 0;
        const Timing first = timeRun(restorer, options, !sequentialFirst, err);
        const Timing second = timeRun(restorer, options, sequentialFirst, err);
        (sequentialFirst ? sequential : pipelined).add(first);
        (sequentialFirst ? pipelined : sequential).add(second);
    }
    const double ratio =
        sequential.perMinute() > 0 ? pipelined.perMinute() / sequential.perMinute() : 0;
    // On a shared machine the engine's own speed varies from run to run; the time outside
    // the engine is what pipelining changes, whatever the load.
    out << "| mode | photos | seconds | photos/min | restoring (s) | not restoring (s) |\n"
        << "|---|---|---|---|---|---|\n";
    printRow(out, "sequential", sequential);
    printRow(out, "pipelined", pipelined);
    out << "pipelined / sequential: " << QString::number(ratio, 'f', 2) << "x\n";
    if (sequential.seconds > 0) {
        out << "reading + writing: " << QString::number(sequential.ioSeconds, 'f', 1) << " s of "
            << QString::number(sequential.seconds, 'f', 1) << " s sequential ("
            << QString::number(100.0 * sequential.ioSeconds / sequential.seconds, 'f', 1)
            << " %), the most that overlapping them can save\n";
    }
    out.flush();
    return sequential.failed + pipelined.failed > 0 ? 1 : 0;
}
