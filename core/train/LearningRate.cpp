#include "LearningRate.h"

#include <algorithm>
#include <cmath>

namespace unblur::train {

double cosineLearningRate(const OptimiserOptions& options, int64_t step, int64_t stageSteps)
{
    const double base = options.learningRate;
    if (step < options.warmupSteps) {
        return base * double(step + 1) / double(options.warmupSteps);
    }
    const int64_t span = std::max<int64_t>(1, stageSteps - options.warmupSteps - 1);
    const double progress = std::min(1.0, double(step - options.warmupSteps) / double(span));
    const double pi = std::acos(-1.0);
    return options.minLearningRate +
           0.5 * (base - options.minLearningRate) * (1.0 + std::cos(pi * progress));
}

} // namespace unblur::train
