#!/bin/bash
# shellcheck disable=SC2154 # root and seconds are set by the caller
# Shared by tools/fuzz-decoders.sh and tools/fuzz-model.sh (sourced, not run): configuring and
# building build-fuzz/ with clang, copying seeds, running a fuzzer for a bounded time and
# printing libFuzzer's figures. The caller sets `root` and `seconds` and calls these in order.
#
# Environment:
#   FUZZ_NICE=N     run the build and the fuzzer under `nice -n N` (default 0)
#   FUZZ_JOBS=N     ninja -jN (default: ninja's choice)
#   FUZZ_NO_BUILD=1 run the fuzzer already in build-fuzz/ without configuring or building

fuzz_check_seconds() {
    if ! [[ $seconds =~ ^[0-9]+$ ]] || ((seconds == 0)); then
        echo "usage: $0 $1" >&2
        exit 2
    fi
}

build=$root/build-fuzz
nice_cmd=(nice -n "${FUZZ_NICE:-0}")

# fuzz_build TARGET...: a build folder of its own, so the normal build (GCC) is left alone.
# Only the fuzz targets are built.
fuzz_build() {
    [[ -n ${FUZZ_NO_BUILD:-} ]] && return 0
    local jobs=()
    [[ -n ${FUZZ_JOBS:-} ]] && jobs=(-j "$FUZZ_JOBS")
    CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo -DUNBLUR_BUILD_FUZZERS=ON >/dev/null
    "${nice_cmd[@]}" ninja -C "$build" "${jobs[@]}" "$@"
}

# fuzz_seed CORPUS FILE-OR-FOLDER...: copies every file (but *.md) in as seed-NAME, so the
# fuzzer's additions never land in the source tree.
fuzz_seed() {
    local corpus=$1 seed
    shift
    mkdir -p "$corpus"
    for seed in "$@"; do
        [[ -e $seed ]] || continue
        find "$seed" -type f ! -name '*.md' -print0 | while IFS= read -r -d '' f; do
            cp -n "$f" "$corpus/seed-$(basename "$f")"
        done
    done
}

# fuzz_run FUZZER CORPUS CRASHES LOG DICT MAX_LEN [LIBFUZZER-FLAG...]: fork mode, so a crash,
# timeout or OOM is saved and fuzzing goes on for the whole time; then the summary.
fuzz_run() {
    local fuzzer=$1 corpus=$2 crashes=$3 log=$4 dict=$5 max_len=$6
    shift 6
    local dict_flag=() status pid
    [[ -f $dict ]] && dict_flag=(-dict="$dict")
    mkdir -p "$corpus" "$crashes"
    set +e
    "${nice_cmd[@]}" "$fuzzer" "$corpus" "${dict_flag[@]}" \
        -fork=1 -ignore_crashes=1 -ignore_ooms=1 -ignore_timeouts=1 \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
        -max_len="$max_len" -artifact_prefix="$crashes/" "$@" >"$log" 2>&1 &
    pid=$!
    trap 'kill "$pid" 2>/dev/null' INT TERM
    while kill -0 "$pid" 2>/dev/null; do
        sleep 30
        grep -E '^#[0-9]+: cov:' "$log" | tail -n 1
    done
    wait "$pid"
    status=$?
    set -e
    fuzz_summary "$fuzzer" "$corpus" "$crashes" "$log" "$status"
    return "$status"
}

# Summary from libFuzzer's own figures (the last fork-mode status line).
fuzz_summary() {
    local fuzzer=$1 corpus=$2 crashes=$3 log=$4 status=$5 last execs elapsed
    last=$(grep -E '^#[0-9]+: cov:' "$log" | tail -n 1)
    field() { sed -nE "s|.*[ #]$1:? ([0-9/]+).*|\1|p" <<<"$last"; }
    execs=$(sed -nE 's/^#([0-9]+):.*/\1/p' <<<"$last")
    elapsed=$(field time)
    echo
    echo "== fuzz summary: $(basename "$fuzzer") (asked ${seconds} s) =="
    echo "duration:       ${elapsed:-?} s"
    echo "executions:     ${execs:-0}"
    echo "exec/s:         $((${execs:-0} / (${elapsed:-0} > 0 ? ${elapsed:-1} : 1)))"
    echo "coverage:       $(field cov) edges, $(field ft) features"
    echo "corpus:         $(field corp) entries in the run; $(find "$corpus" -type f | wc -l) files in ${corpus#"$root"/}"
    echo "oom/timeout/crash: $(field 'oom/timeout/crash')"
    echo "findings:       $(find "$crashes" -type f | wc -l) input(s) in ${crashes#"$root"/}/"
    find "$crashes" -type f -printf '  %f (%s bytes)\n'
    grep -E '^(==[0-9]+==ERROR|SUMMARY|FINDING)' "$log" | sort | uniq -c | sort -rn | head -n 20 || true
    echo "libFuzzer exit: $status (log: ${log#"$root"/})"
    echo "reproduce:      $fuzzer ${crashes#"$root"/}/FILE"
}
