#!/bin/bash
# Builds the model-reader fuzzers with clang (ASan + UBSan + libFuzzer) in build-fuzz/, seeds
# them from the tiny fixture's checkpoints and fuzzes for a bounded time, then prints a summary.
#
#   tools/fuzz-model.sh [SECONDS] [checkpoint|pickle|json|all]    (default 300 all)
#
# checkpoint: whole .pth files through readCheckpoint (zip, data.pkl, tensor rebuild);
# pickle: raw bytes straight into PickleReader, seeded with the fixtures' data.pkl;
# json: a model folder's model.json (card and config), seeded with the bundled model's.
# `all` runs the three side by side, SECONDS each. Needs
# packaging/debian-build-deps.txt and packaging/debian-fuzz-deps.txt. Environment as in
# tools/fuzz-common.sh (FUZZ_NICE, FUZZ_JOBS, FUZZ_NO_BUILD), and
#   FUZZ_MALLOC_MB=N  largest single allocation before libFuzzer reports it (default 512)
# Per target T: corpus build-fuzz/corpus-model-T/, findings build-fuzz/crashes-model-T/,
# log build-fuzz/fuzz-model-T.log. Reproduce with build-fuzz/tests/fuzz/fuzz_model_T FILE.
set -euo pipefail

seconds=${1:-300}
which=${2:-all}
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/tools/fuzz-common.sh"
fuzz_check_seconds "[SECONDS] [checkpoint|pickle|json|all]"
case $which in
checkpoint | pickle | json) targets=("$which") ;;
all) targets=(checkpoint pickle json) ;;
*)
    echo "usage: $0 [SECONDS] [checkpoint|pickle|json|all]" >&2
    exit 2
    ;;
esac

fuzz_build "${targets[@]/#/fuzz_model_}"

fixtures=$root/tests/data/hidiff-tiny
seed_pickles() {
    local corpus=$1 pth
    mkdir -p "$corpus"
    for pth in "$fixtures"/*.pth; do
        [[ -e $corpus/seed-$(basename "$pth" .pth).pkl ]] ||
            unzip -p "$pth" '*/data.pkl' >"$corpus/seed-$(basename "$pth" .pth).pkl"
    done
}

run_target() {
    local target=$1 corpus=$build/corpus-model-$1 dict=$root/tests/fuzz/pickle.dict max_len
    if [[ $target == checkpoint ]]; then
        # The small checkpoints only: net_g.pth (1 MB) would slow every run it is picked for.
        fuzz_seed "$corpus" "$fixtures"/net_d.pth "$fixtures"/net_le.pth \
            "$fixtures"/net_le_dm.pth "$root"/tests/data/bad-models
        max_len=${FUZZ_MAX_LEN:-65536}
    elif [[ $target == pickle ]]; then
        seed_pickles "$corpus"
        max_len=${FUZZ_MAX_LEN:-65536}
    else
        fuzz_seed "$corpus" "$root"/resources/models/default/model.json
        dict=$root/tests/fuzz/model-json.dict
        max_len=${FUZZ_MAX_LEN:-16384}
    fi
    fuzz_run "$build/tests/fuzz/fuzz_model_$target" "$corpus" "$build/crashes-model-$target" \
        "$build/fuzz-model-$target.log" "$dict" "$max_len" \
        -malloc_limit_mb="${FUZZ_MALLOC_MB:-512}"
}

if ((${#targets[@]} == 1)); then
    run_target "${targets[0]}"
    exit
fi
# Side by side; each summary is printed once all runs have ended.
status=0
pids=()
for target in "${targets[@]}"; do
    run_target "$target" >"$build/fuzz-model-$target.out" 2>&1 &
    pids+=($!)
done
trap 'kill "${pids[@]}" 2>/dev/null' INT TERM
for pid in "${pids[@]}"; do
    wait "$pid" || status=$?
done
for target in "${targets[@]}"; do
    sed -n '/^== fuzz summary/,$p' "$build/fuzz-model-$target.out"
done
exit "$status"
