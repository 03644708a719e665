#include "TrainOptions.h"

#include <limits>
#include <sstream>
#include <stdexcept>

namespace unblur::train {

namespace {

[[noreturn]] void bad(const std::string& option, const std::string& why)
{
    throw std::invalid_argument(option + ": " + why);
}

} // namespace

void TrainOptions::validate() const
{
    config.validate();
    if (stage1Steps < 0 || stage2Steps < 0 || totalSteps() == 0) {
        bad("--stage1-steps/--stage2-steps", "need a positive number of steps in all");
    }
    if (patches.empty()) {
        bad("--patches", "the schedule is empty");
    }
    for (const PatchPhase& phase : patches) {
        if (phase.size < 16 || phase.size % 16 != 0) {
            bad("--patches", "patch size " + std::to_string(phase.size) +
                                 " is not a multiple of 16 of at least 16");
        }
        if (phase.batch < 1) {
            bad("--patches", "batch size must be at least 1");
        }
    }
    if (optimiser.learningRate <= 0 || optimiser.minLearningRate < 0 ||
        optimiser.minLearningRate > optimiser.learningRate) {
        bad("--lr/--min-lr", "need 0 <= min-lr <= lr and lr > 0");
    }
    if (!(weightAverageDecay >= 0 && weightAverageDecay < 1)) {
        bad("--ema", "the decay must be at least 0 and below 1");
    }
    if (!(frequencyLossWeight >= 0)) {
        bad("--frequency-loss", "the weight must not be negative");
    }
    if (optimiser.gradClipNorm < 0) {
        bad("--clip", "must not be negative");
    }
    if (validateEvery < 0 || checkpointEvery < 1) {
        bad("--validate-every/--checkpoint-every", "must be positive");
    }
    if (validationCount < 0 || validationSize < 16 || validationSize % 8 != 0) {
        bad("--val-count/--val-size", "need a count >= 0 and a size that is a multiple of 8");
    }
    if (outputDir.empty()) {
        bad("--out", "an output folder is required");
    }
}

const PatchPhase& TrainOptions::phaseAt(int64_t step) const
{
    for (const PatchPhase& phase : patches) {
        if (step < phase.untilStep) {
            return phase;
        }
    }
    return patches.back();
}

std::vector<PatchPhase> parsePatchSchedule(const std::string& text)
{
    std::vector<PatchPhase> phases;
    std::stringstream items(text);
    std::string item;
    while (std::getline(items, item, ',')) {
        PatchPhase phase;
        char x = 0;
        std::stringstream in(item);
        if (!(in >> phase.size >> x >> phase.batch) || x != 'x') {
            bad("--patches", "'" + item + "' is not SIZExBATCH[:UNTIL_STEP]");
        }
        phase.untilStep = std::numeric_limits<int64_t>::max();
        char colon = 0;
        if (in >> colon) {
            if (colon != ':' || !(in >> phase.untilStep)) {
                bad("--patches", "'" + item + "' is not SIZExBATCH[:UNTIL_STEP]");
            }
        }
        if (!phases.empty() && phase.untilStep <= phases.back().untilStep) {
            bad("--patches", "phases must end at increasing steps");
        }
        phases.push_back(phase);
    }
    if (phases.empty()) {
        bad("--patches", "the schedule is empty");
    }
    phases.back().untilStep = std::numeric_limits<int64_t>::max();
    return phases;
}

std::string patchScheduleText(const std::vector<PatchPhase>& phases)
{
    std::string text;
    for (size_t i = 0; i < phases.size(); ++i) {
        text +=
            (i ? "," : "") + std::to_string(phases[i].size) + "x" + std::to_string(phases[i].batch);
        if (i + 1 < phases.size()) {
            text += ":" + std::to_string(phases[i].untilStep);
        }
    }
    return text;
}

} // namespace unblur::train
