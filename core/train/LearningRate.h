#pragma once

#include "TrainOptions.h"

namespace unblur::train {

/**
 * The learning rate at `step` of a stage of `stageSteps` steps: a linear warm-up, then a
 * cosine from the base rate down to the floor at the stage's last step.
 */
double cosineLearningRate(const OptimiserOptions& options, int64_t step, int64_t stageSteps);

} // namespace unblur::train
