#pragma once

#include "TrainArguments.h"
#include "train/PairSource.h"

#include <memory>
#include <string>
#include <vector>

namespace unblur::train {

/** The training stream and the held-out validation set named on the command line. */
struct TrainDataSources
{
    std::unique_ptr<PairSource> training;
    std::unique_ptr<PairSource> validation; ///< null without a held-out split
    std::vector<std::string> notes;         ///< skipped files, splits: for the log
};

/**
 * Opens --photos (synthetic pairs), --pairs and --packed sources. Photo folders and paired
 * folders need the OpenCV build; a LibTorch-only build reads packed patches alone.
 */
TrainDataSources openTrainDataSources(const TrainArguments& arguments, uint64_t seed);

/** unblur-train pack / make-pairs. */
int runDataCommand(const TrainArguments& arguments);

} // namespace unblur::train
