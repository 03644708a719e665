// Compiled with -O3 -ffast-math so that GCC vectorises erff through glibc's libmvec; the
// clones for AVX-512, AVX2 and plain x86-64 are picked when the program starts.
#include "GeluGateKernel.h"

#include <cmath>

namespace unblur::model {

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx512f", "avx2", "default")))
#endif
void geluGateKernel(const float* a, const float* b, float* out, int64_t count)
{
    constexpr float kInvSqrt2 = 0.70710678118654752440f;
#pragma omp simd
    for (int64_t i = 0; i < count; ++i) {
        const float x = a[i];
        out[i] = 0.5f * x * (1.0f + erff(x * kInvSqrt2)) * b[i];
    }
}

} // namespace unblur::model
