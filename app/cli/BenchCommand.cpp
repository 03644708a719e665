#include "BenchCommand.h"

#include "CommandLine.h"
#include "engine/Engine.h"
#include "model/CpuRuntime.h"
#include "model/FastPath.h"
#include "model/HiDiffModel.h"
#include "model/ModelFolder.h"

#include <QCommandLineParser>
#include <QFile>
#include <QTextStream>
#include <algorithm>
#include <c10/core/InferenceMode.h>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <optional>
#include <torch/torch.h>

using namespace unblur::model;

namespace {

double seconds(const std::chrono::steady_clock::time_point& start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

/** Peak resident memory since the last reset, from /proc (Linux). */
double peakRssMiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return 0.0;
    }
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:")) {
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
        }
    }
    return 0.0;
}

void resetPeakRss()
{
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    if (clear.open(QIODevice::WriteOnly)) {
        clear.write("5");
    }
}

struct Timing
{
    double total = 0, encoder = 0, sampler = 0, transformer = 0, peakMiB = 0;
};

Timing timeOnce(HiDiffModel& model, const torch::Tensor& image)
{
    Timing t;
    const auto start = std::chrono::steady_clock::now();
    const torch::Tensor padded = padToMultiple(image, 8);
    auto mark = std::chrono::steady_clock::now();
    const torch::Tensor condition = model.encodeCondition(padded);
    t.encoder = seconds(mark);
    mark = std::chrono::steady_clock::now();
    const torch::Tensor prior =
        model.samplePrior(condition, HiDiffModel::initialNoise(condition.sizes(), 0));
    t.sampler = seconds(mark);
    mark = std::chrono::steady_clock::now();
    const torch::Tensor out = model.transform(padded, prior);
    t.transformer = seconds(mark);
    t.total = seconds(start);
    return t;
}

/** "gopro" (published), "mid" or "tiny"; false for any other name. */
bool benchConfig(const QString& name, HiDiffConfig& config)
{
    config = HiDiffConfig(); // the published GoPro configuration
    if (name == QLatin1String("mid")) {
        config.g.dim = 24;
        config.g.numBlocks = {2, 2, 2, 2};
        config.g.numRefinementBlocks = 2;
        config.g.embedDim = config.le.embedDim = 32;
        config.le.blockNum = 3;
        config.d.inChannel = config.d.outChannel = 4 * 32;
        config.d.innerChannel = 256;
        config.d.blockNum = 3;
    } else if (name == QLatin1String("tiny")) {
        config.g.dim = 8;
        config.g.numBlocks = {1, 1, 1, 1};
        config.g.numRefinementBlocks = 1;
        config.g.embedDim = config.le.embedDim = 8;
        config.le.blockNum = 1;
        config.d.inChannel = config.d.outChannel = 32;
        config.d.innerChannel = 16;
        config.d.blockNum = 3;
    } else if (name != QLatin1String("gopro")) {
        return false;
    }
    return true;
}

QString blasCore()
{
    return QString::fromLatin1(*blasCoreName() ? blasCoreName() : "none");
}

/** "fp32" and "bf16", as --precision lists them. */
QString precisionText(bool bf16)
{
    return bf16 ? QStringLiteral("bf16") : QStringLiteral("fp32");
}

QString cpuBFloat16Text()
{
    return cpuHasNativeBFloat16() ? QStringLiteral("bf16 native (avx512_bf16/amx_bf16)")
                                  : QStringLiteral("no bf16 instructions: bf16 emulated");
}

/** Whole-image inference, timed in its three parts (the default mode). */
int benchWholeImage(HiDiffModel& model, const QString& configName, const QStringList& sizes,
                    int runCount, int threadCount, bool withReference,
                    const std::vector<bool>& precisions)
{
    QTextStream out(stdout);
    out << "config " << configName << ", " << threadCount << " threads, median of " << runCount
        << " runs, CPU (" << cpuBFloat16Text() << "), OpenBLAS core " << blasCore() << "\n";
    out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9\n")
               .arg(QStringLiteral("size"), -9)
               .arg(QStringLiteral("path"), -10)
               .arg(QStringLiteral("prec"), -5)
               .arg(QStringLiteral("seconds"), 8)
               .arg(QStringLiteral("MP/s"), 7)
               .arg(QStringLiteral("peakMiB"), 8)
               .arg(QStringLiteral("encoder"), 8)
               .arg(QStringLiteral("8 steps"), 8)
               .arg(QStringLiteral("net_g"), 8);
    out.flush();

    std::vector<bool> paths{true};
    if (withReference) {
        paths.push_back(false);
    }
    c10::InferenceMode inference;
    for (const QString& sizeText : sizes) {
        const int64_t size = sizeText.toInt();
        const torch::Tensor image = torch::rand({1, 3, size, size});
        for (bool fast : paths) {
            for (bool bf16 : precisions) {
                if (bf16 && !fast) {
                    continue; // bf16 on the CPU is a fast-path feature
                }
                setFastPathEnabled(fast);
                std::optional<ScopedBFloat16Path> bf16Path;
                if (bf16) {
                    bf16Path.emplace(model.bfloat16Weights());
                }
                timeOnce(model, image); // warm-up: allocator, oneDNN primitives, bf16 weights
                resetPeakRss();
                std::vector<double> total, encoder, sampler, transformer;
                for (int i = 0; i < runCount; ++i) {
                    const Timing t = timeOnce(model, image);
                    total.push_back(t.total);
                    encoder.push_back(t.encoder);
                    sampler.push_back(t.sampler);
                    transformer.push_back(t.transformer);
                }
                const double seconds = median(total);
                out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9\n")
                           .arg(QStringLiteral("%1x%1").arg(size), -9)
                           .arg(fast ? QStringLiteral("fast") : QStringLiteral("reference"), -10)
                           .arg(precisionText(bf16), -5)
                           .arg(seconds, 8, 'f', 3)
                           .arg(double(size * size) / 1e6 / seconds, 7, 'f', 4)
                           .arg(peakRssMiB(), 8, 'f', 0)
                           .arg(median(encoder), 8, 'f', 3)
                           .arg(median(sampler), 8, 'f', 3)
                           .arg(median(transformer), 8, 'f', 3);
                out.flush();
            }
        }
    }
    setFastPathEnabled(true);
    return 0;
}

/** A 3:2 landscape frame of about `megapixels` million pixels (6: 3000x2000). */
void frameSize(double megapixels, int64_t& width, int64_t& height)
{
    width = std::max<int64_t>(1, std::llround(std::sqrt(megapixels * 1e6 * 1.5)));
    height = std::max<int64_t>(1, std::llround(double(width) * 2.0 / 3.0));
}

/**
 * The whole-image buffers of a tiled run, in MiB: the float32 input (3 planes) and the blend
 * accumulators, colour (3 planes, divided in place into the output) and weight (1 plane).
 */
double imageBuffersMiB(int64_t width, int64_t height)
{
    constexpr int kPlanes = 3 + 3 + 1;
    return double(width) * double(height) * kPlanes * sizeof(float) / (1024.0 * 1024.0);
}

/** Large synthetic photos through the tiled engine with the automatic tile size. */
int benchTiled(const QStringList& configNames, const std::vector<double>& megapixels, int runCount,
               int threadCount, const std::vector<bool>& precisions)
{
    using namespace unblur::engine;
    QTextStream out(stdout);
    out << "tiled engine, auto tile, overlap 32, " << threadCount << " threads, median of "
        << runCount << " run(s), CPU (" << cpuBFloat16Text() << "), OpenBLAS core " << blasCore()
        << "\n";
    out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10 %11\n")
               .arg(QStringLiteral("config"), -7)
               .arg(QStringLiteral("prec"), -5)
               .arg(QStringLiteral("MP"), 5)
               .arg(QStringLiteral("size"), -10)
               .arg(QStringLiteral("seconds"), 8)
               .arg(QStringLiteral("MP/s"), 7)
               .arg(QStringLiteral("tile"), 5)
               .arg(QStringLiteral("tiles"), 5)
               .arg(QStringLiteral("peakMiB"), 8)
               .arg(QStringLiteral("imageMiB"), 8)
               .arg(QStringLiteral("peak-img"), 8);
    out.flush();

    c10::InferenceMode inference;
    for (const QString& name : configNames) {
        HiDiffConfig config;
        benchConfig(name, config);
        torch::manual_seed(0);
        Engine engine(std::make_unique<HiDiffModel>(config));
        EngineOptions options;
        options.device = "cpu";
        engine.automaticTileSize(options); // measures the model once, outside the timings

        for (double mp : megapixels) {
            for (bool bf16 : precisions) {
                options.precision = bf16 ? Precision::BFloat16 : Precision::Float32;
                int64_t width = 0, height = 0;
                frameSize(mp, width, height);
                torch::manual_seed(1);
                const torch::Tensor image = torch::rand({1, 3, height, width});
                resetPeakRss();
                std::vector<double> times;
                EngineResult result;
                for (int i = 0; i < runCount; ++i) {
                    result = EngineResult(); // free the previous output first
                    const auto start = std::chrono::steady_clock::now();
                    result = engine.process(image, options);
                    times.push_back(seconds(start));
                }
                const double peak = peakRssMiB();
                const double buffers = imageBuffersMiB(width, height);
                const double time = median(times);
                out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10 %11\n")
                           .arg(name, -7)
                           .arg(precisionText(bf16), -5)
                           .arg(double(width * height) / 1e6, 5, 'f', 1)
                           .arg(QStringLiteral("%1x%2").arg(width).arg(height), -10)
                           .arg(time, 8, 'f', 2)
                           .arg(double(width * height) / 1e6 / time, 7, 'f', 4)
                           .arg(result.tileSize, 5)
                           .arg(result.tiles, 5)
                           .arg(peak, 8, 'f', 0)
                           .arg(buffers, 8, 'f', 0)
                           .arg(peak - buffers, 8, 'f', 0);
                out.flush();
            }
        }
    }
    return 0;
}

} // namespace

int runBenchCommand(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Times HI-Diff inference on the CPU with random weights and prints a table.\n"
        "Default: whole images, median seconds, megapixels per second, peak RSS, and the three "
        "parts of the model.\n"
        "--tiled: large synthetic photos through the tiled engine with the automatic tile size; "
        "peak RSS is also shown less the image buffers (input, blend accumulators)."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Displays this help."));
    parser.addPositionalArgument(QStringLiteral("bench"), QStringLiteral("The bench command."));
    const QCommandLineOption sizes(QStringLiteral("sizes"),
                                   QStringLiteral("Square image sizes (default 256,512)."),
                                   QStringLiteral("list"), QStringLiteral("256,512"));
    const QCommandLineOption runs(
        QStringLiteral("runs"), QStringLiteral("Timed runs per size (default 5; 1 with --tiled)."),
        QStringLiteral("n"), QStringLiteral("5"));
    const QCommandLineOption threads(QStringLiteral("threads"),
                                     QStringLiteral("CPU threads (default: all cores)."),
                                     QStringLiteral("n"), QStringLiteral("0"));
    const QCommandLineOption config(
        QStringLiteral("config"),
        QStringLiteral("gopro (published), mid or tiny; with --tiled a comma-separated list. "
                       "Default: gopro, or tiny,mid with --tiled."),
        QStringLiteral("name"));
    const QCommandLineOption reference(
        QStringLiteral("reference"),
        QStringLiteral("Also time the plain reference formulation (the baseline) in this run."));
    const QCommandLineOption tiled(
        QStringLiteral("tiled"),
        QStringLiteral("Time the tiled engine on large synthetic 3:2 photos instead."));
    const QCommandLineOption megapixels(
        QStringLiteral("megapixels"),
        QStringLiteral("With --tiled: photo sizes in megapixels (default 6,24: 3000x2000 and "
                       "6000x4000)."),
        QStringLiteral("list"), QStringLiteral("6,24"));
    const QCommandLineOption precision(
        QStringLiteral("precision"),
        QStringLiteral("fp32, bf16 or both as a list, e.g. fp32,bf16: timed in the same run "
                       "(default fp32). bf16 runs the fast path in bfloat16; on a CPU without "
                       "bf16 instructions it is emulated and slow."),
        QStringLiteral("list"), QStringLiteral("fp32"));
    const QCommandLineOption model(
        QStringLiteral("model"),
        QStringLiteral("Whole images only: time this model folder (e.g. the bundled model) "
                       "instead of a --config with random weights."),
        QStringLiteral("dir"));
    parser.addOptions(
        {help, sizes, runs, threads, config, reference, tiled, megapixels, precision, model});
    parser.process(arguments);
    if (parser.isSet(help)) {
        return printCommandHelp(parser, "bench [options]");
    }

    QTextStream err(stderr);
    const bool isTiled = parser.isSet(tiled);
    const QString defaultConfig = isTiled ? QStringLiteral("tiny,mid") : QStringLiteral("gopro");
    const QStringList configNames = (parser.isSet(config) ? parser.value(config) : defaultConfig)
                                        .split(',', Qt::SkipEmptyParts);
    HiDiffConfig first;
    for (const QString& name : configNames) {
        if (!benchConfig(name, first)) {
            err << "unblur-cli bench: unknown --config '" << name << "' (gopro, mid or tiny)\n";
            return 2;
        }
    }
    if (configNames.isEmpty() || (!isTiled && configNames.size() != 1)) {
        err << "unblur-cli bench: --config takes one name (a list only with --tiled)\n";
        return 2;
    }
    benchConfig(configNames.first(), first);

    std::vector<bool> precisions;
    for (const QString& text : parser.value(precision).split(',', Qt::SkipEmptyParts)) {
        if (text != QLatin1String("fp32") && text != QLatin1String("bf16")) {
            err << "unblur-cli bench: --precision takes fp32, bf16 or both, not '" << text << "'\n";
            return 2;
        }
        precisions.push_back(text == QLatin1String("bf16"));
    }
    if (precisions.empty()) {
        precisions.push_back(false);
    }
    if (parser.isSet(model) && isTiled) {
        err << "unblur-cli bench: --model times whole images; leave out --tiled\n";
        return 2;
    }

    const int threadCount = unblur::model::configureCpuThreads(parser.value(threads).toInt());
    const int defaultRuns = isTiled ? 1 : 5;
    const int runCount = std::max(1, parser.isSet(runs) ? parser.value(runs).toInt() : defaultRuns);
    if (!isTiled) {
        std::unique_ptr<HiDiffModel> timed;
        QString name = configNames.first();
        if (parser.isSet(model)) {
            try {
                timed = loadModelFolder(parser.value(model).toStdString()).model;
            } catch (const std::exception& e) {
                err << "unblur-cli bench: " << parser.value(model) << ": " << e.what() << "\n";
                return 1;
            }
            name = parser.value(model);
        } else {
            torch::manual_seed(0);
            timed = std::make_unique<HiDiffModel>(first);
        }
        return benchWholeImage(*timed, name, parser.value(sizes).split(',', Qt::SkipEmptyParts),
                               runCount, threadCount, parser.isSet(reference), precisions);
    }
    std::vector<double> frames;
    for (const QString& text : parser.value(megapixels).split(',', Qt::SkipEmptyParts)) {
        bool ok = false;
        const double mp = text.toDouble(&ok);
        if (!ok || mp <= 0 || mp > 400) {
            err << "unblur-cli bench: --megapixels takes numbers between 0 and 400, not '" << text
                << "'\n";
            return 2;
        }
        frames.push_back(mp);
    }
    return benchTiled(configNames, frames, runCount, threadCount, precisions);
}
