#pragma once

#include "engine/EngineOptions.h"

namespace unblur::restore {

/**
 * How to restore a photo: one set of options for the CLI's deblur, batch and eval, the GUI's
 * deblur and preview, and the batch window. The engine's options (device, precision, tiles,
 * overlap, seed, self-ensemble, memory budget) come first; photo-level stages add theirs here.
 */
struct RestoreOptions
{
    engine::EngineOptions engine;
};

} // namespace unblur::restore
