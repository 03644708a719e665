#include "TrainArguments.h"

#include "model/ModelError.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <torch/types.h>

namespace unblur::train {

namespace {

std::vector<int> intList(const std::string& option, const std::string& text)
{
    std::vector<int> values;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        try {
            values.push_back(std::stoi(item));
        } catch (const std::exception&) {
            throw std::invalid_argument(option + ": '" + text + "' is not a list of integers");
        }
    }
    return values;
}

template <typename T> T number(const std::string& option, const std::string& text)
{
    std::stringstream in(text);
    T value{};
    if (!(in >> value) || !in.eof()) {
        throw std::invalid_argument(option + ": '" + text + "' is not a number");
    }
    return value;
}

double probability(const std::string& option, const std::string& text)
{
    const double p = number<double>(option, text);
    if (!(p >= 0.0 && p <= 1.0)) {
        throw std::invalid_argument(option + ": '" + text + "' is not a probability (0..1)");
    }
    return p;
}

/** "MIN,MAX" for `option`, checked by `valid(MIN, MAX)`, which `rule` states for the user. */
std::pair<double, double> parseRange(const std::string& option, const std::string& text,
                                     const std::function<bool(double, double)>& valid,
                                     const std::string& rule)
{
    const size_t comma = text.find(',');
    if (comma == std::string::npos) {
        throw std::invalid_argument(option + ": '" + text + "' is not MIN,MAX");
    }
    const double lo = number<double>(option, text.substr(0, comma));
    const double hi = number<double>(option, text.substr(comma + 1));
    if (!valid(lo, hi)) {
        throw std::invalid_argument(option + ": '" + text + "' needs " + rule);
    }
    return {lo, hi};
}

/** "64x8,128x4": patch sizes and batches to time one by one (bench). */
std::vector<PatchPhase> parsePatchList(const std::string& text)
{
    std::vector<PatchPhase> list;
    std::stringstream items(text);
    std::string item;
    while (std::getline(items, item, ',')) {
        list.push_back(parsePatchSchedule(item).front());
    }
    if (list.empty()) {
        throw std::invalid_argument("--patches: give SIZExBATCH[,SIZExBATCH...]");
    }
    return list;
}

} // namespace

KernelMix parseKernelMix(const std::string& text)
{
    KernelMix mix{0.0, 0.0, 0.0, 0.0, 0.0};
    const std::map<std::string, double*> kinds = {{"shake", &mix.shake},
                                                  {"linear", &mix.linear},
                                                  {"defocus", &mix.defocus},
                                                  {"gaussian", &mix.gaussian},
                                                  {"sway", &mix.sway}};
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        const size_t eq = item.find('=');
        const auto kind = kinds.find(item.substr(0, eq));
        if (eq == std::string::npos || kind == kinds.end()) {
            throw std::invalid_argument("--kernels: '" + item +
                                        "' is not KIND=WEIGHT with KIND one of shake, linear, "
                                        "defocus, gaussian, sway");
        }
        const double weight = number<double>("--kernels", item.substr(eq + 1));
        if (!(weight >= 0.0)) {
            throw std::invalid_argument("--kernels: weight of " + kind->first + " is negative");
        }
        *kind->second = weight;
    }
    if (!(mix.shake + mix.linear + mix.defocus + mix.gaussian + mix.sway > 0.0)) {
        throw std::invalid_argument("--kernels: '" + text + "' gives every kind weight 0");
    }
    return mix;
}

std::string trainUsage()
{
    return R"(Usage: unblur-train [command] --out DIR [options]    (bench: no --out, no data)

Commands:
  train (default)  Train a HI-Diff model with the published two-stage recipe
  pack             Write pre-cut training patches to a file (--out FILE --count N --size S)
  make-pairs       Write synthetic pairs as input/ and target/ PNGs (--out DIR --count N)
  average          Write the weighted mean of model folders of one shape, a "model soup"
                   (--out DIR --model DIR[=WEIGHT] --model DIR[=WEIGHT]...)
  half             Copy a model folder with its weights stored as float16, half the size on
                   disk (--out DIR --model DIR)
  bench            Time training steps on random data, for the model size and device given
                   (--patches 64x8,128x4 --stage 1|2 --steps N), in fp32 and bf16 (or the
                   --precision given); on the CPU against the planar layout as the baseline;
                   needs no data and no --out

Data (any mix; at least one):
  --photos DIR       folder of sharp photos: blurry pairs are synthesised on the fly
  --pairs DIR        paired folders in the GoPro layout (blur/ + sharp/, or input/ + target/)
  --packed FILE      patches written by 'unblur-train pack'
  --validation       (pack, make-pairs) cut from the held-out validation photos

Synthetic blur (--photos; relative weights and probabilities per pair):
  --kernels shake=0.55,linear=0.2,defocus=0.15,gaussian=0.1   blur kinds (unnamed: 0);
                     sway: shake as an oscillating hand, dwelling where it turns (default 0)
  --grey P           share of grey pairs (default 0.1)
  --noise-free P     share of pairs without added noise (default 0.2)
  --noise-max SHOT,READ   upper ends of the log-uniform Poisson-Gaussian noise ranges
                     (default 0.004,0.02: variance = SHOT x value + READ^2)
  --jpeg P           share of pairs re-compressed as JPEG (default 0.4)
  --linear-light P   share blurred in linear light; the rest on sRGB values (default 0.7)
  --scale MIN,MAX    random rescale of the photo before cropping (default 0.5,1); smaller
                     scales give crops denser in detail
  --shake-extent MIN,MAX   longer side of shake and sway paths in pixels (default 4,30;
                     at most 31)

Model size (published GoPro values by default):
  --dim N --blocks A,B,C,D --refinement N --heads A,B,C,D --ffn F --bias
  --norm WithBias|BiasFree --embed-dim N --le-blocks N --d-inner N --d-blocks N

Schedule:
  --stage1-steps N --stage2-steps N    steps of each stage (default 1000 each)
  --patches 64x8:2000,96x6:4000,128x4  patch size x batch until a step (progressive)
  --lr X --min-lr X --warmup N --weight-decay X --clip X (0: off)
  --ema DECAY            validate and export an average of the weights (e.g. 0.999)
  --frequency-loss W     add W x L1 on the images' spectra to the pixel L1 (default 0)

Run:
  --out DIR              model folder written at each checkpoint (+ training_state.pt)
  --resume               continue exactly from DIR/training_state.pt
  --init MODEL_DIR       start from a model folder's weights
  --grow                 with --init: the model may have more transformer blocks (--blocks,
                         --refinement) than MODEL_DIR's; the new ones start as identities
  --seed N --threads N --loader-threads N --device cpu|cuda
  --precision fp32|bf16|auto   bf16: mixed precision, bfloat16 compute with float32
                         weights and optimiser (default fp32); auto: bf16 on a CPU with bf16
                         instructions (avx512_bf16, amx_bf16), else fp32
  --validate-every N --checkpoint-every N --val-count N --val-size N --log-every N

Model card (model.json; the lineage records this run's result-shaping options, with data
folders as <name> and no absolute paths):
  --name TEXT --version TEXT --description TEXT --license TEXT
                         default: --card's, else the --init model's (not its version)
  --run-id ID            this run's id in the lineage (default: the --out folder's name;
                         average too)
  --card FILE.json       a model card whose description, licence, evaluation and data
                         licences (by data folder name) fill what the options leave out
)";
}

TrainArguments parseTrainArguments(int argc, char** argv)
{
    TrainArguments a;
    TrainOptions& o = a.options;
    model::HiDiffConfig& c = o.config;
    using Handler = std::function<void(const std::string&)>;
    const std::map<std::string, Handler> withValue = {
        {"--photos", [&](const std::string& v) { a.photoFolders.push_back(v); }},
        {"--pairs", [&](const std::string& v) { a.pairFolders.push_back(v); }},
        {"--packed", [&](const std::string& v) { a.packedFiles.push_back(v); }},
        {"--kernels",
         [&](const std::string& v) { a.synthesis.degradation.kernels = parseKernelMix(v); }},
        {"--grey",
         [&](const std::string& v) { a.synthesis.greyProbability = probability("--grey", v); }},
        {"--noise-free",
         [&](const std::string& v) {
             a.synthesis.degradation.noiseFreeProbability = probability("--noise-free", v);
         }},
        {"--noise-max",
         [&](const std::string& v) {
             auto& d = a.synthesis.degradation;
             std::tie(d.shotNoiseMax, d.readNoiseMax) = parseRange(
                 "--noise-max", v,
                 [&](double shot, double read) {
                     return d.shotNoiseMin <= shot && shot <= 0.05 && d.readNoiseMin <= read &&
                            read <= 0.1;
                 },
                 "1e-05 <= SHOT <= 0.05, 1e-04 <= READ <= 0.1");
         }},
        {"--jpeg",
         [&](const std::string& v) {
             a.synthesis.degradation.jpegProbability = probability("--jpeg", v);
         }},
        {"--linear-light",
         [&](const std::string& v) {
             a.synthesis.degradation.linearLightProbability = probability("--linear-light", v);
         }},
        {"--scale",
         [&](const std::string& v) {
             std::tie(a.synthesis.scaleMin, a.synthesis.scaleMax) = parseRange(
                 "--scale", v, [](double lo, double hi) { return 0 < lo && lo <= hi && hi <= 1; },
                 "0 < MIN <= MAX <= 1");
         }},
        {"--shake-extent",
         [&](const std::string& v) {
             auto& mix = a.synthesis.degradation.kernels;
             std::tie(mix.shakeExtentMin, mix.shakeExtentMax) = parseRange(
                 "--shake-extent", v,
                 [](double lo, double hi) { return 1 <= lo && lo <= hi && hi <= 31; },
                 "1 <= MIN <= MAX <= 31");
         }},
        {"--out", [&](const std::string& v) { a.output = o.outputDir = v; }},
        {"--init", [&](const std::string& v) { a.initFrom = v; }},
        {"--dim", [&](const std::string& v) { c.g.dim = number<int>("--dim", v); }},
        {"--blocks", [&](const std::string& v) { c.g.numBlocks = intList("--blocks", v); }},
        {"--refinement",
         [&](const std::string& v) { c.g.numRefinementBlocks = number<int>("--refinement", v); }},
        {"--heads", [&](const std::string& v) { c.g.heads = intList("--heads", v); }},
        {"--ffn",
         [&](const std::string& v) { c.g.ffnExpansionFactor = number<double>("--ffn", v); }},
        {"--norm", [&](const std::string& v) { c.g.layerNormType = v; }},
        {"--embed-dim",
         [&](const std::string& v) {
             const int e = number<int>("--embed-dim", v);
             c.g.embedDim = c.le.embedDim = e;
             c.d.inChannel = c.d.outChannel = 4 * e;
         }},
        {"--le-blocks",
         [&](const std::string& v) { c.le.blockNum = number<int>("--le-blocks", v); }},
        {"--d-inner",
         [&](const std::string& v) { c.d.innerChannel = number<int>("--d-inner", v); }},
        {"--d-blocks", [&](const std::string& v) { c.d.blockNum = number<int>("--d-blocks", v); }},
        {"--stage1-steps",
         [&](const std::string& v) { o.stage1Steps = number<int64_t>("--stage1-steps", v); }},
        {"--stage2-steps",
         [&](const std::string& v) { o.stage2Steps = number<int64_t>("--stage2-steps", v); }},
        {"--patches",
         [&](const std::string& v) {
             if (a.command == "bench") {
                 a.benchPatches = parsePatchList(v);
             } else {
                 o.patches = parsePatchSchedule(v);
             }
         }},
        {"--stage", [&](const std::string& v) { a.benchStage = number<int>("--stage", v); }},
        {"--steps", [&](const std::string& v) { a.benchSteps = number<int>("--steps", v); }},
        {"--lr",
         [&](const std::string& v) { o.optimiser.learningRate = number<double>("--lr", v); }},
        {"--min-lr",
         [&](const std::string& v) {
             o.optimiser.minLearningRate = number<double>("--min-lr", v);
         }},
        {"--warmup",
         [&](const std::string& v) { o.optimiser.warmupSteps = number<int64_t>("--warmup", v); }},
        {"--weight-decay",
         [&](const std::string& v) {
             o.optimiser.weightDecay = number<double>("--weight-decay", v);
         }},
        {"--clip",
         [&](const std::string& v) { o.optimiser.gradClipNorm = number<double>("--clip", v); }},
        {"--seed", [&](const std::string& v) { o.seed = number<uint64_t>("--seed", v); }},
        {"--threads", [&](const std::string& v) { o.threads = number<int>("--threads", v); }},
        {"--loader-threads",
         [&](const std::string& v) { o.loaderThreads = number<int>("--loader-threads", v); }},
        {"--device", [&](const std::string& v) { o.device = v; }},
        {"--validate-every",
         [&](const std::string& v) { o.validateEvery = number<int64_t>("--validate-every", v); }},
        {"--checkpoint-every",
         [&](const std::string& v) {
             o.checkpointEvery = number<int64_t>("--checkpoint-every", v);
         }},
        {"--ema", [&](const std::string& v) { o.weightAverageDecay = number<double>("--ema", v); }},
        {"--frequency-loss",
         [&](const std::string& v) {
             o.frequencyLossWeight = number<double>("--frequency-loss", v);
         }},
        {"--val-count",
         [&](const std::string& v) { o.validationCount = number<int>("--val-count", v); }},
        {"--val-size",
         [&](const std::string& v) { o.validationSize = number<int>("--val-size", v); }},
        {"--log-every", [&](const std::string& v) { a.logEvery = number<int>("--log-every", v); }},
        {"--precision",
         [&](const std::string& v) {
             if (v != "auto" && v != "fp32" && v != "bf16") {
                 throw std::invalid_argument("--precision: auto, fp32 or bf16, not '" + v + "'");
             }
             a.precision = v;
         }},
        {"--name", [&](const std::string& v) { a.name = v; }},
        {"--description", [&](const std::string& v) { a.description = v; }},
        {"--license", [&](const std::string& v) { a.license = v; }},
        {"--version", [&](const std::string& v) { a.version = v; }},
        {"--run-id", [&](const std::string& v) { a.runId = v; }},
        {"--card", [&](const std::string& v) { a.cardFile = v; }},
        {"--count", [&](const std::string& v) { a.count = number<int>("--count", v); }},
        {"--model",
         [&](const std::string& v) { a.averageInputs.push_back(parseWeightedModel(v)); }},
        {"--size", [&](const std::string& v) { a.size = number<int>("--size", v); }},
    };
    int first = 1;
    if (argc > 1 && argv[1][0] != '-') {
        a.command = argv[1];
        if (a.command != "train" && a.command != "pack" && a.command != "make-pairs" &&
            a.command != "bench" && a.command != "average" && a.command != "half") {
            throw std::invalid_argument("unknown command '" + a.command + "'");
        }
        first = 2;
    }
    a.arguments.assign(argv + first, argv + argc);
    for (int i = first; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--resume") {
            a.resume = true;
        } else if (arg == "--grow") {
            a.grow = true;
        } else if (arg == "--bias") {
            c.g.bias = true;
        } else if (arg == "--validation") {
            a.validationSplit = true;
        } else if (const auto found = withValue.find(arg); found != withValue.end()) {
            if (i + 1 >= argc) {
                throw std::invalid_argument(arg + ": missing value");
            }
            found->second(argv[++i]);
        } else {
            throw std::invalid_argument("unknown option '" + arg + "'");
        }
    }
    if (a.command == "bench") {
        if (a.benchStage != 1 && a.benchStage != 2) {
            throw std::invalid_argument("--stage: 1 or 2, not " + std::to_string(a.benchStage));
        }
        if (a.benchSteps < 1) {
            throw std::invalid_argument("--steps: at least 1");
        }
        return a;
    }
    if (a.output.empty()) {
        throw std::invalid_argument("--out: an output folder or file is required");
    }
    if (a.grow && a.initFrom.empty()) {
        throw std::invalid_argument("--grow: needs --init MODEL_DIR, the model to grow");
    }
    if (a.command == "average") {
        if (a.averageInputs.size() < 2) {
            throw std::invalid_argument("average: give at least two --model DIR[=WEIGHT]");
        }
        return a;
    }
    if (a.command == "half") {
        if (a.averageInputs.size() != 1 || a.averageInputs.front().weight != 1.0) {
            throw std::invalid_argument("half: give one --model DIR, without a weight");
        }
        return a;
    }
    if (!a.averageInputs.empty()) {
        throw std::invalid_argument("--model: only for the average and half commands");
    }
    if (a.photoFolders.empty() && a.pairFolders.empty() && a.packedFiles.empty()) {
        throw std::invalid_argument("no training data: give --photos, --pairs or --packed");
    }
    return a;
}

std::vector<DataRoot> dataRoots(const TrainArguments& a)
{
    std::vector<DataRoot> roots;
    std::vector<std::string> names;
    const auto add = [&](const char* option, const std::vector<std::string>& paths) {
        for (const std::string& path : paths) {
            names.push_back(model::uniqueName(model::folderName(path), names));
            roots.push_back({option, path, names.back()});
        }
    };
    add("--photos", a.photoFolders);
    add("--pairs", a.pairFolders);
    add("--packed", a.packedFiles);
    return roots;
}

std::string lineageCommand(const TrainArguments& a, const std::vector<DataRoot>& roots,
                           const std::string& parentRun)
{
    static const std::set<std::string> flags = {"--resume", "--grow", "--bias", "--validation"};
    // Options that do not shape the result, or that the card's config already holds.
    static const std::string left =
        " --out --resume --dim --heads --ffn --norm --embed-dim --le-blocks --d-inner --d-blocks"
        " --bias --threads --loader-threads --device --validate-every --checkpoint-every"
        " --val-count --val-size --log-every --name --description --license --version --run-id"
        " --card --precision ";
    std::string command = a.command;
    std::map<std::string, size_t> seen; // occurrences of each data option so far
    for (size_t i = 0; i < a.arguments.size(); ++i) {
        const std::string& option = a.arguments[i];
        const bool flag = flags.count(option) > 0;
        const std::string value = flag || i + 1 >= a.arguments.size() ? "" : a.arguments[++i];
        const bool architecture = option == "--blocks" || option == "--refinement";
        if (left.find(" " + option + " ") != std::string::npos || (architecture && !a.grow)) {
            continue;
        }
        command += " " + option;
        if (option == "--init") {
            command += " <" + parentRun + ">";
        } else if (option == "--photos" || option == "--pairs" || option == "--packed") {
            size_t n = seen[option]++;
            for (const DataRoot& root : roots) {
                if (root.option == option && n-- == 0) {
                    command += " <" + root.name + ">";
                    break;
                }
            }
        } else if (!flag) {
            command += " " + model::withoutAbsolutePaths(value);
        }
    }
    // What auto chose, not what was asked; none is float32, as in cards from before the option.
    if (a.options.precision == TrainPrecision::BFloat16) {
        command += " --precision " + precisionName(a.options.precision);
    }
    return command;
}

std::string resolvePrecision(TrainArguments& a, bool cpuHasBFloat16)
{
    const bool cpu = torch::Device(a.options.device).is_cpu();
    if (a.precision != "bf16" && !(a.precision == "auto" && cpu && cpuHasBFloat16)) {
        a.options.precision = TrainPrecision::Float32;
        return a.precision == "auto" && cpu
                   ? "this CPU has no bf16 instructions (avx512_bf16, amx_bf16): training in fp32"
                   : "";
    }
    a.options.precision = TrainPrecision::BFloat16;
    return cpu && !cpuHasBFloat16 ? "--precision bf16: this CPU has no bf16 instructions "
                                    "(avx512_bf16, amx_bf16); bf16 is emulated and slower than "
                                    "fp32 here"
                                  : "";
}

model::ModelCard trainCard(const TrainArguments& a, const std::string& hardware)
{
    model::ModelCard given; // --card
    if (!a.cardFile.empty()) {
        std::string text;
        try {
            text = model::readTextFile(a.cardFile);
        } catch (const model::ModelError& error) {
            throw std::invalid_argument(std::string("--card: ") + error.what());
        }
        given = model::parseModelCard(text, a.cardFile);
    }
    model::ModelCard card;
    std::string parentRun;
    if (!a.initFrom.empty()) {
        card = model::readModelCard(a.initFrom);
        parentRun = card.lastRun();
        if (parentRun.empty()) {
            parentRun = model::folderName(a.initFrom);
            card.lineage.push_back(model::lineageStart(parentRun));
        }
    }
    const auto pick = [](const std::string& option, const std::string& fromCard,
                         const std::string& inherited) {
        return !option.empty() ? option : !fromCard.empty() ? fromCard : inherited;
    };
    card.name = pick(a.name, given.name, a.initFrom.empty() ? "Unblur model" : card.name);
    card.version = pick(a.version, given.version, "");
    card.description = pick(a.description, given.description, card.description);
    card.license = pick(a.license, given.license, card.license);
    card.evaluation = given.evaluation; // the --init model's figures are not this model's
    card.legacyProvenance.clear();
    const std::vector<DataRoot> roots = dataRoots(a);
    for (const DataRoot& root : roots) {
        card.data.push_back({root.name,
                             root.option == "--photos"  ? "sharp photos, blurred on the fly"
                             : root.option == "--pairs" ? "blurry and sharp pairs"
                                                        : "packed patches",
                             ""});
    }
    // --card's entries first; the --init model's, then this run's roots fill their blanks.
    std::vector<model::DataSource> data = given.data;
    for (const model::DataSource& source : card.data) {
        auto have = std::find_if(data.begin(), data.end(),
                                 [&](const auto& d) { return d.name == source.name; });
        if (have == data.end()) {
            data.push_back(source);
        } else {
            have->what = have->what.empty() ? source.what : have->what;
            have->licence = have->licence.empty() ? source.licence : have->licence;
        }
    }
    card.data = data;
    model::LineageEntry entry;
    entry.run =
        model::uniqueRunId(card.lineage, a.runId.empty() ? model::folderName(a.output) : a.runId);
    if (!parentRun.empty()) {
        entry.parents.push_back(parentRun);
    }
    entry.command = lineageCommand(a, roots, parentRun);
    entry.hardware = hardware;
    card.lineage.push_back(entry);
    return card;
}

} // namespace unblur::train
