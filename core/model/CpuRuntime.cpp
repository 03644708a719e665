#include "CpuRuntime.h"

#include <ATen/Parallel.h>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <thread>
#include <unistd.h>

namespace unblur::model {

const char* blasCoreName()
{
    using CoreName = char* (*)();
    const auto coreName = reinterpret_cast<CoreName>(dlsym(RTLD_DEFAULT, "openblas_get_corename"));
    return coreName ? coreName() : "";
}

void ensureFastBlasKernels(char** argv)
{
#if defined(__x86_64__) && defined(__linux__)
    if (std::getenv("OPENBLAS_CORETYPE") || std::getenv("UNBLUR_KEEP_BLAS_CORE")) {
        return;
    }
    const char* core = blasCoreName();
    const bool generic = std::strcmp(core, "Prescott") == 0 || std::strcmp(core, "Core2") == 0 ||
                         std::strcmp(core, "Nehalem") == 0 || std::strcmp(core, "Sandybridge") == 0;
    if (!generic) {
        return;
    }
    __builtin_cpu_init();
    const char* better = nullptr;
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
        __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl")) {
        better = "SkylakeX";
    } else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
        better = "Haswell";
    }
    if (!better) {
        return;
    }
    setenv("OPENBLAS_CORETYPE", better, 1);
    execv("/proc/self/exe", argv);
    // exec failed: carry on with the kernels we have.
#else
    (void)argv;
#endif
}

int configureCpuThreads(int requested)
{
    const int threads =
        requested > 0 ? requested : std::max(1, int(std::thread::hardware_concurrency()));
    at::set_num_threads(threads);
    using SetThreads = void (*)(int);
    if (const auto setBlasThreads =
            reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"))) {
        setBlasThreads(1);
    }
    return threads;
}

} // namespace unblur::model
