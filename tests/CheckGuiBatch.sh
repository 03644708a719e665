#!/bin/sh
# unblur --batch: the batch window opens with the given folder, runs it (sub-folders mirrored),
# restores the good photo, reports the broken one and goes on, and grabs its own picture.
# Usage: CheckGuiBatch.sh UNBLUR SOURCE_DIR
set -eu
unblur=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in/day1" "$work/in/day2" "$work/home"
cp "$src/tests/data/sharp/kodim12.png" "$work/in/day1/photo.png"
head -c 2000 "$src/resources/samples/text_defocus.jpg" >"$work/in/day2/broken.jpg"

HOME=$work/home XDG_CONFIG_HOME=$work/home/.config QT_QPA_PLATFORM=offscreen \
    UNBLUR_MODEL_DIR=$src/resources/models/default \
    "$unblur" --batch "$work/in" --window-size 900x600 \
    --screenshot-batch "$work/out,$work/shot.png" || {
    echo "FAIL: unblur --batch exited with $?"
    exit 1
}
fail() {
    echo "FAIL: $*"
    ls -lR "$work"
    exit 1
}
[ -s "$work/out/day1/photo_unblur.png" ] || fail "no restored photo in the mirrored folder"
[ ! -e "$work/out/day2/broken_unblur.jpg" ] || fail "an output was written for the broken photo"
[ -s "$work/shot.png" ] || fail "no screenshot"
head -c 8 "$work/shot.png" | od -An -c | grep -q 'P   N   G' || fail "the screenshot is not a PNG"
echo "unblur --batch: restored day1/photo.png, skipped the broken photo, grabbed the window"
