#pragma once

#include "TrainArguments.h"

namespace unblur::train {

/**
 * unblur-train bench: times training steps of the configured model on random pairs, per patch
 * size, and prints a table (median seconds per step, steps and pairs per second) headed by
 * the CPU's model name and whether it has bf16 instructions. Each size runs in fp32 and in
 * mixed bf16 (or the --precision given), on the CPU also planar in fp32, the baseline of the
 * ratio column; the variants are interleaved step by step so that a noisy machine affects
 * them alike.
 */
int runTrainBench(const TrainArguments& arguments);

} // namespace unblur::train
