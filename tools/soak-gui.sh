#!/bin/sh
# Runs the GUI soak: the main window driven through random actions from a seed
# (tests/soak/GuiSoak.cpp), offscreen, with the tiny test model.
# Usage: tools/soak-gui.sh [SEED] [ACTIONS] [BUILD_DIR]
#   SEED     the action list's seed (default: the time, printed; rerun a run with it)
#   ACTIONS  number of actions (default 500)
# Further options go through SOAK_ARGS, e.g. SOAK_ARGS="--max-growth-mb 200".
# The log is written to stdout and to soak-gui-SEED.log in the current folder; the exit status
# is the soak's (non-zero on a crash, a hang, a cross-thread warning or too much memory growth).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
seed=${1:-$(date +%s)}
actions=${2:-500}
build=${3:-$root/build}
soak=$build/tests/unblur_gui_soak
if [ ! -x "$soak" ]; then
    echo "$soak not found: cmake --build $build --target unblur_gui_soak" >&2
    exit 2
fi
echo "soak-gui: seed $seed, $actions actions (rerun: $0 $seed $actions)"
log=soak-gui-$seed.log
status=0
# The model's OpenMP threads sleep while they wait, as in the gui tests.
QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} OMP_WAIT_POLICY=PASSIVE \
    "$soak" --seed "$seed" --actions "$actions" ${SOAK_ARGS:-} >"$log" 2>&1 || status=$?
grep -v '^#' "$log" || true
echo "soak-gui: exit status $status; the whole log with every action: $log"
exit "$status"
