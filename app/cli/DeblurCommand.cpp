#include "DeblurCommand.h"

#include "EngineCommandOptions.h"
#include "InterruptGuard.h"
#include "ModelLocation.h"
#include "PhotoOutputOptions.h"
#include "ProgressPrinter.h"
#include "batch/TensorImage.h"
#include "engine/Engine.h"
#include "io/ImageError.h"
#include "io/PhotoReader.h"
#include "io/PhotoWriter.h"
#include "model/CpuRuntime.h"
#include "model/ModelError.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTextStream>
#include <c10/core/InferenceMode.h>
#include <torch/torch.h>
#include <unistd.h>

namespace {

/** What the command line asked for, validated. */
struct DeblurOptions
{
    QString input;
    QString output;
    QString modelFolder;
    int threads = 0;
    unblur::io::PhotoWriteOptions write;  ///< format, quality, depth, metadata, overwrite
    unblur::engine::EngineOptions engine; ///< device, precision, tiles, seed
};

/** The exit status of a run stopped by Ctrl-C, as shells report SIGINT. */
constexpr int kExitCancelled = 130;

QTextStream& errStream()
{
    static QTextStream stream(stderr);
    return stream;
}

/** A usage error: message, hint, exit code 2. */
int usageError(const QString& message)
{
    errStream() << "unblur-cli deblur: " << message << "\n"
                << "Try 'unblur-cli deblur --help'.\n";
    errStream().flush();
    return 2;
}

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

void printNotes(QTextStream& err, const std::vector<std::string>& notes)
{
    for (const std::string& note : notes) {
        err << "Note:   " << QString::fromStdString(note) << "\n";
    }
}

/** The deblur itself; throws ImageError, ModelError or c10::Error. */
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

    const QString output =
        PhotoOutputOptions::outputPath(options.output, photo, options.write.encode);
    const QString inputPath = QFileInfo(options.input).canonicalFilePath();
    if (!options.write.overwriteSource && inputPath == QFileInfo(output).canonicalFilePath()) {
        return failure(output + ": is the input file; pass --overwrite to replace it");
    }
    io::checkPhotoOutput(output.toStdString(), photo, options.write);

    // Before loading: a missing GPU or an impossible precision is reported at once.
    engine::Engine::checkOptions(options.engine);
    const torch::Device device = engine::Engine::resolveDevice(options.engine.device);

    QString modelName;
    const std::unique_ptr<engine::Engine> loadedEngine =
        openModel(options.modelFolder, err, &modelName);
    engine::Engine& engine = *loadedEngine;

    const int threads = unblur::model::configureCpuThreads(options.threads);
    err << "Device: " << QString::fromStdString(engine::Engine::describeDevice(device));
    if (!device.is_cpu()) {
        err << ", " << threads << " CPU thread(s)";
    }
    err << ", " << QString::fromStdString(engine::precisionName(options.engine.precision))
        << ", seed " << options.engine.seed;
    if (options.engine.views > 1) {
        err << ", self-ensemble of " << options.engine.views << " views";
    }
    err << "\n";
    err.flush();

    ProgressPrinter printer(err, isatty(STDERR_FILENO) != 0);
    bool tilesShown = false;
    const engine::ProgressCallback onProgress = [&](const engine::EngineProgress& progress) {
        if (!tilesShown && progress.tilesTotal > 0 && progress.tileSize > 0) {
            err << "Tiles:  " << progress.tilesTotal << " of " << progress.tileSize << " px"
                << (options.engine.tileSize == 0 ? " (auto)" : "") << ", overlap "
                << options.engine.overlap << " px\n";
            err.flush();
            tilesShown = true;
        }
        printer.update(progress);
    };

    engine::EngineResult restored;
    io::FloatImage result;
    {
        const InterruptGuard interrupt;
        c10::InferenceMode inference;
        restored =
            engine.process(toTensor(source), options.engine, onProgress, &InterruptGuard::flag());
        printer.finish();
        if (restored.status == engine::EngineStatus::Cancelled) {
            err << "Cancelled\n";
            err.flush();
            return kExitCancelled;
        }
        result = fromTensor(restored.image, source);
    }
    for (const std::string& note : restored.notes) {
        err << "Note:   " << QString::fromStdString(note) << "\n";
    }
    err << "Deblurred in " << QString::number(restored.seconds, 'f', 2) << " s (" << restored.tiles
        << (restored.tiles == 1 ? " tile" : " tiles") << " of " << restored.tileSize << " px on "
        << QString::fromStdString(restored.device) << ")\n";

    const io::Provenance provenance{UNBLUR_VERSION, modelName.toStdString()};
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
    parser.addOptions({help, output, model});
    engineOptions.addTo(parser);
    outputOptions.addTo(parser);
    parser.addOptions({overwrite});
    parser.addPositionalArgument("deblur", "The command.", "deblur");
    parser.addPositionalArgument(
        "input", "The blurred photo (JPEG, PNG, TIFF, WebP, BMP or camera RAW), by content.");

    if (!parser.parse(arguments)) {
        return usageError(parser.errorText());
    }
    if (parser.isSet(help)) {
        // Qt's first line puts [options] before the command; state the real order.
        QTextStream(stdout) << "Usage: unblur-cli deblur INPUT -o OUTPUT [options]\n"
                            << parser.helpText().section('\n', 1);
        return 0;
    }

    DeblurOptions options;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2) {
        return usageError(positional.size() < 2 ? "missing INPUT" : "only one INPUT is allowed");
    }
    options.input = positional.at(1);
    options.output = parser.value(output);
    if (options.output.isEmpty()) {
        return usageError("missing -o OUTPUT");
    }
    const QString engineError = engineOptions.read(parser, options.engine, options.threads);
    if (!engineError.isEmpty()) {
        return usageError(engineError);
    }
    const QString outputError = outputOptions.read(parser, options.write);
    if (!outputError.isEmpty()) {
        return usageError(outputError);
    }
    options.write.overwriteSource = parser.isSet(overwrite);
    options.modelFolder = chooseModelFolder(parser.value(model));
    if (options.modelFolder.isEmpty()) {
        return failure(noModelFolderMessage());
    }

    try {
        return deblur(options);
    } catch (const unblur::io::ImageError& e) {
        return failure(QString::fromStdString(e.what()));
    } catch (const unblur::model::ModelError& e) {
        return failure(QString::fromStdString(e.what()));
    } catch (const c10::Error& e) {
        return failure(QString::fromStdString(e.what_without_backtrace()));
    } catch (const std::exception& e) {
        return failure(QString::fromStdString(e.what()));
    }
}
