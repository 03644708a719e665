#!/bin/sh
# docs/refinement.md's pictures: real shaken photos from ../shared/data/blurry, blurry | the
# network alone | the network + shake refinement forced on, with what Auto decided, one row per
# photo at 100 %.
# Usage: tools/make-refine-pictures.sh [BUILD_DIR] [OUT.png]   (needs ImageMagick's convert;
# UNBLUR_CLI, UNBLUR_MODEL and UNBLUR_BLURRY override the program, model and photo folder)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
out=${2:-$root/docs/screenshots/refinement.png}
photos=${UNBLUR_BLURRY:-$root/../shared/data/blurry}
cli=${UNBLUR_CLI:-$build/app/unblur-cli}
model=${UNBLUR_MODEL:-$root/resources/models/default}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# image, crop, caption, output
label() {
    convert "$1" -crop "$2" +repage -gravity NorthWest -fill white -undercolor '#000000a0' \
        -pointsize 15 -annotate +6+4 " $3 " "$4"
}
# photo (under $photos), crop (WxH+X+Y)
row() {
    name=$(basename "$1")
    for mode in off on auto; do
        "$cli" deblur "$photos/$1" -o "$work/$name-$mode.png" --model "$model" --refine $mode \
            >"$work/$name-$mode.log" 2>&1 || { cat "$work/$name-$mode.log" >&2; exit 1; }
    done
    auto=$(sed -n 's/^Shake refinement: \(.*\) ([0-9.]* s)$/\1/p' "$work/$name-auto.log")
    on=$(sed -n 's/^Shake refinement: applied (\(kernel [0-9]* px\).*/\1/p' "$work/$name-on.log")
    echo "$1: auto: $auto; on: $on"
    label "$photos/$1" "$2" "$name" "$work/a.png"
    label "$work/$name-off.png" "$2" "network" "$work/b.png"
    label "$work/$name-on.png" "$2" "+ refinement on, $on" "$work/c.png"
    convert "$work/c.png" -gravity SouthWest -fill white -undercolor '#000000a0' -pointsize 15 \
        -annotate +6+4 " Auto: $auto " "$work/c.png"
    convert "$work/a.png" "$work/b.png" "$work/c.png" -bordercolor white -border 2 +append \
        "$work/$name-row.png"
}
row opencv/text_motion.jpg 380x200+100+80
row opencv/licenseplate_motion.jpg 380x200+110+160
row srn/4c6.png 380x200+320+300
row clock_camera_shake.png 380x200+10+50
convert "$work/text_motion.jpg-row.png" "$work/licenseplate_motion.jpg-row.png" \
    "$work/4c6.png-row.png" "$work/clock_camera_shake.png-row.png" -append -strip "$work/out.png"
mv "$work/out.png" "$out"
echo "$out"
