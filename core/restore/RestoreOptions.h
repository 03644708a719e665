#pragma once

#include "engine/EngineOptions.h"
#include "refine/ShakeRefiner.h"

namespace unblur::restore {

/**
 * How to restore a photo: one set of options for the CLI's deblur, batch and eval, the GUI's
 * deblur and preview, and the batch window. The engine's options (device, precision, tiles,
 * overlap, seed, self-ensemble, memory budget) come first; photo-level stages add theirs here.
 */
struct RestoreOptions
{
    engine::EngineOptions engine;
    /** Camera-shake refinement after the network (core/refine): Auto applies it where the
     *  estimated kernel holds; Off gives the network's output exactly. */
    refine::RefineMode refine = refine::RefineMode::Off;
    /** Keep the network's own output beside the refined one (RestoreResult::networkImage). */
    bool keepNetworkOutput = false;
};

} // namespace unblur::restore
