#!/bin/bash
# Times the two failures issue 34 made cheap, for one or two builds of unblur-cli:
#   1. `deblur` of a 12 MP JPEG into a read-only file system, until the error;
#   2. `batch` of 20 photos of 640x480 (PNG outputs of about 350 KiB) into a tmpfs with 1.1 MiB
#      left, until it ends: enough for the batch's check before the work (1 MiB free) and for
#      about 3 outputs, not for the batch.
# Prints a Markdown table of medians (3 runs each) and the CPU. Needs root (it mounts tmpfs)
# and ImageMagick's convert.
#
#   tools/fault-timings.sh [BEFORE_CLI] AFTER_CLI      (default: build/app/unblur-cli)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
clis=("$@")
((${#clis[@]} > 0)) || clis=("$root/build/app/unblur-cli")
export UNBLUR_MODEL_DIR=$root/resources/models/default
work=$(mktemp -d)
mounts=()
cleanup() {
    for m in "${mounts[@]}"; do umount -l "$m" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

# Photos: one 12 MP JPEG, and twenty 640x480 PNGs cut from it.
sample=$root/resources/samples/licenseplate_motion.jpg
convert "$sample" -resize '4000x3000!' -quality 92 "$work/big.jpg"
mkdir -p "$work/in"
for i in $(seq -w 1 20); do
    convert "$work/big.jpg" -crop "640x480+$((10#$i * 97))+$((10#$i * 71))" +repage \
        "$work/in/p$i.png"
done

mountTmpfs() { # FOLDER OPTIONS
    mkdir -p "$1"
    mount -t tmpfs -o "$2" tmpfs "$1"
    mounts+=("$1")
}

median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

# Seconds one command takes (it is expected to fail; its last line goes to stderr).
seconds() {
    local start end
    start=$(date +%s.%N)
    "$@" >"$work/last.log" 2>&1 || true
    end=$(date +%s.%N)
    grep -E 'stopped:|cannot write' "$work/last.log" | head -n 1 >&2 || true
    printf '%.2f\n' "$(echo "$end - $start" | bc)"
}

readOnlyDeblur() { # CLI
    local ro=$work/ro
    mountTmpfs "$ro" size=64m,ro
    for _ in 1 2 3; do seconds "$1" deblur "$work/big.jpg" -o "$ro/big_unblur.jpg"; done | median
    umount -l "$ro"
}

fullDiskBatch() { # CLI
    local full=$work/full
    for _ in 1 2 3; do
        mountTmpfs "$full" size=16m
        local free
        free=$(df -B1 --output=avail "$full" | tail -n 1)
        head -c $((free - 1126 * 1024)) /dev/zero >"$full/filler"
        seconds "$1" batch "$work/in" -o "$full" --no-protect-sharp
        # What the run left: whole outputs only (any temporary file would show here too).
        echo "$(find "$full" -type f ! -name filler | wc -l) files written" >&2
        umount -l "$full"
    done | median
}

cpu=$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)
echo "CPU: $cpu, $(nproc) cores"
echo
header="| case |"
rule="|---|"
for cli in "${clis[@]}"; do
    header+=" $(basename "$(dirname "$(dirname "$(dirname "$cli")")")") |"
    rule+="---|"
done
echo "$header"
echo "$rule"
row="| deblur 12 MP into a read-only folder, s to the error |"
for cli in "${clis[@]}"; do row+=" $(readOnlyDeblur "$cli") |"; done
echo "$row"
row="| batch of 20 (640x480) into a disk with 1.1 MiB left, s to the end |"
for cli in "${clis[@]}"; do row+=" $(fullDiskBatch "$cli") |"; done
echo "$row"
