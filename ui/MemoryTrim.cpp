#include "MemoryTrim.h"

#include <QThreadPool>
#include <QTimer>
#include <atomic>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace unblur::ui {

namespace {

std::atomic<bool> pending{false};

} // namespace

void MemoryTrim::soon()
{
#ifdef __GLIBC__
    if (pending.exchange(true)) {
        return;
    }
    QTimer::singleShot(1000, [] {
        QThreadPool::globalInstance()->start([] {
            pending = false;
            malloc_trim(0); // every arena, not only the heap's top (glibc 2.8 and later)
        });
    });
#endif
}

} // namespace unblur::ui
