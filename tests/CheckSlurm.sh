#!/bin/sh
# SlurmCluster and SlurmRequeue: packaging/slurm/check-slurm.sh on a one-node Slurm cluster
# (started and stopped by it) over a few real photos with the tiny test model, then checks the
# outputs: every photo exactly one output, no other or partial file, every photo "done" in the
# merged report, and no daemon of the cluster left running.
#   cluster  7 small photos in 3 array tasks
#   requeue  6 photos in 2 tasks; task 1 cancelled (scancel) after its first photo, requeued
# Usage: CheckSlurm.sh cluster|requeue SOURCE_DIR UNBLUR_CLI
set -eu
mode=$1
source=$(cd "$2" && pwd)
cli=$3
data="$source/tests/data"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
in="$work/in"
out="$work/out"
mkdir "$in"

fail() {
    echo "CheckSlurm $mode: FAILED: $*" >&2
    exit 1
}

case $mode in
cluster)
    tasks=3
    options=""
    for photo in exiv2/Reagan.jpg exiv2/FurnaceCreekInn.jpg exiv2/exiv2-bug884a.jpg \
        pillow/flower2.jpg piexif/r_canon.jpg piexif/r_sony.jpg exif-samples/xmp_no_exif.jpg; do
        cp "$data/metadata/$photo" "$in/"
    done
    ;;
requeue)
    # Task 1 (shard 2/2) gets flower2, kodim12, text_defocus: the cancel lands after the first.
    tasks=2
    options="--requeue-task 1"
    cp "$data/sharp/kodim08.png" "$data/sharp/kodim12.png" "$data/metadata/pillow/flower2.jpg" \
        "$data/metadata/exiv2/Reagan.jpg" "$source/resources/samples/licenseplate_motion.jpg" \
        "$source/resources/samples/text_defocus.jpg" "$in/"
    ;;
*)
    echo "usage: $0 cluster|requeue SOURCE_DIR UNBLUR_CLI" >&2
    exit 2
    ;;
esac

status=0
# shellcheck disable=SC2086 # $options is empty or two words
PATH="$(dirname "$cli"):$PATH" UNBLUR_CHECK_TIMEOUT=150 timeout 240 \
    bash "$source/packaging/slurm/check-slurm.sh" $options "$in" "$out" \
    "$data/hidiff-tiny" "$tasks" >"$work/check.log" 2>&1 || status=$?
cat "$work/check.log"
[ $status -eq 0 ] || fail "check-slurm.sh failed (exit $status)"

# No process of the cluster the check started (its daemons name its folder) is left.
cluster=$(sed -n 's/^check-slurm: started a one-node cluster .* in \(.*\)$/\1/p' "$work/check.log")
[ -n "$cluster" ] || grep -q '^check-slurm: using the running cluster' "$work/check.log" ||
    fail "check-slurm.sh neither started a cluster nor found one"
[ -z "$cluster" ] || for cmdline in /proc/[0-9]*/cmdline; do
    if tr '\0' ' ' <"$cmdline" 2>/dev/null | grep -q -F "$cluster/"; then
        fail "left running: $(tr '\0' ' ' <"$cmdline")"
    fi
done

photos=0
for path in "$in"/*; do
    photo=$(basename "$path")
    photos=$((photos + 1))
    outputs=$(ls "$out" | grep -c "^${photo%.*}_unblur\." || true)
    [ "$outputs" -eq 1 ] || fail "$photo has $outputs outputs"
    rows=$(grep -c "^$in/$photo,.*,done," "$out/report.csv" || true)
    [ "$rows" -eq 1 ] || fail "$photo: $rows 'done' rows in report.csv: $(cat "$out/report.csv")"
done
others=$(ls -A "$out" | grep -v -e '_unblur\.' -e '^report\.csv$' -e '^summary\.txt$' \
    -e '^unblur-slurm$' || true)
[ -z "$others" ] || fail "other files in the output folder: $others"
[ $(($(wc -l <"$out/report.csv") - 1)) -eq "$photos" ] ||
    fail "report.csv has not one row per photo: $(cat "$out/report.csv")"

if [ "$mode" = requeue ]; then
    first="$out/unblur-slurm/task-1-0.csv"
    second="$out/unblur-slurm/task-1-1.csv"
    [ -f "$first" ] && [ -f "$second" ] || fail "task 1 did not report two attempts"
    grep -q ',cancelled,' "$first" || fail "task 1 was not cancelled mid-way: $(cat "$first")"
    grep -q ',done,' "$first" || fail "task 1 restored nothing before the cancel"
    grep -q ',skipped,output exists,' "$second" ||
        fail "the second attempt did not skip the first one's outputs: $(cat "$second")"
    grep -q ',done,' "$second" || fail "the second attempt restored nothing: $(cat "$second")"
fi
echo "CheckSlurm $mode: OK: $photos photos, each with one output, all done in report.csv"
