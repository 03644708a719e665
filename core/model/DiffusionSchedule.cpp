#include "DiffusionSchedule.h"

#include <cmath>

namespace unblur::model {

DiffusionSchedule::DiffusionSchedule(const ScheduleConfig& config)
{
    const int n = config.timesteps;
    double cumulative = 1.0;
    for (int i = 0; i < n; ++i) {
        // numpy.linspace in double: i * step + start, the last value exactly `end`.
        const double step = n > 1 ? (config.linearEnd - config.linearStart) / double(n - 1) : 0.0;
        const double beta =
            (n > 1 && i == n - 1) ? config.linearEnd : double(i) * step + config.linearStart;
        const double alpha = 1.0 - beta;
        const double previous = cumulative;
        cumulative *= alpha;
        betas.push_back(float(beta));
        alphasCumprod.push_back(float(cumulative));
        sqrtRecipAlphasCumprod.push_back(float(std::sqrt(1.0 / cumulative)));
        sqrtRecipM1AlphasCumprod.push_back(float(std::sqrt(1.0 / cumulative - 1.0)));
        posteriorMeanCoef1.push_back(float(beta * std::sqrt(previous) / (1.0 - cumulative)));
        posteriorMeanCoef2.push_back(
            float((1.0 - previous) * std::sqrt(alpha) / (1.0 - cumulative)));
    }
}

} // namespace unblur::model
