#include "ThreadSetup.h"

#include <ATen/Parallel.h>

#include <thread>

int applyThreadCount(int requested)
{
    const int threads =
        requested > 0 ? requested : std::max(1, int(std::thread::hardware_concurrency()));
    at::set_num_threads(threads);
    return threads;
}
