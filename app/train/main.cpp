// unblur-train: trains HI-Diff models with the published two-stage recipe.
#include "CpuInfo.h"
#include "TrainArguments.h"
#include "TrainBench.h"
#include "TrainDataSources.h"
#include "model/CpuRuntime.h"
#include "model/ModelError.h"
#include "train/PackedPatchFile.h"
#include "train/Trainer.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <torch/torch.h>
#include <unistd.h>

using namespace unblur::train;

namespace {

std::atomic<bool> g_stop{false};

extern "C" void onInterrupt(int)
{
    g_stop = true;
}

std::string duration(double seconds)
{
    const long s = long(seconds + 0.5);
    char text[32];
    if (s >= 3600) {
        std::snprintf(text, sizeof text, "%ldh%02ldm", s / 3600, s / 60 % 60);
    } else {
        std::snprintf(text, sizeof text, "%ldm%02lds", s / 60, s % 60);
    }
    return text;
}

/** "Intel Xeon, 2 threads" or the device: the lineage's hardware. */
std::string hardware(const std::string& device, int threads)
{
    return device != "cpu" ? device : cpuModelName() + ", " + std::to_string(threads) + " threads";
}

void printProgress(const TrainProgress& p, bool terminal, int logEvery)
{
    char line[256];
    std::snprintf(line, sizeof line,
                  "step %lld/%lld  stage %d  %dx%d  loss %.4f (avg %.4f)  lr %.2e  %.2f step/s"
                  " (data wait %.0f%%)  val %.2f dB  ETA %s",
                  (long long)p.step, (long long)p.total, p.stage, p.patchSize, p.batchSize, p.loss,
                  p.smoothedLoss, p.learningRate, p.stepsPerSecond, 100 * p.dataWaitShare,
                  p.validationPsnr, duration(p.etaSeconds).c_str());
    if (terminal) {
        std::fprintf(stderr, "\r%s\033[K", line);
    } else if (p.step % logEvery == 0 || p.step == p.total) {
        std::fprintf(stderr, "%s\n", line);
    }
}

int train(TrainArguments& a)
{
    const int threads = unblur::model::configureCpuThreads(a.options.threads);
    TrainDataSources data = openTrainDataSources(a, a.options.seed);
    for (const std::string& note : data.notes) {
        std::fprintf(stderr, "unblur-train: %s\n", note.c_str());
    }
    if (const std::string notice = resolvePrecision(a, cpuHasBFloat16Instructions());
        !notice.empty()) {
        std::fprintf(stderr, "unblur-train: %s\n", notice.c_str());
    }
    const unblur::model::ModelCard card = trainCard(a, hardware(a.options.device, threads));
    unblur::model::modelCardText(card); // fails now, not at the first checkpoint, without JSON
    Trainer trainer(a.options, *data.training, data.validation.get());
    trainer.setModelCard(card);
    if (a.resume && trainer.resume()) {
        std::fprintf(stderr, "unblur-train: resuming %s at step %lld\n",
                     trainer.statePath().c_str(), (long long)trainer.step());
    } else if (a.resume) {
        std::fprintf(stderr, "unblur-train: %s not found; starting afresh\n",
                     trainer.statePath().c_str());
    }
    if (!a.initFrom.empty() && trainer.step() == 0) {
        const std::vector<std::string> grown = trainer.initialiseFrom(a.initFrom, a.grow);
        std::fprintf(stderr, "unblur-train: starting from the weights in %s\n", a.initFrom.c_str());
        if (a.grow) {
            std::string names;
            for (const std::string& block : grown) {
                names += (names.empty() ? "" : ", ") + block.substr(0, block.size() - 1);
            }
            std::fprintf(stderr, "unblur-train: %zu new block(s), starting as identities%s%s\n",
                         grown.size(), grown.empty() ? "" : ": ", names.c_str());
        }
    }
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    const bool terminal = isatty(STDERR_FILENO);
    const int logEvery = a.logEvery > 0 ? a.logEvery : 25;
    trainer.run([&](const TrainProgress& p) { printProgress(p, terminal, logEvery); }, &g_stop);
    if (terminal) {
        std::fprintf(stderr, "\n");
    }
    std::printf("%s at step %lld of %lld: %s\n", g_stop ? "stopped" : "finished",
                (long long)trainer.step(), (long long)trainer.options().totalSteps(),
                a.options.outputDir.c_str());
    return g_stop ? 130 : 0;
}

} // namespace

int main(int argc, char** argv)
{
    unblur::model::ensureFastBlasKernels(argv);
    for (int i = 1; i < argc; ++i) {
        if (std::string(argv[i]) == "--help" || std::string(argv[i]) == "-h") {
            std::cout << trainUsage();
            return 0;
        }
    }
    TrainArguments arguments;
    try {
        arguments = parseTrainArguments(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "unblur-train: " << e.what() << "\n\n" << trainUsage();
        return 2;
    }
    try {
        if (arguments.command == "bench") {
            return runTrainBench(arguments);
        }
        if (arguments.command == "average") {
            averageModelFolders(arguments.averageInputs, arguments.output, arguments.runId,
                                arguments.version);
            std::cout << "unblur-train: wrote the average of " << arguments.averageInputs.size()
                      << " models to " << arguments.output << "\n";
            return 0;
        }
        if (arguments.command == "half") {
            writeHalfPrecisionCopy(arguments.averageInputs.front().folder, arguments.output);
            std::cout << "unblur-train: wrote " << arguments.output << ", a float16 copy of "
                      << arguments.averageInputs.front().folder << "\n";
            return 0;
        }
        if (arguments.command == "pack" || arguments.command == "make-pairs") {
            return runDataCommand(arguments);
        }
        return train(arguments);
    } catch (const c10::Error& e) {
        std::cerr << "unblur-train: " << e.what_without_backtrace() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "unblur-train: " << e.what() << "\n";
        return 1;
    }
}
