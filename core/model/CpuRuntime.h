#pragma once

namespace unblur::model {

/**
 * OpenBLAS 0.3.21 (Debian 12) does not recognise recent Intel CPUs and falls back to its
 * SSE3 "Prescott" kernels, several times slower. OpenBLAS picks its kernels when it loads,
 * so the only fix is its OPENBLAS_CORETYPE variable: when OpenBLAS chose a generic core on a
 * CPU with AVX2/AVX-512, this sets it and re-executes the program once. Call it first in
 * main(); it returns normally when nothing needs doing or the re-exec is impossible.
 */
void ensureFastBlasKernels(char** argv);

/** The OpenBLAS core in use ("SkylakeX", "Haswell"...), or "" when BLAS is not OpenBLAS. */
const char* blasCoreName();

/**
 * Sets LibTorch's intra-op threads to `requested`, or to every core when it is 0 (Debian's
 * LibTorch starts with one). OpenBLAS is kept to one thread: LibTorch parallelises around it,
 * and two spinning thread pools on the same cores halve the speed. Returns the count used.
 */
int configureCpuThreads(int requested);

} // namespace unblur::model
