#pragma once

#include <string>

namespace unblur::train {

/** The CPU's model name from /proc/cpuinfo, without "(R)", "(TM)" and " Processor". */
std::string cpuModelName();

/**
 * Whether the CPU has bf16 instructions (avx512_bf16 or amx_bf16 in /proc/cpuinfo's flags).
 * UNBLUR_CPU_BF16=0 or =1 forces the answer, as for unblur-cli.
 */
bool cpuHasBFloat16Instructions();

} // namespace unblur::train
