#pragma once

#include "HiDiffConfig.h"

#include <vector>

namespace unblur::model {

/**
 * The reverse-diffusion coefficients of the published code: computed in double, then
 * rounded to float32 exactly as its registered buffers are.
 */
struct DiffusionSchedule
{
    explicit DiffusionSchedule(const ScheduleConfig& config);

    int steps() const { return static_cast<int>(betas.size()); }

    std::vector<float> betas;
    std::vector<float> alphasCumprod;
    std::vector<float> sqrtRecipAlphasCumprod;   ///< sr
    std::vector<float> sqrtRecipM1AlphasCumprod; ///< srm1
    std::vector<float> posteriorMeanCoef1;       ///< c1
    std::vector<float> posteriorMeanCoef2;       ///< c2
};

} // namespace unblur::model
