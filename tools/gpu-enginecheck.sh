#!/bin/bash
# The tiled engine on a CUDA machine that has PyTorch (and so LibTorch) but no Qt or OpenCV:
# builds unblur-enginecheck against PyTorch's LibTorch, checks the tiny fixture and the bundled
# model against the CPU (tiles, progress, cancel, automatic tiles, fp16/bf16), then times a
# photo of MEGAPIXELS (default 12) with the bundled model in fp32 and bf16.
#   tools/gpu-enginecheck.sh
set -u -o pipefail
START=$(date +%s)
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader 2>/dev/null
[ -d /usr/local/cuda/bin ] && export PATH=/usr/local/cuda/bin:$PATH
TORCH_PREFIX=${TORCH_PREFIX:-$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')} || exit 3
B=/tmp/unblur-engine-build
cmake -S . -B $B -G Ninja -DUNBLUR_CORE_ONLY=ON -DCMAKE_PREFIX_PATH="$TORCH_PREFIX" \
    -DCMAKE_CUDA_ARCHITECTURES=90 >$B.cmake.log 2>&1 || { tail -40 $B.cmake.log; exit 3; }
ninja -C $B unblur_enginecheck >$B.build.log 2>&1 || { grep -A15 -m8 "error" $B.build.log; exit 4; }
echo "built unblur-enginecheck in $(($(date +%s) - START)) s"
STATUS=0
$B/tests/unblur-enginecheck --device ${DEVICE:-cuda} || STATUS=1
$B/tests/unblur-enginecheck --device ${DEVICE:-cuda} --model resources/models/default \
    --megapixels ${MEGAPIXELS:-12} || STATUS=1
echo "finished with status $STATUS at $(($(date +%s) - START)) s"
exit $STATUS
