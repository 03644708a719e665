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
set -euo pipefail

seconds=${1:-300}
if ! [[ $seconds =~ ^[0-9]+$ ]] || ((seconds == 0)); then
    echo "usage: $0 [SECONDS]" >&2
    exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build-fuzz
nice_cmd=(nice -n "${FUZZ_NICE:-0}")
jobs=()
[[ -n ${FUZZ_JOBS:-} ]] && jobs=(-j "$FUZZ_JOBS")

# A build folder of its own: the normal build (GCC) is left alone. Only the fuzz target is
# built, so nothing that needs LibTorch is compiled.
if [[ -z ${FUZZ_NO_BUILD:-} ]]; then
    CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo -DUNBLUR_BUILD_FUZZERS=ON >/dev/null
    "${nice_cmd[@]}" ninja -C "$build" "${jobs[@]}" fuzz_photo_decoders
fi
fuzzer=$build/tests/fuzz/fuzz_photo_decoders

# Seeds: every test photo (copied, so the fuzzer's additions never land in the source tree).
mkdir -p "$build/corpus" "$build/crashes"
for seed in "$root"/tests/data/metadata "$root"/tests/data/raw \
    "$root"/tests/data/hidiff-tiny/input.png "$root"/resources/samples "$root"/tests/data/bad; do
    [[ -e $seed ]] || continue
    find "$seed" -type f ! -name '*.md' -print0 | while IFS= read -r -d '' f; do
        cp -n "$f" "$build/corpus/seed-$(basename "$f")"
    done
done
dict=()
[[ -f $root/tests/fuzz/photo.dict ]] && dict=(-dict="$root/tests/fuzz/photo.dict")

log=$build/fuzz.log
# Fork mode: a crash, timeout or OOM is saved and fuzzing goes on for the whole time.
set +e
"${nice_cmd[@]}" "$fuzzer" "$build/corpus" "${dict[@]}" \
    -fork=1 -ignore_crashes=1 -ignore_ooms=1 -ignore_timeouts=1 \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
    -max_len="${FUZZ_MAX_LEN:-262144}" -artifact_prefix="$build/crashes/" >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null' INT TERM
while kill -0 "$pid" 2>/dev/null; do
    sleep 30
    grep -E '^#[0-9]+: cov:' "$log" | tail -n 1
done
wait "$pid"
status=$?
set -e

# Summary from libFuzzer's own figures (the last fork-mode status line).
last=$(grep -E '^#[0-9]+: cov:' "$log" | tail -n 1)
field() { sed -nE "s|.*[ #]$1:? ([0-9/]+).*|\1|p" <<<"$last"; }
execs=$(sed -nE 's/^#([0-9]+):.*/\1/p' <<<"$last")
elapsed=$(field time)
echo
echo "== fuzz summary (asked ${seconds} s) =="
echo "duration:       ${elapsed:-?} s"
echo "executions:     ${execs:-0}"
echo "exec/s:         $((${execs:-0} / (${elapsed:-0} > 0 ? ${elapsed:-1} : 1)))"
echo "coverage:       $(field cov) edges, $(field ft) features"
echo "corpus:         $(field corp) entries in the run; $(find "$build/corpus" -type f | wc -l) files in build-fuzz/corpus"
echo "oom/timeout/crash: $(field 'oom/timeout/crash')"
echo "findings:       $(find "$build/crashes" -type f | wc -l) input(s) in build-fuzz/crashes/"
find "$build/crashes" -type f -printf '  %f (%s bytes)\n'
grep -E '^(==[0-9]+==ERROR|SUMMARY)' "$log" | sort | uniq -c | sort -rn | head -n 20 || true
echo "libFuzzer exit: $status (log: build-fuzz/fuzz.log)"
echo "reproduce:      $fuzzer build-fuzz/crashes/FILE"
exit "$status"
