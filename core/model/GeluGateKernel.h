#pragma once

#include <cstdint>

namespace unblur::model {

/**
 * out[i] = gelu(a[i]) b[i] with the exact GELU, 0.5 a (1 + erf(a / sqrt 2)), over `rows`
 * rows of `length` values: row r of a and b starts at r * inStride, of out at r * outStride.
 * Built per ISA, chosen at run time.
 */
void geluGateKernel(const float* a, const float* b, float* out, int64_t rows, int64_t length,
                    int64_t inStride, int64_t outStride);

/**
 * geluGateKernel on bfloat16 values (their raw 16 bits): each value widened to float32, the
 * gate computed in float32, the result rounded to nearest even.
 */
void geluGateKernelBFloat16(const uint16_t* a, const uint16_t* b, uint16_t* out, int64_t rows,
                            int64_t length, int64_t inStride, int64_t outStride);

/**
 * Gradients of the gate for the output gradient g: gradA = g b gelu'(a), gradB = g gelu(a),
 * with gelu'(x) = Phi(x) + x phi(x). Rows are inStride apart in a and b, gStride in g and
 * gradStride in gradA and gradB.
 */
void geluGateBackwardKernel(const float* a, const float* b, const float* g, float* gradA,
                            float* gradB, int64_t rows, int64_t length, int64_t inStride,
                            int64_t gStride, int64_t gradStride);

} // namespace unblur::model
