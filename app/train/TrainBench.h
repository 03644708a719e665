#pragma once

#include "TrainArguments.h"

namespace unblur::train {

/**
 * unblur-train bench: times training steps of the configured model on random pairs, per patch
 * size, and prints a table (median seconds per step, pairs per second). On the CPU each size
 * runs twice, planar and channels-last, interleaved step by step so that a noisy machine
 * affects both alike; the planar layout is the baseline of the ratio column.
 */
int runTrainBench(const TrainArguments& arguments);

} // namespace unblur::train
