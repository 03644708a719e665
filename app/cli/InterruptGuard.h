#pragma once

#include <atomic>
#include <csignal>

/**
 * While alive, Ctrl-C (SIGINT) sets a flag instead of killing the process, so that long work
 * can stop cleanly (within one tile) and leave no partial file; a second Ctrl-C kills as usual.
 * One guard at a time.
 */
class InterruptGuard
{
public:
    InterruptGuard();
    ~InterruptGuard();
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;

    /** Set by SIGINT while a guard lives; the engine takes it as its cancel flag. */
    static std::atomic<bool>& flag();

private:
    struct sigaction m_previous = {};
};
