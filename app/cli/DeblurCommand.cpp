#include "DeblurCommand.h"

#include "CommandLine.h"
#include "EngineCommandOptions.h"
#include "InterruptGuard.h"
#include "ModelLocation.h"
#include "PhotoOutputOptions.h"
#include "ProgressPrinter.h"
#include "ProtectSharpOptions.h"
#include "blur/BlurAnalyzer.h"
#include "io/OutputCheck.h"
#include "io/PhotoReader.h"
#include "io/PhotoWriter.h"
#include "io/PixelEncoder.h"
#include "restore/ModelCatalog.h"
#include "restore/Restorer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTextStream>
#include <unistd.h>

namespace {

/** What the command line asked for, validated. */
struct DeblurOptions
{
    QString input;
    QString output;
    QString modelFolder;
    int threads = 0;
    unblur::io::PhotoWriteOptions write;     ///< format, quality, depth, metadata, overwrite
    unblur::restore::RestoreOptions restore; ///< device, precision, tiles, seed, protect-sharp
};

/** The exit status of a run stopped by Ctrl-C, as shells report SIGINT. */
constexpr int kExitCancelled = 130;

/** A usage error: message, hint, exit code 2. */
/** A failure while working: message naming the file, exit code 1. */
int failure(const QString& message)
{
    errStream() << "unblur-cli deblur: error: " << message << "\n";
    errStream().flush();
    return 1;
}

QString describe(const unblur::io::FloatImage& image, unblur::io::ImageFormat format, int bitDepth)
{
    const char* layout = image.channels == 1 ? "grey" : image.channels == 4 ? "RGBA" : "RGB";
    return QStringLiteral("%1x%2, %3, %4-bit %5")
        .arg(image.width)
        .arg(image.height)
        .arg(QLatin1String(layout))
        .arg(bitDepth)
        .arg(QLatin1String(unblur::io::formatName(format)));
}

/** "0.62 (blurry, shake)", or "not measured (too few edges to measure)". */
QString blurText(const unblur::blur::BlurAssessment& blur)
{
    if (!blur.measurable) {
        return "not measured (" + QString::fromStdString(blur.note) + ")";
    }
    return QStringLiteral("%1 (%2, %3)")
        .arg(blur.score, 0, 'f', 2)
        .arg(QLatin1String(blur.blurry ? "blurry" : "sharp"))
        .arg(QLatin1String(unblur::blur::blurKindName(blur.kind)));
}

/** The mean of a weight map, 0 for an empty one. */
double meanOf(const unblur::io::FloatImage& weight)
{
    double sum = 0;
    for (const float value : weight.pixels) {
        sum += value;
    }
    return weight.pixels.empty() ? 0.0 : sum / double(weight.pixels.size());
}

void printNotes(QTextStream& err, const std::vector<std::string>& notes)
{
    for (const std::string& note : notes) {
        err << "Note:   " << QString::fromStdString(note) << "\n";
    }
}

/** The deblur itself; throws ImageError, or std::runtime_error when the model cannot load. */
int deblur(const DeblurOptions& options)
{
    using namespace unblur;
    QTextStream& err = errStream();
    QElapsedTimer total;
    total.start();

    const io::Photo photo = io::readPhoto(options.input.toStdString());
    const io::FloatImage& source = photo.image;
    err << "Input:  " << options.input << " (" << describe(source, photo.format, source.bitDepth)
        << ")\n";
    printNotes(err, photo.notes);
    err << "Blur:   " << blurText(blur::BlurAnalyzer(options.restore.blur).assess(source)) << "\n";
    err.flush();

    const QString output =
        PhotoOutputOptions::outputPath(options.output, photo, options.write.encode);
    const QString inputPath = QFileInfo(options.input).canonicalFilePath();
    if (!options.write.overwriteSource && inputPath == QFileInfo(output).canonicalFilePath()) {
        return failure(output + ": is the input file; pass --overwrite to replace it");
    }
    const io::ImageFormat format = io::checkPhotoOutput(output.toStdString(), photo, options.write);
    // Before restoring: a read-only folder or a full disk fails now, not after the work.
    const int bits =
        io::PixelEncoder::bitDepthFor(source, format, options.write.encode, output.toStdString());
    const QString unwritable = io::checkOutput(
        output, io::expectedOutputBytes(source.width, source.height, source.channels, bits));
    if (!unwritable.isEmpty()) {
        return failure(unwritable);
    }

    // Before loading: a missing GPU or an impossible precision is reported at once.
    const engine::EngineOptions& engineOptions = options.restore.engine;
    const std::string problem = restore::Restorer::check(options.restore);
    if (!problem.empty()) {
        return failure(QString::fromStdString(problem));
    }

    const std::unique_ptr<restore::Restorer> restorer = openModel(options.modelFolder, err);

    const int threads = restore::Restorer::configureThreads(options.threads);
    const restore::DeviceDescription device = restore::Restorer::describeDevice(options.restore);
    err << "Device: " << QString::fromStdString(device.text);
    if (!device.cpu) {
        err << ", " << threads << " CPU thread(s)";
    }
    err << ", " << QString::fromStdString(engine::precisionName(engineOptions.precision))
        << ", seed " << engineOptions.seed;
    if (engineOptions.views > 1) {
        err << ", self-ensemble of " << engineOptions.views << " views";
    }
    err << "\n";
    err.flush();

    ProgressPrinter printer(err, isatty(STDERR_FILENO) != 0);
    bool tilesShown = false;
    const restore::RestoreObserver onProgress = [&](const restore::RestoreProgress& progress) {
        if (!tilesShown && progress.tilesTotal > 0 && progress.tileSize > 0) {
            err << "Tiles:  " << progress.tilesTotal << " of " << progress.tileSize << " px"
                << (engineOptions.tileSize == 0 ? " (auto)" : "") << ", overlap "
                << engineOptions.overlap << " px\n";
            err.flush();
            tilesShown = true;
        }
        printer.update(progress);
    };

    restore::RestoreResult restored;
    {
        const InterruptGuard interrupt;
        restored = restorer->restore(source, options.restore, onProgress, &InterruptGuard::token());
        printer.finish();
    }
    if (restored.status == restore::RestoreStatus::Cancelled) {
        err << "Cancelled\n";
        err.flush();
        return kExitCancelled;
    }
    if (!restored.ok()) {
        return failure(QString::fromStdString(restored.message));
    }
    const io::FloatImage& result = restored.image;
    printNotes(err, restored.notes);
    if (!restored.precisionNote.empty()) {
        printNotes(err, {"precision: " + restored.precisionNote});
    }
    if (options.restore.refine != refine::RefineMode::Off) {
        err << "Shake refinement: " << QString::fromStdString(restored.refinement.summary) << " ("
            << QString::number(restored.refineSeconds, 'f', 2) << " s)\n";
    }
    if (options.restore.protectSharp) {
        // The share of the photo restored: the mean of the blend's weight.
        err << "Protect sharp: blur " << blurText(restored.blur) << "; restored where blurred ("
            << qRound(100.0 * meanOf(restored.blur.restoreWeight)) << " % of the photo, "
            << QString::number(restored.protectSeconds, 'f', 2) << " s)\n";
    }
    err << "Deblurred in " << QString::number(restored.seconds, 'f', 2) << " s (" << restored.tiles
        << (restored.tiles == 1 ? " tile" : " tiles") << " of " << restored.tileSize << " px on "
        << QString::fromStdString(restored.device) << ")\n";

    const io::Provenance provenance{UNBLUR_VERSION, restorer->model().name};
    const io::WriteResult written =
        io::writePhoto(output.toStdString(), result, photo, provenance, options.write);
    printNotes(err, written.notes);
    err << "Output: " << output << " (" << describe(result, written.format, written.bitDepth)
        << "), total " << QString::number(total.elapsed() / 1000.0, 'f', 2) << " s\n";
    err.flush();
    return 0;
}

} // namespace

int runDeblurCommand(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Deblurs one photo with a HI-Diff model and writes the result; the "
                       "bit depth, grey, alpha and metadata of the input are kept."));
    const QCommandLineOption help({"h", "help"}, "Displays this help.");
    const QCommandLineOption output(
        {"o", "output"},
        "Where to write the result, with the input's metadata (EXIF, IPTC, XMP, colour "
        "profile). The format follows the extension (.jpg, .png, .tif, .webp); without one, or "
        "for a folder, the input's format (RAW: .tif). Required.",
        "file");
    const QCommandLineOption model = modelOption();
    const EngineCommandOptions engineOptions;
    const PhotoOutputOptions outputOptions;
    const QCommandLineOption overwrite("overwrite", "Allow the output to replace the input.");
    const ProtectSharpOptions protectOptions;
    parser.addOptions({help, output, model});
    engineOptions.addTo(parser);
    outputOptions.addTo(parser);
    parser.addOption(overwrite);
    protectOptions.addTo(parser);
    parser.addPositionalArgument("deblur", "The command.", "deblur");
    parser.addPositionalArgument(
        "input", "The blurred photo (JPEG, PNG, TIFF, WebP, BMP or camera RAW), by content.");

    if (!parser.parse(arguments)) {
        return usageError("deblur", parser.errorText());
    }
    if (parser.isSet(help)) {
        return printCommandHelp(parser, "deblur INPUT -o OUTPUT [options]");
    }

    DeblurOptions options;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2) {
        return usageError("deblur",
                          positional.size() < 2 ? "missing INPUT" : "only one INPUT is allowed");
    }
    options.input = positional.at(1);
    options.output = parser.value(output);
    if (options.output.isEmpty()) {
        return usageError("deblur", "missing -o OUTPUT");
    }
    const QString engineError = engineOptions.read(parser, options.restore, options.threads);
    if (!engineError.isEmpty()) {
        return usageError("deblur", engineError);
    }
    const QString outputError = outputOptions.read(parser, options.write);
    if (!outputError.isEmpty()) {
        return usageError("deblur", outputError);
    }
    options.write.overwriteSource = parser.isSet(overwrite);
    const QString protectError = protectOptions.read(parser, options.restore.protectSharp);
    if (!protectError.isEmpty()) {
        return usageError("deblur", protectError);
    }
    options.modelFolder = chooseModelFolder(parser.value(model));
    if (options.modelFolder.isEmpty()) {
        return failure(QString::fromStdString(unblur::restore::ModelCatalog::noModelMessage()));
    }

    try {
        return deblur(options);
    } catch (const std::exception& e) {
        // ImageError names the file; openModel's error names the model file.
        return failure(QString::fromStdString(e.what()));
    }
}
