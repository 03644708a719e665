#!/bin/bash
# Trains the bundled model on a CUDA machine that has PyTorch (and so LibTorch) but neither
# OpenCV nor a network: builds unblur-train against PyTorch's LibTorch and the OpenCV that
# tools/make-train-deps.sh packed, measures the speed of both stages, sizes the run to end
# inside the wall-clock budget, then trains from the bundled model's weights.
#
#   tools/gpu-train.sh DEPS.tar.xz PHOTO_DIR OUT_DIR SECONDS
#
# OUT_DIR receives the model folder (model/) and the training log; SECONDS counts from the
# start of this script, build included. Exit codes: 2 bad arguments, 3 configure, 4 build,
# 5 calibration, 6 training failed. For a dry run elsewhere: DEVICE=cpu, smaller PHASE1 and
# PHASE2 (patch x batch), LOADERS, VAL_COUNT, TORCH_PREFIX (any LibTorch) and OPENCV_DIR.
set -u -o pipefail
DEVICE=${DEVICE:-cuda} PHASE1=${PHASE1:-128x48} PHASE2=${PHASE2:-192x24} LOADERS=${LOADERS:-14} VAL_COUNT=${VAL_COUNT:-32}
if [ $# -ne 4 ]; then
    echo "usage: $0 DEPS.tar.xz PHOTO_DIR OUT_DIR SECONDS" >&2
    exit 2
fi
DEPS=$1 PHOTOS=$2 OUT_DIR=$3 BUDGET=$4
START=$(date +%s)
elapsed() { echo $(($(date +%s) - START)); }
mkdir -p "$OUT_DIR"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader 2>/dev/null
[ -d /usr/local/cuda/bin ] && export PATH=/usr/local/cuda/bin:$PATH

D=/tmp/unblur-train-deps
mkdir -p $D && tar xJf "$DEPS" -C $D || exit 2
[ -n "${OPENCV_DIR:-}" ] || export LD_LIBRARY_PATH=$D/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
TORCH_PREFIX=${TORCH_PREFIX:-$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')} || exit 3

B=/tmp/unblur-train-build
cmake -S . -B $B -G Ninja -DUNBLUR_CORE_ONLY=ON -DUNBLUR_BUILD_TESTS=OFF \
    -DCMAKE_PREFIX_PATH="$TORCH_PREFIX;$D" -DOpenCV_DIR=${OPENCV_DIR:-$D/lib/cmake/opencv4} \
    -DCMAKE_CUDA_ARCHITECTURES=90 >$B.cmake.log 2>&1 || { tail -40 $B.cmake.log; exit 3; }
grep -q unblur_train_data $B/build.ninja || { grep -i opencv $B.cmake.log; exit 3; }
ninja -C $B unblur_train_cli >$B.build.log 2>&1 ||
    { grep -B3 -A15 -m8 "error" $B.build.log | head -150; exit 4; }
echo "built unblur-train in $(elapsed) s"
TRAIN=$B/app/train/unblur-train

# The bundled model's architecture; stage 1 continues its latent encoder and net_g.
MODEL=(--dim 16 --blocks 1,2,2,3 --refinement 1 --heads 1,2,4,8 --embed-dim 32
       --le-blocks 3 --d-inner 128 --d-blocks 3 --init resources/models/default)
RUN=(--photos "$PHOTOS" --device $DEVICE --threads 4 --loader-threads $LOADERS --seed 20261128)

# Calibration: 30 steps of each stage at the first patch phase.
rm -rf /tmp/unblur-calibration
$TRAIN "${MODEL[@]}" "${RUN[@]}" --out /tmp/unblur-calibration --stage1-steps 30 \
    --stage2-steps 30 --patches $PHASE1 --validate-every 0 --checkpoint-every 1000 \
    --log-every 10 >/tmp/unblur-calibration.log 2>&1 ||
    { tail -30 /tmp/unblur-calibration.log; exit 5; }
read -r PER1 PER2 < <(python3 - <<'EOF'
import csv
rows = list(csv.DictReader(open("/tmp/unblur-calibration/train_log.csv")))
t = {int(r["step"]): float(r["seconds"]) for r in rows}
print((t[30] - t[10]) / 20, (t[60] - t[40]) / 20)
EOF
)
echo "calibration: stage 1 ${PER1} s/step, stage 2 ${PER2} s/step ($PHASE1), at $(elapsed) s"

# Size the run: a fifth of the time for stage 1, the rest for stage 2; the PHASE2 phase
# (second half) and validation cost about 20 % more per step.
LEFT=$((BUDGET - $(elapsed) - 40))
read -r S1 S2 SWITCH < <(python3 -c "
left = $LEFT; s1 = int(0.2 * left / ($PER1 * 1.2)); s2 = int(0.8 * left / ($PER2 * 1.2))
print(s1, s2, (s1 + s2) // 2)")
echo "training: stage 1 $S1 steps, stage 2 $S2 steps, $PHASE2 from step $SWITCH, $LEFT s left"

timeout -s INT -k 30 $((BUDGET - $(elapsed) - 15)) \
    $TRAIN "${MODEL[@]}" "${RUN[@]}" --out "$OUT_DIR/model" \
    --stage1-steps "$S1" --stage2-steps "$S2" --patches "$PHASE1:$SWITCH,$PHASE2" \
    --lr 3e-4 --min-lr 1e-6 --warmup 200 --clip 0.01 \
    --validate-every 500 --val-count $VAL_COUNT --val-size 192 --checkpoint-every 500 --log-every 250 \
    --name "Unblur small (GPU-trained)" --license "GPL-3.0-or-later" \
    --description "Small HI-Diff model trained by unblur-train on synthetic blur of openly licensed photos" \
    2>&1 | tee "$OUT_DIR/train.log"
STATUS=$?
# The resumable state is larger than what comes back; the weights alone are enough to go on.
mv -f "$OUT_DIR/model/training_state.pt" /tmp/ 2>/dev/null
echo "finished with status $STATUS at $(elapsed) s"
[ $STATUS -eq 0 ] || [ $STATUS -eq 130 ] || exit 6
