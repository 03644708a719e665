#pragma once

#include "restore/CancelToken.h"

#include <csignal>

/**
 * While alive, Ctrl-C (SIGINT) and SIGTERM (what kill, scancel, a Slurm requeue or preemption
 * and Kubernetes send first) cancel token() instead of killing the process, so that long work
 * can stop cleanly (within one tile) and leave no partial file; a second signal kills as
 * usual. One guard at a time.
 */
class InterruptGuard
{
public:
    InterruptGuard();
    ~InterruptGuard();
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;

    /** Cancelled by SIGINT or SIGTERM while a guard lives; a restore takes it as its token. */
    static unblur::restore::CancelToken& token();

private:
    struct sigaction m_previous = {};
    struct sigaction m_previousTerm = {};
};
