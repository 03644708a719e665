#pragma once

#include <cstdint>

namespace unblur::model {

/** out[i] = 0.5 a[i] (1 + erf(a[i] / sqrt 2)) b[i]; built per ISA, chosen at run time. */
void geluGateKernel(const float* a, const float* b, float* out, int64_t count);

} // namespace unblur::model
