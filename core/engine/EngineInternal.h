#pragma once

#include "Engine.h"

#include <chrono>
#include <map>
#include <optional>
#include <string>

namespace unblur::engine {

struct Engine::Impl
{
    std::map<std::string, double> bytesPerPixel; ///< per device, measured once
    std::optional<Precision> autoPrecision;      ///< Auto's measured choice on the CPU
    std::string autoNote;
};

/** Thrown inside a run to unwind it when the cancel flag is seen; never leaves the engine. */
struct Cancelled
{
};

inline double secondsSince(const std::chrono::steady_clock::time_point& start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace unblur::engine
