#include "DeblurCommand.h"

#include "TensorImage.h"
#include "io/ImageFile.h"
#include "model/CpuRuntime.h"
#include "model/ModelError.h"
#include "model/ModelFolder.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTextStream>
#include <c10/core/InferenceMode.h>
#include <optional>
#include <torch/torch.h>

namespace {

/** What the command line asked for, validated. */
struct DeblurOptions
{
    QString input;
    QString output;
    QString modelFolder;
    unsigned long long seed = kDefaultSeed;
    int threads = 0;
    QString device = QStringLiteral("auto");
    int quality = 95;
    bool overwrite = false;
};

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

std::optional<torch::Device> chooseDevice(const QString& name, QString& error)
{
    const bool cuda = torch::cuda::is_available();
    if (name == QLatin1String("cpu") || (name == QLatin1String("auto") && !cuda)) {
        return torch::Device(torch::kCPU);
    }
    if (cuda) {
        return torch::Device(torch::kCUDA, 0);
    }
    error = QStringLiteral("--device cuda: CUDA is not available (no GPU found, or this "
                           "LibTorch was built without CUDA); use --device cpu");
    return std::nullopt;
}

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

    QString deviceError;
    const std::optional<torch::Device> device = chooseDevice(options.device, deviceError);
    if (!device) {
        return failure(deviceError);
    }

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

    const int threads = unblur::model::configureCpuThreads(options.threads);
    loaded.model->to(*device);
    err << "Device: " << QString::fromStdString(device->str()) << ", " << threads
        << " CPU thread(s), seed " << options.seed << "\n";
    err.flush();

    step.restart();
    io::FloatImage result;
    {
        c10::InferenceMode inference;
        const torch::Tensor input = toTensor(source).to(*device);
        const torch::Tensor restored = loaded.model->restore(input, options.seed);
        result = fromTensor(restored, source);
    }
    err << "Deblurred in " << QString::number(step.elapsed() / 1000.0, 'f', 2) << " s\n";

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
    const QCommandLineOption device("device", "auto (CUDA if available), cpu or cuda.", "device",
                                    "auto");
    const QCommandLineOption quality({"q", "quality"}, "JPEG/WebP quality, 1-100 (default 95).",
                                     "q", "95");
    const QCommandLineOption overwrite("overwrite", "Allow the output to replace the input.");
    parser.addOptions({help, output, model, seed, threads, device, quality, overwrite});
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
    options.seed = parser.value(seed).toULongLong(&ok);
    if (!ok) {
        return usageError("--seed must be a non-negative integer");
    }
    options.threads = parser.value(threads).toInt(&ok);
    if (!ok || options.threads < 0) {
        return usageError("--threads must be a non-negative integer (0: all cores)");
    }
    options.device = parser.value(device).toLower();
    if (options.device != "auto" && options.device != "cpu" && options.device != "cuda") {
        return usageError("--device must be auto, cpu or cuda");
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
