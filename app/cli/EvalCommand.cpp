#include "EvalCommand.h"

#include "CommandLine.h"
#include "EngineCommandOptions.h"
#include "EvalTable.h"
#include "ModelLocation.h"
#include "PairEvaluator.h"
#include "ProgressPrinter.h"
#include "StatusLine.h"
#include "eval/EvalPairs.h"
#include "eval/UnsharpMask.h"
#include "restore/ModelCatalog.h"
#include "restore/Restorer.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QTextStream>
#include <algorithm>

using unblur::eval::EvalPair;
using unblur::eval::PairScan;
using unblur::eval::UnsharpParams;

namespace {

/** What the command line asked for, validated. */
struct EvalOptions
{
    QString pairsDir;
    QString modelFolder;
    QString tuneDir; ///< --tune-unsharp
    QString csv;
    EvalMethod method = EvalMethod::Model;
    UnsharpParams unsharp;
    int limit = 0; ///< 0: every pair
    int align = 0; ///< --align: largest shift in px, 0: off
    int threads = 0;
    unblur::restore::RestoreOptions restore;
};

QTextStream& outStream()
{
    static QTextStream stream(stdout);
    return stream;
}

/** Reports one failure (naming the file); the caller decides whether to go on. */
int failure(const QString& message)
{
    errStream() << "unblur-cli eval: error: " << message << "\n";
    errStream().flush();
    return 1;
}

void warn(const std::string& message)
{
    errStream() << "unblur-cli eval: warning: " << QString::fromStdString(message) << "\n";
}

QString describe(const UnsharpParams& params)
{
    if (params.amount == 0) {
        return QStringLiteral("amount 0 (leaves the images as they are)");
    }
    return QStringLiteral("sigma %1, amount %2").arg(params.sigma).arg(params.amount);
}

/** "SIGMA,AMOUNT" with sigma > 0 and amount >= 0. */
bool parseUnsharp(const QString& text, UnsharpParams& params)
{
    const QStringList parts = text.split(',');
    bool sigmaOk = false;
    bool amountOk = false;
    if (parts.size() == 2) {
        params.sigma = parts[0].trimmed().toDouble(&sigmaOk);
        params.amount = parts[1].trimmed().toDouble(&amountOk);
    }
    return sigmaOk && amountOk && params.sigma > 0 && params.amount >= 0 && params.sigma <= 100 &&
           params.amount <= 100;
}

/** Tunes the unsharp mask on every pair of `dir`; throws on the first unusable pair. */
UnsharpParams tuneUnsharp(const QString& dir)
{
    const PairScan scan = unblur::eval::findEvalPairs(dir.toStdString());
    for (const std::string& warning : scan.warnings) {
        warn(warning);
    }
    unblur::eval::UnsharpTuner tuner;
    StatusLine status(errStream());
    for (size_t i = 0; i < scan.pairs.size(); ++i) {
        status.show(QStringLiteral("tuning %1/%2: %3")
                        .arg(i + 1)
                        .arg(scan.pairs.size())
                        .arg(QString::fromStdString(scan.pairs[i].name)));
        const unblur::eval::ImagePair images = PairEvaluator::readPair(scan.pairs[i]);
        tuner.add(images.blurry, images.sharp);
    }
    status.clear();
    const unblur::eval::UnsharpTuning tuning = tuner.result();
    outStream() << "Tuned:  unsharp mask on " << tuning.pairs << " pairs of " << dir << ": "
                << describe(tuning.best) << " (mean PSNR " << EvalTable::psnrText(tuning.meanPsnr)
                << " dB, input " << EvalTable::psnrText(tuning.inputMeanPsnr) << " dB; "
                << tuning.combinations << " settings tried)\n";
    outStream().flush();
    return tuning.best;
}

/** The evaluation itself; throws for what stops it as a whole (no pairs, model not loaded). */
int evaluate(EvalOptions options)
{
    using namespace unblur;
    QTextStream& out = outStream();
    QTextStream& err = errStream();

    PairScan scan = eval::findEvalPairs(options.pairsDir.toStdString());
    for (const std::string& warning : scan.warnings) {
        warn(warning);
    }
    const size_t found = scan.pairs.size();
    if (options.limit > 0 && size_t(options.limit) < found) {
        scan.pairs.resize(size_t(options.limit));
    }
    if (!options.csv.isEmpty()) {
        const QFileInfo csv(options.csv);
        if (csv.isDir() || !csv.absoluteDir().exists()) {
            return failure(options.csv + ": " +
                           (csv.isDir() ? "is a folder" : "its folder does not exist"));
        }
    }

    std::unique_ptr<restore::Restorer> restorer;
    QString methodText;
    QString methodTail; // with the model: after the precision, which is known once it ran
    const engine::EngineOptions& engineOptions = options.restore.engine;
    if (options.method == EvalMethod::Model) {
        const std::string problem = restore::Restorer::check(options.restore);
        if (!problem.empty()) {
            return failure(QString::fromStdString(problem));
        }
        restorer = openModel(options.modelFolder, err);
        const int threads = restore::Restorer::configureThreads(options.threads);
        const restore::DeviceDescription device =
            restore::Restorer::describeDevice(options.restore);
        err << "Device: " << QString::fromStdString(device.text);
        if (!device.cpu) {
            err << ", " << threads << " CPU thread(s)";
        }
        err << "\n";
        err.flush();
        // Auto tiles: the memory probe runs now, so no image's time includes it. The tile
        // stays automatic, as in `deblur`: an image within the budget goes through whole.
        const QString tiles = engineOptions.tileSize > 0
                                  ? QStringLiteral("tiles of %1 px").arg(engineOptions.tileSize)
                                  : QStringLiteral("tiles auto (at most %1 px)")
                                        .arg(restorer->automaticTileSize(options.restore));
        methodText = "model " + QDir::toNativeSeparators(options.modelFolder) + ", ";
        methodTail = QStringLiteral(", seed %1, %2").arg(engineOptions.seed).arg(tiles);
        if (engineOptions.views > 1) {
            methodTail += QStringLiteral(", self-ensemble of %1 views").arg(engineOptions.views);
        }
        if (options.restore.refine != refine::RefineMode::Off) {
            methodTail += QStringLiteral(", shake refinement %1 (each image: the network alone, "
                                         "then with the refinement)")
                              .arg(QLatin1String(refine::refineModeName(options.restore.refine)));
        }
        if (options.restore.protectSharp) {
            methodTail += QStringLiteral(", sharp areas protected (each output blended with its "
                                         "input through the input's blur map)");
        }
    } else if (options.method == EvalMethod::Unsharp) {
        if (!options.tuneDir.isEmpty()) {
            options.unsharp = tuneUnsharp(options.tuneDir);
        }
        methodText = "unsharp mask, " + describe(options.unsharp);
    } else {
        methodText = QStringLiteral("input (the blurry images as they are)");
    }

    int nameWidth = 0;
    for (const EvalPair& pair : scan.pairs) {
        nameWidth = std::max(nameWidth, int(pair.name.size()));
    }
    const EvalTable table(nameWidth);
    PairEvaluator evaluator(options.method, restorer.get(), options.restore, options.unsharp,
                            options.align);
    // Printed with the first row: what Auto chose is known once the first image is restored.
    bool headerShown = false;
    const auto showHeader = [&] {
        if (headerShown) {
            return;
        }
        headerShown = true;
        out << "Pairs:  " << scan.pairs.size();
        if (scan.pairs.size() < found) {
            out << " of " << found;
        }
        out << " from " << options.pairsDir << " (" << QString::fromStdString(scan.layout) << ")\n"
            << "Method: " << methodText;
        if (options.method == EvalMethod::Model) {
            out << evaluator.precisionText() << methodTail;
        }
        out << "\n\n" << table.header() << EvalTable::alignNote(options.align);
    };
    if (options.method != EvalMethod::Model) {
        showHeader();
        out.flush();
    }
    std::vector<EvalRow> rows;
    std::vector<EvalRow> allRows; // with the references, for the CSV
    std::vector<EvalRow> refinedRows;
    StatusLine status(errStream());
    int failed = 0;
    for (size_t i = 0; i < scan.pairs.size(); ++i) {
        const EvalPair& pair = scan.pairs[i];
        const QString label = QStringLiteral("[%1/%2] %3")
                                  .arg(i + 1)
                                  .arg(scan.pairs.size())
                                  .arg(QString::fromStdString(pair.name));
        status.show(label);
        restore::RestoreObserver onProgress;
        if (status.terminal()) {
            onProgress = [&](const restore::RestoreProgress& progress) {
                status.show(label + "  " + ProgressPrinter::barLine(progress));
            };
        }
        EvalRow refined;
        const EvalRow row = evaluator.evaluate(pair, onProgress, &refined);
        std::vector<std::string> notes;
        std::vector<EvalRow> references = PairEvaluator::references(pair, notes, options.align);
        status.clear();
        for (const std::string& note : notes) {
            warn(note);
        }
        if (!row.ok()) {
            ++failed;
            failure(row.error);
        }
        showHeader();
        out << table.row(row);
        rows.push_back(row);
        allRows.push_back(row);
        if (!refined.method.isEmpty()) {
            // Side by side: the network alone above, with the refinement below.
            EvalRow shown = refined;
            shown.name = QStringLiteral("  + refinement");
            out << table.row(shown);
            if (refined.note.startsWith(QLatin1String("skipped"))) {
                out << QStringLiteral("    (%1)\n").arg(refined.note);
            }
            refinedRows.push_back(refined);
            allRows.push_back(refined);
        }
        out.flush();
        for (EvalRow& reference : references) {
            reference.inputPsnr = row.ok() ? row.inputPsnr : 0;
            reference.inputSsim = row.ok() ? row.inputSsim : 0;
            reference.inputDy = row.inputDy;
            reference.inputDx = row.inputDx;
            allRows.push_back(reference);
        }
    }
    showHeader();
    out << table.meanRow(rows);
    out << EvalTable::referenceSummary(allRows);
    out << EvalTable::refineSummary(rows, refinedRows);
    out.flush();

    const int exitCode = failed > 0 ? 1 : 0;
    if (failed > 0) {
        failure(QStringLiteral("%1 of %2 pairs could not be evaluated")
                    .arg(failed)
                    .arg(scan.pairs.size()));
    }
    if (!options.csv.isEmpty()) {
        QSaveFile file(options.csv);
        const QByteArray bytes = EvalTable::csv(allRows, options.align > 0).toUtf8();
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() ||
            !file.commit()) {
            return failure(options.csv + ": cannot write: " + file.errorString());
        }
        err << "CSV:    " << options.csv << " (" << allRows.size() << " rows)\n";
        err.flush();
    }
    return exitCode;
}

} // namespace

int runEvalCommand(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Measures deblurring on pairs of blurry and sharp photos: PSNR and SSIM "
                       "(8-bit RGB, as the published results) of the blurry input and of the "
                       "restored output, per image and on average."));
    const QCommandLineOption help({"h", "help"}, "Displays this help.");
    const QCommandLineOption pairs("pairs",
                                   "Folder of pairs: input/ + target/, blur*/ + sharp*/ or gt*/ "
                                   "(Levin: a sharp stem may be a prefix of the blurry one), "
                                   "or *_Blur_* + *_GT_* files; also one level down. Required.",
                                   "dir");
    const QCommandLineOption method(
        "method",
        "What restores the blurry images: model (default), unsharp (the unsharp-mask "
        "baseline) or input (nothing: scores the blurry images themselves).",
        "model|unsharp|input");
    const QCommandLineOption unsharp("unsharp",
                                     "Unsharp mask parameters: Gaussian sigma in pixels and "
                                     "amount, e.g. 1.5,0.8. Implies --method unsharp.",
                                     "sigma,amount");
    const QCommandLineOption tune("tune-unsharp",
                                  "Choose the unsharp mask parameters with the best mean PSNR "
                                  "on the pairs of this folder first (keep it apart from "
                                  "--pairs for a fair score). Implies --method unsharp.",
                                  "dir");
    const QCommandLineOption csv("csv", "Also write the per-image rows to this CSV file.", "file");
    const QCommandLineOption limit("limit", "Evaluate only the first N pairs (by name).", "n");
    const QCommandLineOption align(
        "align",
        "Align before scoring, as benchmarks with real camera blur (Levin et al. 2009) do: "
        "input and output each scored at the integer shift within +/-N px with the best PSNR, "
        "on the sharp image's interior (N px in from every edge, the same for all shifts). "
        "The shifts go to the CSV. Default 0: off.",
        "n");
    const QCommandLineOption protectSharp(
        "protect-sharp",
        "Protect sharp areas in each restored image before scoring, as deblur and batch do by "
        "default. Off by default here: eval measures the network.");
    const QCommandLineOption model = modelOption();
    const EngineCommandOptions engineOptions;
    parser.addOptions({help, pairs, method, unsharp, tune, csv, limit, align, protectSharp, model});
    engineOptions.addTo(parser);
    parser.addPositionalArgument("eval", "The command.", "eval");

    if (!parser.parse(arguments)) {
        return usageError("eval", parser.errorText());
    }
    if (parser.isSet(help)) {
        return printCommandHelp(parser, "eval --pairs DIR [options]");
    }
    if (parser.positionalArguments().size() > 1) {
        return usageError("eval",
                          "unexpected argument '" + parser.positionalArguments().at(1) + "'");
    }

    EvalOptions options;
    options.pairsDir = parser.value(pairs);
    if (options.pairsDir.isEmpty()) {
        return usageError("eval", "missing --pairs DIR");
    }
    const bool unsharpGiven = parser.isSet(unsharp) || parser.isSet(tune);
    const QString methodName = parser.isSet(method) ? parser.value(method).toLower()
                                                    : QString(unsharpGiven ? "unsharp" : "model");
    if (methodName == QLatin1String("model")) {
        options.method = EvalMethod::Model;
    } else if (methodName == QLatin1String("unsharp")) {
        options.method = EvalMethod::Unsharp;
    } else if (methodName == QLatin1String("input")) {
        options.method = EvalMethod::Input;
    } else {
        return usageError("eval", "--method must be model, unsharp or input");
    }
    if (unsharpGiven && options.method != EvalMethod::Unsharp) {
        return usageError("eval", "--unsharp and --tune-unsharp go with --method unsharp only");
    }
    if (parser.isSet(unsharp) && parser.isSet(tune)) {
        return usageError("eval", "give either --unsharp or --tune-unsharp, not both");
    }
    if (options.method == EvalMethod::Unsharp && !unsharpGiven) {
        return usageError("eval",
                          "--method unsharp needs --unsharp SIGMA,AMOUNT or --tune-unsharp DIR");
    }
    if (parser.isSet(unsharp) && !parseUnsharp(parser.value(unsharp), options.unsharp)) {
        return usageError("eval", "--unsharp must be SIGMA,AMOUNT with 0 < SIGMA <= 100 and "
                                  "0 <= AMOUNT <= 100 (got '" +
                                      parser.value(unsharp) + "')");
    }
    options.tuneDir = parser.value(tune);
    if (parser.isSet(model) && options.method != EvalMethod::Model) {
        return usageError("eval", "--model goes with --method model only");
    }
    if (parser.isSet(protectSharp) && options.method != EvalMethod::Model) {
        return usageError("eval", "--protect-sharp goes with --method model only");
    }
    if (parser.isSet(limit)) {
        bool ok = false;
        options.limit = parser.value(limit).toInt(&ok);
        if (!ok || options.limit < 1) {
            return usageError("eval", "--limit must be a positive integer");
        }
    }
    if (parser.isSet(align)) {
        bool ok = false;
        options.align = parser.value(align).toInt(&ok);
        if (!ok || options.align < 0 || options.align > 64) {
            return usageError("eval", "--align must be an integer from 0 to 64");
        }
    }
    options.csv = parser.value(csv);
    const QString engineError = engineOptions.read(parser, options.restore, options.threads);
    if (!engineError.isEmpty()) {
        return usageError("eval", engineError);
    }
    options.restore.protectSharp = parser.isSet(protectSharp);
    if (options.method == EvalMethod::Model) {
        options.modelFolder = chooseModelFolder(parser.value(model));
        if (options.modelFolder.isEmpty()) {
            return failure(QString::fromStdString(unblur::restore::ModelCatalog::noModelMessage()));
        }
    }

    try {
        return evaluate(options);
    } catch (const std::exception& e) {
        // EvalError, ImageError and the model's loading error all name the folder or file.
        return failure(QString::fromStdString(e.what()));
    }
}
