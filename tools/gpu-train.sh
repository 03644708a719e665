#!/bin/bash
# Trains the bundled model on a CUDA machine that has PyTorch (and so LibTorch) but neither
# OpenCV nor a network: builds unblur-train against PyTorch's LibTorch and the OpenCV that
# tools/make-train-deps.sh packed, measures the speed of stage 2 at three batch sizes and
# takes the one that moves the most pairs per second, sizes the run to end inside the
# wall-clock budget, then trains from the bundled model's weights with a weight average.
#
#   tools/gpu-train.sh DEPS.tar.xz PHOTO_DIR OUT_DIR SECONDS
#
# OUT_DIR receives the training log and the model folder as a tar in 15 MiB parts (a device
# call brings back at most 8 files of 16 MiB each, and a grown net_g.pth is larger):
# `cat OUT_DIR/model.tar.part-* | tar x -C DIR` gives DIR/model. SECONDS counts from the
# start of this script, build included. Exit codes: 2 bad arguments, 3 configure, 4 build,
# 5 calibration, 6 training failed. PHOTO_DIR is searched recursively; make it with
# tools/make-gpu-photos.sh from ../shared/data/sharp and tools/collect-wallpaper-photos.sh's
# folder, which keeps the CPU runs' validation split.
# Tunables: BATCH and PER_STEP (skip the calibration), STAGE1_SHARE (0), BASE_LR (2e-4 at
# batch 48), EMA (0.999), SEED; KERNELS, GREY and LINEAR_LIGHT (the synthetic blur, as
# unblur-train's --kernels, --grey and --linear-light); SHAKE_EXTENT (--shake-extent MIN,MAX);
# SCALE (--scale MIN,MAX, the crops' rescale); FREQUENCY_LOSS (--frequency-loss, default 0);
# MODELCHECK=1 (build and run the golden parity check on the device first); BLOCKS and
# REFINEMENT (a deeper net_g, grown from the bundled one's, read from its model.json: 1,3,8,20
# takes about 48 s on a 12 MP photo on the 2-core development machine; mind the 2-minute and
# 20 MB goals: stored as float16 (`unblur-train half`) it has 14.9 MB, so net_g has room for
# about 2.5 M more parameters; the returned folder is float32, to go on training). For a dry
# run elsewhere: DEVICE=cpu, smaller SIZE1, SIZE2 (patch sides) and BATCH0 (the smallest batch
# tried), LOADERS, VAL_COUNT, TORCH_PREFIX (any LibTorch) and OPENCV_DIR.
# The working tree and the carried photos must stay under the device's 64 MiB (make-gpu-photos
# halves the widest JPEGs).
set -u -o pipefail
DEVICE=${DEVICE:-cuda} SIZE1=${SIZE1:-128} SIZE2=${SIZE2:-192} BATCH0=${BATCH0:-48}
LOADERS=${LOADERS:-14} VAL_COUNT=${VAL_COUNT:-32}
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
TESTS=OFF; [ "${MODELCHECK:-0}" = 1 ] && TESTS=ON
cmake -S . -B $B -G Ninja -DUNBLUR_CORE_ONLY=ON -DUNBLUR_BUILD_TESTS=$TESTS \
    -DCMAKE_PREFIX_PATH="$TORCH_PREFIX;$D" -DOpenCV_DIR=${OPENCV_DIR:-$D/lib/cmake/opencv4} \
    -DCMAKE_CUDA_ARCHITECTURES=90 >$B.cmake.log 2>&1 || { tail -40 $B.cmake.log; exit 3; }
grep -q unblur_train_data $B/build.ninja || { grep -i opencv $B.cmake.log; exit 3; }
TARGETS=(unblur_train_cli)
[ "${MODELCHECK:-0}" = 1 ] && TARGETS+=(unblur_modelcheck)
ninja -C $B "${TARGETS[@]}" >$B.build.log 2>&1 ||
    { grep -B3 -A15 -m8 "error" $B.build.log | head -150; exit 4; }
echo "built ${TARGETS[*]} in $(elapsed) s"
if [ "${MODELCHECK:-0}" = 1 ]; then
    $B/tests/unblur-modelcheck --device $DEVICE 2>&1 | tail -15
    echo "modelcheck on $DEVICE: status $? at $(elapsed) s"
fi
TRAIN=$B/app/train/unblur-train


# The bundled model's architecture, continued from its weights; BLOCKS and REFINEMENT other
# than its own grow it deeper (--grow: the new blocks start as identities).
read -r BUNDLED_BLOCKS BUNDLED_REFINEMENT < <(python3 -c "
import json; g = json.load(open('resources/models/default/model.json'))['config']['g']
print(','.join(map(str, g['num_blocks'])), g['num_refinement_blocks'])") || exit 2
BLOCKS=${BLOCKS:-$BUNDLED_BLOCKS} REFINEMENT=${REFINEMENT:-$BUNDLED_REFINEMENT}
MODEL=(--dim 16 --blocks $BLOCKS --refinement $REFINEMENT --heads 1,2,4,8 --embed-dim 32
       --le-blocks 3 --d-inner 128 --d-blocks 3 --init resources/models/default)
[ "$BLOCKS,$REFINEMENT" = "$BUNDLED_BLOCKS,$BUNDLED_REFINEMENT" ] || MODEL+=(--grow)
RUN=(--photos "$PHOTOS" --device $DEVICE --threads 4 --loader-threads $LOADERS --seed ${SEED:-20261128})
[ -n "${KERNELS:-}" ] && RUN+=(--kernels "$KERNELS")
[ -n "${GREY:-}" ] && RUN+=(--grey "$GREY")
[ -n "${LINEAR_LIGHT:-}" ] && RUN+=(--linear-light "$LINEAR_LIGHT")
[ -n "${SHAKE_EXTENT:-}" ] && RUN+=(--shake-extent "$SHAKE_EXTENT")
[ -n "${SCALE:-}" ] && RUN+=(--scale "$SCALE")
[ -n "${FREQUENCY_LOSS:-}" ] && RUN+=(--frequency-loss "$FREQUENCY_LOSS")

# Calibration, one run of stage 2 (the stage that trains what inference runs): 20 steps at
# each of three batch sizes. A small model on a large GPU is bound by launching kernels, not
# by arithmetic, so a larger batch may cost little more per step.
# It costs about two minutes on an H200, mostly cuDNN's algorithm search for each new batch
# shape: BATCH=N PER_STEP=S (a past calibration's figures) skip it.
if [ -n "${BATCH:-}" ]; then
    PER_STEP=${PER_STEP:-0.3}
else
    rm -rf /tmp/unblur-calibration
    $TRAIN "${MODEL[@]}" "${RUN[@]}" --out /tmp/unblur-calibration --stage1-steps 0 --stage2-steps 60 \
        --patches ${SIZE1}x$((BATCH0)):20,${SIZE1}x$((2 * BATCH0)):40,${SIZE1}x$((4 * BATCH0)) \
        --validate-every 0 --checkpoint-every 1000 --log-every 20 >/tmp/unblur-calibration.log 2>&1 ||
        { tail -30 /tmp/unblur-calibration.log; exit 5; }
    # Seconds per step of each batch over its last 11 steps (the first ones warm cuDNN up); the
    # larger batch wins whenever it moves at least 25 % more pairs per second.
    read -r BATCH PER_STEP < <(python3 - "$BATCH0" <<'EOF'
import csv, sys
b0 = int(sys.argv[1])
rows = {int(r["step"]): r for r in csv.DictReader(open("/tmp/unblur-calibration/train_log.csv"))}
per = {}
for batch, end in ((b0, 20), (2 * b0, 40), (4 * b0, 60)):
    per[batch] = (float(rows[end]["seconds"]) - float(rows[end - 11]["seconds"])) / 11
    wait = max(float(rows[s]["data_wait"]) for s in range(end - 10, end + 1))
    print(f"  batch {batch:4d}: {per[batch]:.3f} s/step, {batch / per[batch]:6.0f} pairs/s,"
          f" data wait up to {100 * wait:.0f} %", file=sys.stderr)
best = b0
for batch in (2 * b0, 4 * b0):
    if batch / per[batch] >= 1.25 * best / per[best]:
        best = batch
print(best, per[best])
EOF
    )
fi
echo "calibration: batch $BATCH at $PER_STEP s/step, at $(elapsed) s"

# Size the run: STAGE1_SHARE of the steps in stage 1 (default none: the bundled model has been
# through it), the rest in stage 2, the second half on patches of SIZE2 at half the batch;
# validation and the larger patches cost about 20 % more per step. The learning rate grows
# with the square root of the batch.
STAGE1_SHARE=${STAGE1_SHARE:-0}
LEFT=$((BUDGET - $(elapsed) - 40))
read -r S1 S2 SWITCH LR < <(python3 -c "
steps = int($LEFT / ($PER_STEP * 1.2)); s1 = int($STAGE1_SHARE * steps)
print(s1, steps - s1, steps // 2, '%.2e' % min(6e-4, ${BASE_LR:-2e-4} * ($BATCH / 48) ** 0.5))")
PHASE1=${SIZE1}x$BATCH PHASE2=${SIZE2}x$((BATCH / 2))
echo "training: stage 1 $S1 steps, stage 2 $S2 steps, $PHASE1 then $PHASE2 from step $SWITCH, lr $LR, $LEFT s left"

timeout -s INT -k 30 $((BUDGET - $(elapsed) - 15)) \
    $TRAIN "${MODEL[@]}" "${RUN[@]}" --out "$OUT_DIR/model" \
    --stage1-steps "$S1" --stage2-steps "$S2" --patches "$PHASE1:$SWITCH,$PHASE2" \
    --lr "$LR" --min-lr 1e-6 --warmup 200 --clip 0.01 --ema "${EMA:-0.999}" \
    --validate-every 500 --val-count $VAL_COUNT --val-size 192 --checkpoint-every 500 --log-every 250 \
    --name "Unblur small (GPU-trained)" --license "GPL-3.0-or-later" \
    --description "Small HI-Diff model trained by unblur-train on synthetic blur of openly licensed photos" \
    2>&1 | tee "$OUT_DIR/train.log"
STATUS=$?
# The resumable state is larger than what comes back; the weights alone are enough to go on.
mv -f "$OUT_DIR/model/training_state.pt" /tmp/ 2>/dev/null
cp /tmp/unblur-calibration.log "$OUT_DIR/" 2>/dev/null
if [ -d "$OUT_DIR/model" ]; then
    tar cf - -C "$OUT_DIR" model | split -b 15M -d - "$OUT_DIR/model.tar.part-" &&
        rm -rf "$OUT_DIR/model" && ls -l "$OUT_DIR"
fi
echo "finished with status $STATUS at $(elapsed) s"
# timeout exits 124 when it had to interrupt the trainer, which saved the model first.
[ $STATUS -eq 0 ] || [ $STATUS -eq 124 ] || [ $STATUS -eq 130 ] || exit 6
