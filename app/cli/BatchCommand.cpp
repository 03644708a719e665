#include "BatchCommand.h"

#include "BatchBench.h"
#include "BatchConsole.h"
#include "BatchReportMerge.h"
#include "BatchShard.h"
#include "CommandLine.h"
#include "EngineCommandOptions.h"
#include "InterruptGuard.h"
#include "ModelLocation.h"
#include "PhotoOutputOptions.h"
#include "ProtectSharpOptions.h"
#include "batch/BatchPipeline.h"
#include "batch/BatchPlan.h"
#include "blur/BlurSettings.h"
#include "io/OutputCheck.h"
#include "restore/ModelCatalog.h"
#include "restore/Restorer.h"

#include <QCommandLineParser>
#include <QDir>
#include <QTextStream>
#include <chrono>
#include <thread>

using namespace unblur;
using batch::ItemState;

namespace {

constexpr int kExitCancelled = 130;

/**
 * `--only-blurry [THRESHOLD]`: Qt's parser has no optional values, so a --only-blurry that no
 * number follows gets the default threshold as its value (--only-blurry=0.5).
 */
QStringList withOnlyBlurryValue(const QStringList& arguments)
{
    QStringList result;
    for (int i = 0; i < arguments.size(); ++i) {
        const QString& argument = arguments.at(i);
        if (argument == QLatin1String("--")) {
            result += arguments.mid(i);
            break;
        }
        bool number = false;
        if (i + 1 < arguments.size()) {
            arguments.at(i + 1).toDouble(&number);
        }
        result << (argument == QLatin1String("--only-blurry") && !number
                       ? QStringLiteral("--only-blurry=%1").arg(blur::BlurSettings().threshold)
                       : argument);
    }
    return result;
}

int failure(const QString& message)
{
    errStream() << "unblur-cli batch: error: " << message << "\n";
    errStream().flush();
    return 1;
}

/** Turns Ctrl-C into pipeline.cancel() (which a signal handler may not call itself). */
class CancelWatcher
{
public:
    explicit CancelWatcher(batch::BatchPipeline& pipeline)
        : m_thread([this, &pipeline] {
              while (!m_stop) {
                  if (InterruptGuard::token().isCancelled()) {
                      pipeline.cancel();
                      return;
                  }
                  std::this_thread::sleep_for(std::chrono::milliseconds(50));
              }
          })
    {
    }
    ~CancelWatcher()
    {
        m_stop = true;
        m_thread.join();
    }

private:
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

void printSummary(QTextStream& err, const batch::BatchReport& report, double seconds)
{
    err << "Done: " << report.count(ItemState::Done)
        << ", skipped: " << report.count(ItemState::Skipped);
    if (report.skippedAsSharp() > 0) {
        err << " (" << report.skippedAsSharp() << " sharp)";
    }
    err << ", failed: " << report.count(ItemState::Failed);
    if (report.count(ItemState::Cancelled) > 0) {
        err << ", cancelled: " << report.count(ItemState::Cancelled);
    }
    err << " (" << QString::number(seconds, 'f', 1) << " s)\n";
    if (report.anyFailed()) {
        err << "Failures:\n";
        for (const batch::BatchItem& item : report.items()) {
            if (item.state == ItemState::Failed) {
                err << "  " << QDir::toNativeSeparators(item.input) << ": " << item.reason << "\n";
            }
        }
    }
    err.flush();
}

int runBatch(const batch::BatchOptions& options, const QString& shardSource,
             const QString& modelFolder, int threads, bool json, const QString& reportPath,
             int benchRuns)
{
    QTextStream& err = errStream();
    QTextStream out(stdout);
    const std::string problem = restore::Restorer::check(options.restore);
    if (!problem.empty()) {
        return failure(QString::fromStdString(problem));
    }
    const std::unique_ptr<restore::Restorer> restorer = openModel(modelFolder, err);
    restore::Restorer::configureThreads(threads);
    batch::BatchOptions named = options;
    named.modelName = QString::fromStdString(restorer->model().name);
    named.provenance.appVersion = UNBLUR_VERSION;
    if (benchRuns > 0) {
        return runBatchBench(*restorer, named, benchRuns, out, err);
    }

    const batch::BatchPlan plan = batch::BatchPlan::make(named);
    const batch::BatchReport planned(plan.items());
    err << "Batch:  " << plan.items().size() << " photo(s): " << plan.queued() << " to do, "
        << planned.count(ItemState::Skipped) << " already done, "
        << planned.count(ItemState::Failed) << " refused";
    if (options.onlyBlurry) {
        err << ", only blurry ones restored (blur from "
            << QString::number(options.restore.blur.threshold, 'f', 2) << ")";
    }
    if (options.restore.protectSharp) {
        err << ", sharp areas protected";
    }
    if (options.shardCount > 1) {
        err << " (shard " << options.shardIndex << "/" << options.shardCount;
        if (!shardSource.isEmpty()) {
            err << ", " << shardSource;
        }
        err << ")";
    }
    err << "\nOutput: " << QDir::toNativeSeparators(QDir(options.outputFolder).absolutePath())
        << "\n";
    err.flush();

    BatchConsole console(out, err, json);
    console.printSettled(plan.items());
    // Restores as the Restorer does; what precision ran is told once, by the console.
    const batch::RestoreFunction restoreNoting = [&](const io::FloatImage& image,
                                                     const restore::RestoreOptions& restoreOptions,
                                                     const restore::RestoreObserver& observer,
                                                     const restore::CancelToken* cancel) {
        restore::RestoreResult result = restorer->restore(image, restoreOptions, observer, cancel);
        if (!result.precisionNote.empty()) {
            console.notePrecision(result.precisionNote);
        }
        return result;
    };
    batch::BatchPipeline pipeline(restoreNoting, named);
    pipeline.setObserver(&console);
    batch::BatchReport report;
    const auto start = std::chrono::steady_clock::now();
    {
        const InterruptGuard interrupt;
        const CancelWatcher watcher(pipeline);
        report = pipeline.run(plan);
    }
    console.finish();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    printSummary(err, report, seconds);
    if (!reportPath.isEmpty()) {
        report.writeCsv(reportPath);
        err << "Report: " << QDir::toNativeSeparators(reportPath) << "\n";
        err.flush();
    }
    if (pipeline.isCancelled()) {
        err << "Cancelled\n";
        err.flush();
        return kExitCancelled;
    }
    return report.anyFailed() ? 1 : 0;
}

} // namespace

int runBatchCommand(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Deblurs every photo of files and folders into OUTDIR, sub-folders mirrored, metadata "
        "kept. Outputs that exist are skipped, so running the same batch again finishes it."));
    const QCommandLineOption help({"h", "help"}, "Displays this help.");
    const QCommandLineOption output({"o", "output"}, "The output folder (required).", "dir");
    const QCommandLineOption recursive({"r", "recursive"}, "Include sub-folders of folders.");
    const QCommandLineOption include(
        "include",
        "Only files whose name matches the glob (repeatable; default: JPEG, PNG, TIFF, WebP, "
        "BMP and camera RAW extensions).",
        "glob");
    const QCommandLineOption nameTemplate(
        "template", "Output file name: {name} {ext} {model} {date} (default {name}_unblur.{ext}).",
        "template", QStringLiteral("{name}_unblur.{ext}"));
    const QCommandLineOption skipExisting("skip-existing",
                                          "Skip photos whose output exists (the default).");
    const QCommandLineOption suffix("suffix", "Write name-2.ext beside an existing output.");
    const QCommandLineOption overwrite("overwrite", "Replace existing outputs (never an input).");
    const QCommandLineOption shard(
        "shard",
        "Take only shard K of N of the photos (1 <= K <= N); auto: from a Slurm job array "
        "(SLURM_ARRAY_TASK_ID) or a Kubernetes Indexed Job (JOB_COMPLETION_INDEX).",
        "K/N|auto", QStringLiteral("1/1"));
    const QCommandLineOption shardCount(
        "shard-count", "--shard auto with JOB_COMPLETION_INDEX: the number of shards.", "n");
    const QCommandLineOption mergeReports(
        "merge-reports",
        "Merge the --report CSVs given as INPUT (files or folders) into FILE, one row per "
        "photo with its best state, and print a summary; nothing is restored.",
        "file");
    const QCommandLineOption json("json", "One JSON object per photo on stdout.");
    const QCommandLineOption report("report", "Save the per-photo report as CSV.", "file");
    const QCommandLineOption sequential("sequential",
                                        "Read, restore and write one after the other.");
    const QCommandLineOption bench("bench",
                                   "Time the photos pipelined against sequential (temporary "
                                   "outputs; -o is not needed) and print photos per minute.");
    const QCommandLineOption runs("runs", "--bench: runs of each mode, alternating (default 1).",
                                  "n", QStringLiteral("1"));
    const QCommandLineOption onlyBlurry(
        "only-blurry",
        QStringLiteral("Restore only blurry photos: a photo whose blur score (see 'unblur-cli "
                       "score') is below the threshold is skipped as sharp, nothing written. "
                       "The threshold is optional (default %1).")
            .arg(blur::BlurSettings().threshold),
        "threshold");
    const ProtectSharpOptions protectOptions;
    const QCommandLineOption model = modelOption();
    const EngineCommandOptions engineOptions;
    const PhotoOutputOptions outputOptions;
    parser.addOptions({help, output, recursive, include, nameTemplate, skipExisting, suffix,
                       overwrite, shard, shardCount, mergeReports, json, report, sequential, bench,
                       runs, onlyBlurry});
    protectOptions.addTo(parser);
    parser.addOption(model);
    engineOptions.addTo(parser);
    outputOptions.addTo(parser);
    parser.addPositionalArgument("batch", "The command.", "batch");
    parser.addPositionalArgument("input", "Photos and folders of photos.", "INPUT...");

    if (!parser.parse(withOnlyBlurryValue(arguments))) {
        return usageError("batch", parser.errorText());
    }
    if (parser.isSet(help)) {
        return printCommandHelp(parser, "batch INPUT... -o OUTDIR [options]");
    }

    batch::BatchOptions options;
    options.inputs = parser.positionalArguments().mid(1);
    if (parser.isSet(mergeReports)) {
        if (options.inputs.isEmpty()) {
            return usageError("batch", "--merge-reports needs the reports (files or folders)");
        }
        return runMergeReports(parser.value(mergeReports), options.inputs);
    }
    options.outputFolder = parser.value(output);
    if (options.outputFolder.isEmpty() && parser.isSet(bench)) {
        options.outputFolder = QDir::tempPath(); // replaced by temporary folders
    }
    options.recursive = parser.isSet(recursive);
    options.includes = parser.values(include);
    options.nameTemplate = parser.value(nameTemplate);
    options.pipelined = !parser.isSet(sequential);
    const int policies =
        int(parser.isSet(skipExisting)) + int(parser.isSet(suffix)) + int(parser.isSet(overwrite));
    if (policies > 1) {
        return usageError("batch", "choose one of --skip-existing, --suffix and --overwrite");
    }
    options.collision = parser.isSet(suffix)      ? batch::Collision::Suffix
                        : parser.isSet(overwrite) ? batch::Collision::Overwrite
                                                  : batch::Collision::SkipExisting;
    BatchShard shardChoice;
    const QString shardError = shardChoice.read(parser.value(shard), parser.value(shardCount),
                                                QProcessEnvironment::systemEnvironment());
    if (!shardError.isEmpty()) {
        return usageError("batch", shardError);
    }
    options.shardIndex = shardChoice.index;
    options.shardCount = shardChoice.count;
    if (options.inputs.isEmpty()) {
        return usageError("batch", "missing INPUT");
    }
    if (options.outputFolder.isEmpty()) {
        return usageError("batch", "missing -o OUTDIR");
    }
    int threads = 0;
    const QString engineError = engineOptions.read(parser, options.restore, threads);
    if (!engineError.isEmpty()) {
        return usageError("batch", engineError);
    }
    const QString outputError = outputOptions.read(parser, options.write);
    if (!outputError.isEmpty()) {
        return usageError("batch", outputError);
    }
    const QString protectError = protectOptions.read(parser, options.restore.protectSharp);
    if (!protectError.isEmpty()) {
        return usageError("batch", protectError);
    }
    if (parser.isSet(onlyBlurry)) {
        bool number = false;
        options.onlyBlurry = true;
        options.restore.blur.threshold = parser.value(onlyBlurry).toDouble(&number);
        const double threshold = options.restore.blur.threshold;
        if (!number || !(threshold >= 0 && threshold <= 1)) {
            return usageError("batch",
                              "the --only-blurry threshold must be a number from 0 to 1 (got '" +
                                  parser.value(onlyBlurry) + "')");
        }
    }
    const QString invalid = options.validate();
    if (!invalid.isEmpty()) {
        return usageError("batch", invalid);
    }
    bool ok = false;
    const int benchRuns = parser.value(runs).toInt(&ok);
    if (!ok || benchRuns < 1) {
        return usageError("batch", "--runs must be a positive integer");
    }
    // Before the model loads and any photo is restored: the folder exists or can be made,
    // is writable and has some free space.
    const QString unwritable = io::checkOutputFolder(options.outputFolder);
    if (!unwritable.isEmpty()) {
        return failure(unwritable);
    }
    const QString modelFolder = chooseModelFolder(parser.value(model));
    if (modelFolder.isEmpty()) {
        return failure(QString::fromStdString(restore::ModelCatalog::noModelMessage()));
    }
    try {
        return runBatch(options, shardChoice.source, modelFolder, threads, parser.isSet(json),
                        parser.value(report), parser.isSet(bench) ? benchRuns : 0);
    } catch (const std::exception& e) {
        return failure(QString::fromStdString(e.what()));
    }
}
