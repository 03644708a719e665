#pragma once

namespace unblur::ui {

/**
 * Gives the memory freed by photos, results and the model's work back to the system. glibc
 * keeps freed blocks in per-thread arenas (the model thread, the batch, the photo and blur
 * pools each get one), so without this the resident size only grows over a long session:
 * +350 MiB over the GUI soak's 500 actions (docs/fault-tolerance.md).
 */
class MemoryTrim
{
public:
    /**
     * Trims all arenas on a pool thread, a second from now; calls meanwhile coalesce. Called
     * once a deblur ended, a photo was replaced or a batch finished. GUI thread only.
     */
    static void soon();
};

} // namespace unblur::ui
