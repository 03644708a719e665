#include "InterruptGuard.h"

namespace {

unblur::restore::CancelToken g_interrupted;

extern "C" void onInterrupt(int)
{
    g_interrupted.cancel(); // one lock-free store: safe in a signal handler
}

} // namespace

InterruptGuard::InterruptGuard()
{
    g_interrupted.reset();
    struct sigaction action = {};
    action.sa_handler = onInterrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND;
    sigaction(SIGINT, &action, &m_previous);
    sigaction(SIGTERM, &action, &m_previousTerm);
}

InterruptGuard::~InterruptGuard()
{
    sigaction(SIGINT, &m_previous, nullptr);
    sigaction(SIGTERM, &m_previousTerm, nullptr);
}

unblur::restore::CancelToken& InterruptGuard::token()
{
    return g_interrupted;
}
