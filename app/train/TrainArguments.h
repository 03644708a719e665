#pragma once

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
    std::string name = "Unblur model";
    std::string description;
    std::string license;
    std::string provenanceFile; ///< JSON object merged into model.json's provenance
    int logEvery = 0;           ///< progress lines when not on a terminal; 0: automatic
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
    std::string commandLine;
};

/** Parses argv; throws std::invalid_argument with a message naming the option. */
TrainArguments parseTrainArguments(int argc, char** argv);

/** "shake=0.7,linear=0.2,...": kinds not named get 0; throws naming --kernels. */
KernelMix parseKernelMix(const std::string& text);

/** The --help text. */
std::string trainUsage();

} // namespace unblur::train
