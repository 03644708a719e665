#pragma once

#include "model/ModelCard.h"
#include "train/ModelAverage.h"
#include "train/TrainOptions.h"
#include "train/data/SynthesisOptions.h"

#include <string>
#include <vector>

namespace unblur::train {

/** Everything on unblur-train's command line. */
struct TrainArguments
{
    std::string command = "train"; ///< train, pack, make-pairs, average, half, bench
    TrainOptions options;
    std::vector<std::string> photoFolders; ///< sharp photos for synthetic pairs
    std::vector<std::string> pairFolders;  ///< GoPro-layout blur/sharp folders
    std::vector<std::string> packedFiles;  ///< pre-cut patch files
    SyntheticPairOptions synthesis;        ///< how --photos pairs are blurred
    std::string initFrom;                  ///< model folder to start from (weights only)
    bool grow = false; ///< --init may be shallower: new blocks start as identities
    bool resume = false;
    // model card: empty fields come from --card, else from the --init model's card
    std::string name;
    std::string version;
    std::string description;
    std::string license;
    std::string runId;    ///< this run's lineage id; default: --out's folder name
    std::string cardFile; ///< a model card whose description, evaluation, data fill gaps
    int logEvery = 0;     ///< progress lines when not on a terminal; 0: automatic
    /**
     * --precision as given: auto, fp32, bf16, or empty when not given (training: fp32; bench:
     * both). resolvePrecision sets options.precision from it.
     */
    std::string precision;
    // pack / make-pairs
    std::string output;
    int count = 0;
    int size = 128;
    bool validationSplit = false;
    // average, half
    std::vector<WeightedModel> averageInputs;
    // bench
    std::vector<PatchPhase> benchPatches{{128, 4, 0}}; ///< each one timed on its own
    int benchStage = 2;
    int benchSteps = 10;
    std::vector<std::string> arguments; ///< argv after the command word, as given
};

/** A data folder or file of the command line, and the name lineage commands give it. */
struct DataRoot
{
    std::string option; ///< --photos, --pairs or --packed
    std::string path;
    std::string name; ///< its last path component, made unique ("photos-2")
};

/** Parses argv; throws std::invalid_argument with a message naming the option. */
TrainArguments parseTrainArguments(int argc, char** argv);

/** "shake=0.7,linear=0.2,...": kinds not named get 0; throws naming --kernels. */
KernelMix parseKernelMix(const std::string& text);

/** The --photos, --pairs and --packed folders and files, in order, named. */
std::vector<DataRoot> dataRoots(const TrainArguments& arguments);

/**
 * "train" and the options that shape the result: data as `<name>`, --init as `<parentRun>`;
 * without the architecture (in the card's config; --blocks and --refinement stay with
 * --grow), --out, threads, device, cadence, validation and card options.
 */
std::string lineageCommand(const TrainArguments& arguments, const std::vector<DataRoot>& roots,
                           const std::string& parentRun);

/**
 * The model card a training run writes: the --init model's lineage and data plus this run's
 * entry (steps and seconds left for the trainer), with the name, version, description and
 * licence of the command line, else --card's, else the --init model's (not its version).
 * Throws ModelError or std::invalid_argument naming the file.
 */
model::ModelCard trainCard(const TrainArguments& arguments, const std::string& hardware);

/**
 * Sets options.precision from --precision: fp32 when not given; auto is bf16 on a CPU with
 * bf16 instructions (`cpuHasBFloat16`), float32 otherwise and on other devices. Returns a one-line
 * notice for the user when auto falls back to float32 on a CPU or bf16 is asked of a CPU without
 * bf16 instructions (it is emulated there, and slower); empty otherwise.
 */
std::string resolvePrecision(TrainArguments& arguments, bool cpuHasBFloat16);

/** The --help text. */
std::string trainUsage();

} // namespace unblur::train
