// The soak's actions: a list drawn from a seed alone, so a run is repeated by its seed.
#pragma once

#include <QString>
#include <cstdint>
#include <vector>

namespace soak {

/** What the soak does to the application in one step. */
enum class ActionKind
{
    OpenPhoto,   ///< a: which photo (good, bad or missing); b: how long to let it load
    Preview,     ///< Photo > Preview; b: event processing after it
    Deblur,      ///< Photo > Deblur; a: tile size choice; b: event processing (or the whole run)
    Cancel,      ///< Photo > Cancel after b ms of event processing
    Variation,   ///< Photo > Another Variation; b: event processing after it
    CompareMode, ///< a: restored only, split, side by side, split direction, hold original
    Zoom,        ///< a: in, out, fit, 100 %, wheel, drag to pan
    Strength,    ///< the strength slider to a % 101
    BlurMap,     ///< View > Blur map toggled
    Save,        ///< a: format and bit depth; b: metadata; to the soak's output folder
    StepPhoto,   ///< next or previous photo in the folder
    Batch,       ///< a: cancel, pause and resume, or finish; b: ms before acting
    Recreate,    ///< closes and deletes the main window, then makes a new one
    Wait,        ///< b ms of event processing
};

struct Action
{
    ActionKind kind;
    std::uint32_t a = 0; ///< the action's choice (reduced modulo its options when used)
    std::uint32_t b = 0; ///< milliseconds of event processing, 0 .. maximum
};

/** The action list of `seed`: the same list for the same seed, count and maximum wait. */
std::vector<Action> makePlan(std::uint64_t seed, int count, int maximumWaitMs);

/** "deblur a=3 b=120", as the log and --list print it. */
QString describe(const Action& action);

} // namespace soak
