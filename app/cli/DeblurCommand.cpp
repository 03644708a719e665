#include "DeblurCommand.h"

#include "ProgressPrinter.h"
#include "TensorImage.h"
#include "engine/Engine.h"
#include "io/ImageFile.h"
#include "model/CpuRuntime.h"
#include "model/ModelError.h"
#include "model/ModelFolder.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTextStream>
#include <atomic>
#include <c10/core/InferenceMode.h>
#include <csignal>
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
    int quality = 95;
    bool overwrite = false;
    unblur::engine::EngineOptions engine; ///< device, precision, tiles, seed
};

/** The exit status of a run stopped by Ctrl-C, as shells report SIGINT. */
constexpr int kExitCancelled = 130;
/** The smallest --tile: smaller tiles give the latent prior too little to go on. */
constexpr int kMinTile = 128;

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

QString describe(const unblur::io::FloatImage& image)
{
    const char* layout = image.channels == 1 ? "grey" : image.channels == 4 ? "RGBA" : "RGB";
    return QStringLiteral("%1x%2, %3, %4-bit")
        .arg(image.width)
        .arg(image.height)
        .arg(QLatin1String(layout))
        .arg(image.bitDepth);
}

/** Set by SIGINT; the engine checks it between tiles and diffusion steps. */
std::atomic<bool> g_cancel{false};

extern "C" void onInterrupt(int)
{
    g_cancel.store(true);
}

/** Ctrl-C cancels the run while this lives; a second Ctrl-C kills as usual (SA_RESETHAND). */
class InterruptGuard
{
public:
    InterruptGuard()
    {
        g_cancel.store(false);
        struct sigaction action = {};
        action.sa_handler = onInterrupt;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESETHAND;
        sigaction(SIGINT, &action, &m_previous);
    }
    ~InterruptGuard() { sigaction(SIGINT, &m_previous, nullptr); }
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;

private:
    struct sigaction m_previous = {};
};

/** The deblur itself; throws ImageError, ModelError or c10::Error. */
int deblur(const DeblurOptions& options)
{
    using namespace unblur;
    QTextStream& err = errStream();
    QElapsedTimer total;
    total.start();

    const io::FloatImage source = io::readImage(options.input.toStdString());
    err << "Input:  " << options.input << " (" << describe(source) << ")\n";

    const QString inputPath = QFileInfo(options.input).canonicalFilePath();
    if (!options.overwrite && inputPath == QFileInfo(options.output).canonicalFilePath()) {
        return failure(options.output + ": is the input file; pass --overwrite to replace it");
    }
    io::checkWritablePath(options.output.toStdString());

    // Before loading: a missing GPU or an impossible precision is reported at once.
    engine::Engine::checkOptions(options.engine);
    const torch::Device device = engine::Engine::resolveDevice(options.engine.device);

    QElapsedTimer step;
    step.start();
    model::LoadedModel loaded = model::loadModelFolder(options.modelFolder.toStdString());
    const QString name = loaded.info.name.empty() ? QFileInfo(options.modelFolder).fileName()
                                                  : QString::fromStdString(loaded.info.name);
    err << "Model:  " << name << " (" << QDir::toNativeSeparators(options.modelFolder)
        << "), loaded in " << QString::number(step.elapsed() / 1000.0, 'f', 2) << " s\n";
    for (const std::string& note : loaded.info.notes) {
        err << "Note:   " << QString::fromStdString(note) << "\n";
    }
    engine::Engine engine(std::move(loaded.model));

    const int threads = unblur::model::configureCpuThreads(options.threads);
    err << "Device: " << QString::fromStdString(engine::Engine::describeDevice(device));
    if (!device.is_cpu()) {
        err << ", " << threads << " CPU thread(s)";
    }
    err << ", " << QString::fromStdString(engine::precisionName(options.engine.precision))
        << ", seed " << options.engine.seed << "\n";
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
        restored = engine.process(toTensor(source), options.engine, onProgress, &g_cancel);
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

    io::WriteOptions writeOptions;
    writeOptions.quality = options.quality;
    io::writeImage(options.output.toStdString(), result, writeOptions);
    err << "Output: " << options.output << " (" << describe(result) << "), total "
        << QString::number(total.elapsed() / 1000.0, 'f', 2) << " s\n";
    err.flush();
    return 0;
}

} // namespace

QString defaultModelFolder()
{
    const QByteArray fromEnv = qgetenv("UNBLUR_MODEL_DIR");
    if (!fromEnv.isEmpty()) {
        return QString::fromLocal8Bit(fromEnv);
    }
    const QString exeDir = QCoreApplication::applicationDirPath();
    for (const char* relative :
         {"/../share/unblur/models/default", "/../../resources/models/default"}) {
        const QString candidate = QDir::cleanPath(exeDir + QLatin1String(relative));
        if (QFileInfo(candidate).isDir()) {
            return candidate;
        }
    }
    return {};
}

int runDeblurCommand(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Deblurs one photo with a HI-Diff model and writes the result; the "
                       "bit depth, grey and alpha of the input are kept."));
    const QCommandLineOption help({"h", "help"}, "Displays this help.");
    const QCommandLineOption output({"o", "output"},
                                    "Where to write the result; the format follows the "
                                    "extension (.png, .jpg, .tif, .webp). Required.",
                                    "file");
    const QCommandLineOption model({"m", "model"},
                                   "Model folder (net_g.pth, net_le_dm.pth, net_d.pth). "
                                   "Default: $UNBLUR_MODEL_DIR, else the installed model.",
                                   "dir");
    const QCommandLineOption seed(
        "seed", QStringLiteral("Seed of the diffusion noise (default %1).").arg(kDefaultSeed), "n",
        QString::number(kDefaultSeed));
    const QCommandLineOption threads({"t", "threads"}, "CPU threads (default: all cores).", "n",
                                     "0");
    const QCommandLineOption device("device", "auto (CUDA if available), cpu, cuda or cuda:N.",
                                    "device", "auto");
    const QCommandLineOption tile("tile",
                                  "Tile size in pixels, a multiple of 8 from 128, or auto "
                                  "(default: from the memory the device has).",
                                  "n|auto", "auto");
    const QCommandLineOption overlap(
        "overlap", "Pixels shared by neighbouring tiles, blended (default 32).", "n", "32");
    const QCommandLineOption precision(
        "precision", "fp32 (default), fp16 or bf16 (both on CUDA only).",
        "fp32|fp16|bf16", "fp32");
    const QCommandLineOption quality({"q", "quality"}, "JPEG/WebP quality, 1-100 (default 95).",
                                     "q", "95");
    const QCommandLineOption overwrite("overwrite", "Allow the output to replace the input.");
    parser.addOptions(
        {help, output, model, seed, threads, device, tile, overlap, precision, quality, overwrite});
    parser.addPositionalArgument("deblur", "The command.", "deblur");
    parser.addPositionalArgument("input", "The blurred photo (PNG, JPEG, TIFF, WebP).");

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
    bool ok = false;
    options.engine.seed = parser.value(seed).toULongLong(&ok);
    if (!ok) {
        return usageError("--seed must be a non-negative integer");
    }
    options.threads = parser.value(threads).toInt(&ok);
    if (!ok || options.threads < 0) {
        return usageError("--threads must be a non-negative integer (0: all cores)");
    }
    const QString deviceName = parser.value(device).toLower();
    if (!QRegularExpression("^(auto|cpu|cuda(:\\d+)?)$").match(deviceName).hasMatch()) {
        return usageError("--device must be auto, cpu, cuda or cuda:N");
    }
    options.engine.device = deviceName.toStdString();
    const QString tileText = parser.value(tile).toLower();
    if (tileText != QLatin1String("auto")) {
        options.engine.tileSize = tileText.toInt(&ok);
        if (!ok || options.engine.tileSize < kMinTile || options.engine.tileSize % 8 != 0) {
            return usageError(QStringLiteral("--tile must be auto or a multiple of 8 of at least "
                                             "%1 (got '%2')")
                                  .arg(kMinTile)
                                  .arg(parser.value(tile)));
        }
    }
    options.engine.overlap = parser.value(overlap).toInt(&ok);
    if (!ok || options.engine.overlap < 0) {
        return usageError("--overlap must be a non-negative integer");
    }
    if (options.engine.tileSize > 0 && options.engine.overlap > options.engine.tileSize / 2) {
        return usageError(QStringLiteral("--overlap must be at most half the tile (%1)")
                              .arg(options.engine.tileSize / 2));
    }
    try {
        options.engine.precision =
            unblur::engine::parsePrecision(parser.value(precision).toStdString());
    } catch (const std::exception&) {
        return usageError("--precision must be fp32, fp16 or bf16");
    }
    options.quality = parser.value(quality).toInt(&ok);
    if (!ok || options.quality < 1 || options.quality > 100) {
        return usageError("--quality must be between 1 and 100");
    }
    options.overwrite = parser.isSet(overwrite);
    options.modelFolder = parser.isSet(model) ? parser.value(model) : defaultModelFolder();
    if (options.modelFolder.isEmpty()) {
        return failure("no model folder found next to the program; pass --model DIR or set "
                       "UNBLUR_MODEL_DIR");
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
