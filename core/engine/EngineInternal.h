#pragma once

#include <chrono>

namespace unblur::engine {

/** Thrown inside a run to unwind it when the cancel flag is seen; never leaves the engine. */
struct Cancelled
{
};

inline double secondsSince(const std::chrono::steady_clock::time_point& start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace unblur::engine
