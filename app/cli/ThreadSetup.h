#pragma once

/** Sets LibTorch's intra-op threads: `requested` if > 0, else every core (Debian starts at 1). */
int applyThreadCount(int requested);
