#include "SoakPlan.h"

#include <iterator>
#include <random>

namespace soak {

namespace {

struct Weighted
{
    ActionKind kind;
    const char* name;
    int weight;
};

// How often each action comes, relatively: opening, deblurring and cancelling most.
constexpr Weighted kActions[] = {
    {ActionKind::OpenPhoto, "open", 14},     {ActionKind::Preview, "preview", 8},
    {ActionKind::Deblur, "deblur", 12},      {ActionKind::Cancel, "cancel", 10},
    {ActionKind::Variation, "variation", 3}, {ActionKind::CompareMode, "compare", 9},
    {ActionKind::Zoom, "zoom", 9},           {ActionKind::Strength, "strength", 7},
    {ActionKind::BlurMap, "blur-map", 3},    {ActionKind::Save, "save", 8},
    {ActionKind::StepPhoto, "step", 4},      {ActionKind::Batch, "batch", 4},
    {ActionKind::Recreate, "recreate", 2},   {ActionKind::Wait, "wait", 7},
};

} // namespace

std::vector<Action> makePlan(std::uint64_t seed, int count, int maximumWaitMs)
{
    // std::mt19937_64 gives the same numbers everywhere; the draws are done by hand, as the
    // standard distributions may differ between standard libraries.
    std::mt19937_64 random(seed);
    int total = 0;
    for (const Weighted& entry : kActions) {
        total += entry.weight;
    }
    std::vector<Action> plan;
    plan.reserve(size_t(count));
    for (int i = 0; i < count; ++i) {
        int pick = int(random() % std::uint64_t(total));
        ActionKind kind = kActions[0].kind;
        for (const Weighted& entry : kActions) {
            if (pick < entry.weight) {
                kind = entry.kind;
                break;
            }
            pick -= entry.weight;
        }
        Action action{kind};
        action.a = std::uint32_t(random() % 1000);
        action.b = std::uint32_t(random() % std::uint64_t(maximumWaitMs + 1));
        plan.push_back(action);
    }
    if (!plan.empty()) {
        // The first action opens a good photo (an even choice), so short runs have one to use.
        plan.front().kind = ActionKind::OpenPhoto;
        plan.front().a &= ~1u;
    }
    return plan;
}

QString describe(const Action& action)
{
    const char* name = "?";
    for (const Weighted& entry : kActions) {
        if (entry.kind == action.kind) {
            name = entry.name;
        }
    }
    return QStringLiteral("%1 a=%2 b=%3").arg(QLatin1String(name)).arg(action.a).arg(action.b);
}

} // namespace soak
