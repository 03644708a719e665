#include "refine/RefineSettings.h"

#include <cmath>
#include <functional>
#include <map>

namespace unblur::refine {

bool RefineSettings::set(const std::string& key, double value)
{
    const auto whole = [value] { return static_cast<int>(std::lround(value)); };
    const std::map<std::string, std::function<void()>> setters = {
        {"linearLight", [&] { linearLight = whole(); }},
        {"maxKernelSize", [&] { maxKernelSize = whole(); }},
        {"workingLongSide", [&] { workingLongSide = whole(); }},
        {"coarsestLongSide", [&] { coarsestLongSide = whole(); }},
        {"minPhotoSide", [&] { minPhotoSide = whole(); }},
        {"regularisation", [&] { regularisation = value; }},
        {"kernelThreshold", [&] { kernelThreshold = value; }},
        {"kernelNoiseThreshold", [&] { kernelNoiseThreshold = value; }},
        {"shockSteps", [&] { shockSteps = whole(); }},
        {"maxSupportSolve", [&] { maxSupportSolve = whole(); }},
        {"saturationLevel", [&] { saturationLevel = static_cast<float>(value); }},
        {"maxSaturatedShare", [&] { maxSaturatedShare = value; }},
        {"blindEstimation", [&] { blindEstimation = whole(); }},
        {"networkFitResidual", [&] { networkFitResidual = value; }},
        {"blindAgreement", [&] { blindAgreement = whole(); }},
        {"alignReach", [&] { alignReach = whole(); }},
        {"blindRounds", [&] { blindRounds = whole(); }},
        {"blindStartFromNetwork", [&] { blindStartFromNetwork = whole(); }},
        {"coarsestKernelSize", [&] { coarsestKernelSize = whole(); }},
        {"latentRegularisation", [&] { latentRegularisation = value; }},
        {"kernelRegularisation", [&] { kernelRegularisation = value; }},
        {"edgeShare", [&] { edgeShare = value; }},
        {"edgeCoherence", [&] { edgeCoherence = value; }},
        {"edgeWindow", [&] { edgeWindow = whole(); }},
        {"edgeEpsilon", [&] { edgeEpsilon = value; }},
        {"edgeRange", [&] { edgeRange = value; }},
        {"minShakeExtent", [&] { minShakeExtent = whole(); }},
        {"noShakeResidual", [&] { noShakeResidual = value; }},
        {"maxResidualToNoise", [&] { maxResidualToNoise = value; }},
        {"minImprovement", [&] { minImprovement = value; }},
        {"fullImprovement", [&] { fullImprovement = value; }},
        {"minAgreement", [&] { minAgreement = value; }},
        {"minQuadrantTexture", [&] { minQuadrantTexture = value; }},
        {"checkedQuadrants", [&] { checkedQuadrants = whole(); }},
        {"fewQuadrantsShare", [&] { fewQuadrantsShare = value; }},
        {"minElongation", [&] { minElongation = value; }},
        {"minCompactness", [&] { minCompactness = value; }},
        {"maxNoise", [&] { maxNoise = value; }},
        {"noiseFloor", [&] { noiseFloor = value; }},
        {"minPriorWeight", [&] { minPriorWeight = value; }},
        {"correctionWeight", [&] { correctionWeight = value; }},
        {"noiseMargin", [&] { noiseMargin = value; }},
    };
    const auto it = setters.find(key);
    if (it == setters.end()) {
        return false;
    }
    it->second();
    return true;
}

} // namespace unblur::refine
