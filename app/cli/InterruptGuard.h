#pragma once

#include "restore/CancelToken.h"

#include <csignal>

/**
 * While alive, Ctrl-C (SIGINT) cancels token() instead of killing the process, so that long
 * work can stop cleanly (within one tile) and leave no partial file; a second Ctrl-C kills as
 * usual. One guard at a time.
 */
class InterruptGuard
{
public:
    InterruptGuard();
    ~InterruptGuard();
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;

    /** Cancelled by SIGINT while a guard lives; a restore takes it as its cancel token. */
    static unblur::restore::CancelToken& token();

private:
    struct sigaction m_previous = {};
};
