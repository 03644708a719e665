#pragma once

#include <atomic>

namespace unblur::restore {

/**
 * Asks a running restore to stop. Any thread may call cancel() (a signal handler too: it is
 * one lock-free store); the restore checks between tiles and diffusion steps.
 */
class CancelToken
{
public:
    void cancel() { m_cancelled.store(true); }
    void reset() { m_cancelled.store(false); }
    bool isCancelled() const { return m_cancelled.load(); }
    /** The flag the engine polls. */
    const std::atomic<bool>* flag() const { return &m_cancelled; }

private:
    std::atomic<bool> m_cancelled{false};
};

} // namespace unblur::restore
