#pragma once

#include "blur/BlurSettings.h"
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
    /**
     * Protect sharp areas (core/blur): the restored photo is blended with the original
     * through the blur map, so in-focus regions and deliberate soft focus stay as they were.
     */
    bool protectSharp = false;
    blur::BlurSettings blur; ///< the blur measure's settings (protect-sharp, scoring)
};

} // namespace unblur::restore
