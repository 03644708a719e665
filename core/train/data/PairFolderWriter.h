#pragma once

#include "train/PairSource.h"

#include <cstdint>
#include <string>

namespace unblur::train {

/**
 * Writes pairs `firstIndex .. firstIndex + count - 1` of `source`, cut to `size`, as 8-bit
 * RGB PNGs `outDir/input/NNNN.png` (blurry) and `outDir/target/NNNN.png` (sharp), numbered
 * from 0 with at least 4 digits: the paired-folder layout that evaluation and
 * PairFolderSource read. Creates the folders; replaces files of the same name. Throws
 * std::runtime_error naming the file that could not be written.
 */
void writePairFolder(const std::string& outDir, const PairSource& source, int count, int size,
                     uint64_t firstIndex = 0);

} // namespace unblur::train
