#!/bin/bash
# Builds the photo-decoder fuzzer with clang (ASan + UBSan + libFuzzer) in build-fuzz/,
# seeds a corpus from the test photos and fuzzes for a bounded time, then prints a summary.
#
#   tools/fuzz-decoders.sh [SECONDS]      (default 300)
#
# Needs packaging/debian-build-deps.txt and packaging/debian-fuzz-deps.txt. Environment:
#   FUZZ_NICE=N     run the build and the fuzzer under `nice -n N` (default 0)
#   FUZZ_JOBS=N     ninja -jN (default: ninja's choice)
#   FUZZ_MAX_LEN=N  libFuzzer -max_len (default 262144; larger seeds are cut to it)
#   FUZZ_NO_BUILD=1 run the fuzzer already in build-fuzz/ without configuring or building
# Crashing inputs are written to build-fuzz/crashes/; the log to build-fuzz/fuzz.log.
# Reproduce one with: build-fuzz/tests/fuzz/fuzz_photo_decoders build-fuzz/crashes/FILE
# The model reader has its own runner, tools/fuzz-model.sh.
set -euo pipefail

seconds=${1:-300}
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/tools/fuzz-common.sh"
fuzz_check_seconds "[SECONDS]"

# Only the fuzz target is built, so nothing that needs LibTorch is compiled.
fuzz_build fuzz_photo_decoders

# Seeds: every test photo.
fuzz_seed "$build/corpus" "$root"/tests/data/metadata "$root"/tests/data/raw \
    "$root"/tests/data/hidiff-tiny/input.png "$root"/resources/samples "$root"/tests/data/bad

fuzz_run "$build/tests/fuzz/fuzz_photo_decoders" "$build/corpus" "$build/crashes" \
    "$build/fuzz.log" "$root/tests/fuzz/photo.dict" "${FUZZ_MAX_LEN:-262144}"
