#include "BenchCommand.h"

#include "model/CpuRuntime.h"
#include "model/FastPath.h"
#include "model/HiDiffModel.h"

#include <QCommandLineParser>
#include <QFile>
#include <QTextStream>
#include <algorithm>
#include <c10/core/InferenceMode.h>
#include <chrono>
#include <cstdio>
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

HiDiffConfig benchConfig(const QString& name)
{
    HiDiffConfig config; // the published GoPro configuration
    if (name == QLatin1String("tiny")) {
        config.g.dim = 8;
        config.g.numBlocks = {1, 1, 1, 1};
        config.g.numRefinementBlocks = 1;
        config.g.embedDim = config.le.embedDim = 8;
        config.le.blockNum = 1;
        config.d.inChannel = config.d.outChannel = 32;
        config.d.innerChannel = 16;
        config.d.blockNum = 3;
    }
    return config;
}

} // namespace

int runBenchCommand(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Times whole-image HI-Diff inference on the CPU with random weights and prints a table:\n"
        "median seconds, megapixels per second, peak RSS, and the three parts of the model."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("bench"), QStringLiteral("The bench command."));
    const QCommandLineOption sizes(QStringLiteral("sizes"),
                                   QStringLiteral("Square image sizes (default 256,512)."),
                                   QStringLiteral("list"), QStringLiteral("256,512"));
    const QCommandLineOption runs(QStringLiteral("runs"),
                                  QStringLiteral("Timed runs per size (default 5)."),
                                  QStringLiteral("n"), QStringLiteral("5"));
    const QCommandLineOption threads(QStringLiteral("threads"),
                                     QStringLiteral("CPU threads (default: all cores)."),
                                     QStringLiteral("n"), QStringLiteral("0"));
    const QCommandLineOption config(QStringLiteral("config"),
                                    QStringLiteral("gopro (published, default) or tiny."),
                                    QStringLiteral("name"), QStringLiteral("gopro"));
    const QCommandLineOption reference(
        QStringLiteral("reference"),
        QStringLiteral("Also time the plain reference formulation (the baseline) in this run."));
    parser.addOptions({sizes, runs, threads, config, reference});
    parser.process(arguments);

    const int threadCount = unblur::model::configureCpuThreads(parser.value(threads).toInt());
    const int runCount = std::max(1, parser.value(runs).toInt());
    torch::manual_seed(0);
    HiDiffModel model(benchConfig(parser.value(config)));

    QTextStream out(stdout);
    out << "config " << parser.value(config) << ", " << threadCount << " threads, median of "
        << runCount << " runs, CPU float32, OpenBLAS core "
        << (*unblur::model::blasCoreName() ? unblur::model::blasCoreName() : "none") << "\n";
    out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8\n")
               .arg(QStringLiteral("size"), -9)
               .arg(QStringLiteral("path"), -10)
               .arg(QStringLiteral("seconds"), 8)
               .arg(QStringLiteral("MP/s"), 7)
               .arg(QStringLiteral("peakMiB"), 8)
               .arg(QStringLiteral("encoder"), 8)
               .arg(QStringLiteral("8 steps"), 8)
               .arg(QStringLiteral("net_g"), 8);
    out.flush();

    std::vector<bool> paths{true};
    if (parser.isSet(reference)) {
        paths.push_back(false);
    }
    c10::InferenceMode inference;
    for (const QString& sizeText : parser.value(sizes).split(',', Qt::SkipEmptyParts)) {
        const int64_t size = sizeText.toInt();
        const torch::Tensor image = torch::rand({1, 3, size, size});
        for (bool fast : paths) {
            setFastPathEnabled(fast);
            timeOnce(model, image); // warm-up: allocator, oneDNN primitives
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
            out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8\n")
                       .arg(QStringLiteral("%1x%1").arg(size), -9)
                       .arg(fast ? QStringLiteral("fast") : QStringLiteral("reference"), -10)
                       .arg(seconds, 8, 'f', 3)
                       .arg(double(size * size) / 1e6 / seconds, 7, 'f', 4)
                       .arg(peakRssMiB(), 8, 'f', 0)
                       .arg(median(encoder), 8, 'f', 3)
                       .arg(median(sampler), 8, 'f', 3)
                       .arg(median(transformer), 8, 'f', 3);
            out.flush();
        }
    }
    setFastPathEnabled(true);
    return 0;
}
