#!/bin/bash
# The figures issue 30 asks for (bf16 inference on the CPU), float32 against bf16 in one run,
# for a session on a CPU with bf16 instructions (avx512_bf16 or amx_bf16):
#   1. `unblur-cli bench` on the bundled model, 1 MP (1024x1024), fp32 and bf16;
#   2. the published GoPro configuration at 256x256, fp32 and bf16, and the reference
#      formulation as the baseline;
#   3. a 12 MP photo (4000x3000 JPEG) through `deblur` both ways: wall time of each, PSNR of
#      the bf16 output against the fp32 one (16-bit PNGs), and what `--precision auto` picks;
#   4. `unblur-cli eval` on Levin's pairs (../shared/data/eval/levin2009, --align 6, the
#      network alone) both ways: the mean line, input and output PSNR/SSIM.
# Prints the CPU's model name and bf16 flags first. Goals (docs/performance.md): bf16 at least
# 1.5x as fast at 1 MP, 12 MP in at most 30 s on 2 cores, at least 45 dB PSNR against fp32,
# eval within 0.05 dB of fp32. Needs ImageMagick (convert, compare). Takes about 15 minutes on
# 2 cores; far longer where bf16 is emulated.
#
#   tools/bf16-check.sh [CLI]      (default: build/app/unblur-cli)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cli=${1:-$root/build/app/unblur-cli}
model=$root/resources/models/default
levin=$root/../shared/data/eval/levin2009
threads=${THREADS:-2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "## CPU"
grep -m1 'model name' /proc/cpuinfo
echo "bf16 flags: $(grep -m1 '^flags' /proc/cpuinfo | tr ' ' '\n' |
    grep -E '^(avx512_bf16|amx_bf16|amx_tile)$' | tr '\n' ' ')"
echo "cores: $(nproc), threads used: $threads"

echo
echo "## 1. bench, bundled model, 1 MP"
"$cli" bench --model "$model" --sizes 1024 --runs 3 --threads "$threads" --precision fp32,bf16

echo
echo "## 2. bench, GoPro configuration, 256x256"
"$cli" bench --config gopro --sizes 256 --runs 3 --threads "$threads" --reference \
    --precision fp32,bf16

echo
echo "## 3. 12 MP photo, deblur"
convert "$root/resources/samples/licenseplate_motion.jpg" -resize '4000x3000!' -quality 92 \
    "$work/big.jpg"
for precision in fp32 bf16 auto; do
    start=$(date +%s.%N)
    "$cli" deblur "$work/big.jpg" -o "$work/$precision.png" --bit-depth 16 --model "$model" \
        --threads "$threads" --precision "$precision" >"$work/$precision.log" 2>&1
    end=$(date +%s.%N)
    printf '%s: %.1f s wall; %s\n' "$precision" "$(echo "$end - $start" | bc)" \
        "$(grep -E '^Deblurred' "$work/$precision.log")"
    grep -E 'precision:' "$work/$precision.log" || true
done
# ImageMagick prints "PSNR (normalised)" for PNGs; the first figure is in dB.
psnr=$(compare -metric PSNR "$work/bf16.png" "$work/fp32.png" null: 2>&1 || true)
echo "PSNR of bf16 against fp32 (16-bit PNG): $psnr dB"

echo
echo "## 4. eval, Levin 2009 pairs (--align 6)"
for precision in fp32 bf16; do
    echo "### $precision"
    "$cli" eval --pairs "$levin" --align 6 --model "$model" --threads "$threads" \
        --refine off --precision "$precision" 2>&1 | grep -E '^(mean|Method|method)' || true
done
