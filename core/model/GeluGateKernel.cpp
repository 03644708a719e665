// Compiled with -O3 -ffast-math so that GCC vectorises erff and expf through glibc's libmvec;
// the clones for AVX-512, AVX2 and plain x86-64 are picked when the program starts.
#include "GeluGateKernel.h"

#include <cmath>

namespace unblur::model {
namespace {
constexpr float kInvSqrt2 = 0.70710678118654752440f;
constexpr float kInvSqrt2Pi = 0.39894228040143267794f;
} // namespace

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx512f", "avx2", "default")))
#endif
void geluGateKernel(const float* a, const float* b, float* out, int64_t rows, int64_t length,
                    int64_t inStride, int64_t outStride)
{
    for (int64_t r = 0; r < rows; ++r) {
        const float* ar = a + r * inStride;
        const float* br = b + r * inStride;
        float* outRow = out + r * outStride;
#pragma omp simd
        for (int64_t i = 0; i < length; ++i) {
            const float x = ar[i];
            outRow[i] = 0.5f * x * (1.0f + erff(x * kInvSqrt2)) * br[i];
        }
    }
}

namespace {
inline float widenBFloat16(uint16_t bits)
{
    return __builtin_bit_cast(float, uint32_t(bits) << 16);
}

/** Round to nearest even, as c10::BFloat16 does (the model has no NaNs to keep quiet). */
inline uint16_t roundToBFloat16(float value)
{
    const uint32_t bits = __builtin_bit_cast(uint32_t, value);
    return uint16_t((bits + 0x7FFFu + ((bits >> 16) & 1u)) >> 16);
}
} // namespace

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx512f", "avx2", "default")))
#endif
void geluGateKernelBFloat16(const uint16_t* a, const uint16_t* b, uint16_t* out, int64_t rows,
                            int64_t length, int64_t inStride, int64_t outStride)
{
    for (int64_t r = 0; r < rows; ++r) {
        const uint16_t* ar = a + r * inStride;
        const uint16_t* br = b + r * inStride;
        uint16_t* outRow = out + r * outStride;
#pragma omp simd
        for (int64_t i = 0; i < length; ++i) {
            const float x = widenBFloat16(ar[i]);
            outRow[i] =
                roundToBFloat16(0.5f * x * (1.0f + erff(x * kInvSqrt2)) * widenBFloat16(br[i]));
        }
    }
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx512f", "avx2", "default")))
#endif
void geluGateBackwardKernel(const float* a, const float* b, const float* g, float* gradA,
                            float* gradB, int64_t rows, int64_t length, int64_t inStride,
                            int64_t gStride, int64_t gradStride)
{
    for (int64_t r = 0; r < rows; ++r) {
        const float* ar = a + r * inStride;
        const float* br = b + r * inStride;
        const float* gr = g + r * gStride;
        float* gaRow = gradA + r * gradStride;
        float* gbRow = gradB + r * gradStride;
#pragma omp simd
        for (int64_t i = 0; i < length; ++i) {
            const float x = ar[i];
            const float cdf = 0.5f * (1.0f + erff(x * kInvSqrt2));
            const float pdf = kInvSqrt2Pi * expf(-0.5f * x * x);
            gaRow[i] = gr[i] * br[i] * (cdf + x * pdf);
            gbRow[i] = gr[i] * x * cdf;
        }
    }
}

} // namespace unblur::model
