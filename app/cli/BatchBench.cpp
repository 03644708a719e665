#include "BatchBench.h"

#include "batch/BatchPipeline.h"
#include "batch/BatchPlan.h"
#include "engine/Engine.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <c10/core/InferenceMode.h>
#include <torch/torch.h>

using namespace unblur::batch;

namespace {

struct Timing
{
    int photos = 0;
    int failed = 0;
    double seconds = 0;
    double perMinute() const { return seconds > 0 ? 60.0 * photos / seconds : 0; }
};

Timing timeRun(unblur::engine::Engine& engine, BatchOptions options, bool pipelined,
               QTextStream& err)
{
    QTemporaryDir folder;
    options.outputFolder = folder.path();
    options.pipelined = pipelined;
    options.collision = Collision::Overwrite;
    options.shardIndex = options.shardCount = 1;
    const BatchPlan plan = BatchPlan::make(options);
    BatchPipeline pipeline(engine, options);
    QElapsedTimer clock;
    clock.start();
    const BatchReport report = pipeline.run(plan);
    Timing timing;
    timing.seconds = clock.elapsed() / 1000.0;
    timing.photos = report.count(ItemState::Done);
    timing.failed = report.count(ItemState::Failed);
    err << (pipelined ? "pipelined:  " : "sequential: ") << timing.photos << " photos in "
        << QString::number(timing.seconds, 'f', 1) << " s\n";
    err.flush();
    return timing;
}

} // namespace

int runBatchBench(unblur::engine::Engine& engine, BatchOptions options, QTextStream& out,
                  QTextStream& err)
{
    const int photos = BatchPlan::make(options).queued();
    if (photos == 0) {
        err << "unblur-cli batch --bench: no photos found\n";
        return 1;
    }
    {
        // Outside the timings: the memory measurement of --tile auto and the first
        // allocations of a cold model.
        c10::InferenceMode inference;
        engine.process(torch::rand({1, 3, 64, 64}), options.engine);
    }
    err << "Timing " << photos << " photos, strictly sequential then pipelined...\n";
    err.flush();
    const Timing sequential = timeRun(engine, options, false, err);
    const Timing pipelined = timeRun(engine, options, true, err);
    const double ratio =
        sequential.perMinute() > 0 ? pipelined.perMinute() / sequential.perMinute() : 0;
    out << "| mode | photos | seconds | photos/min |\n"
        << "|---|---|---|---|\n";
    for (const auto& [name, timing] : {std::pair<const char*, Timing>{"sequential", sequential},
                                       std::pair<const char*, Timing>{"pipelined", pipelined}}) {
        out << "| " << name << " | " << timing.photos << " | "
            << QString::number(timing.seconds, 'f', 1) << " | "
            << QString::number(timing.perMinute(), 'f', 2) << " |\n";
    }
    out << "pipelined / sequential: " << QString::number(ratio, 'f', 2) << "x\n";
    out.flush();
    return sequential.failed + pipelined.failed > 0 ? 1 : 0;
}
