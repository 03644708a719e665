#!/bin/sh
# README's before/after picture: the real samples restored by the bundled model, blurry on the
# left, restored on the right, one row per photo at 100 %.
# Usage: tools/make-before-after.sh [BUILD_DIR] [OUT.png]   (needs ImageMagick's convert;
# UNBLUR_CLI and UNBLUR_MODEL override the program and the model folder)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
out=${2:-$root/docs/screenshots/before-after.png}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# sample, crop (WxH+X+Y) that holds the detail, kind of blur
row() {
    "${UNBLUR_CLI:-$build/app/unblur-cli}" deblur "$root/resources/samples/$1" -o "$work/$1.png" \
        --model "${UNBLUR_MODEL:-$root/resources/models/default}" >"$work/log" 2>&1 ||
        { cat "$work/log" >&2; exit 1; }
    label "$root/resources/samples/$1" "$2" "blurry: $3" "$work/$1-before.png"
    label "$work/$1.png" "$2" "Unblur, bundled model" "$work/$1-after.png"
    convert "$work/$1-before.png" "$work/$1-after.png" -bordercolor white -border 2 +append \
        "$work/$1-row.png"
}
# image, crop, caption, output
label() {
    convert "$1" -crop "$2" +repage -gravity NorthWest -fill white -undercolor '#000000a0' \
        -pointsize 18 -annotate +8+6 " $3 " "$4"
}
row licenseplate_motion.jpg 560x300+20+100 "motion"
row text_defocus.jpg 560x300+0+40 "defocus"
convert "$work/licenseplate_motion.jpg-row.png" "$work/text_defocus.jpg-row.png" -append -strip \
    "$work/out.png"
mv "$work/out.png" "$out"
echo "$out"
