#!/bin/sh
# Compares two builds of Unblur on the same photos: the CLI's deblur and batch outputs (byte for
# byte without metadata, whose XMP history holds the time of the run; pixel for pixel with
# it), the desktop application's restored view pixel for pixel, and the desktop application's
# peak memory while a batch runs beside the main window. For refactorings that
# must not change a single output (e.g. issue 33's Restorer API).
# Usage: tools/compare-builds.sh BEFORE_BUILD_DIR AFTER_BUILD_DIR [PHOTO]
# Needs imagemagick (compare) and /usr/bin/time; the GUI runs on the offscreen platform.
set -eu
before=${1:?usage: compare-builds.sh BEFORE_BUILD AFTER_BUILD [PHOTO]}
after=${2:?usage: compare-builds.sh BEFORE_BUILD AFTER_BUILD [PHOTO]}
src=$(cd "$(dirname "$0")/.." && pwd)
photo=${3:-$src/resources/samples/licenseplate_motion.jpg}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export UNBLUR_MODEL_DIR="$src/resources/models/default" QT_QPA_PLATFORM=offscreen
mkdir -p "$work/in/sub"
cp "$photo" "$work/in/"
cp "$src/tests/data/sharp/kodim12.png" "$work/in/sub/"
cp "$src/resources/samples/text_defocus.jpg" "$work/in/sub/"

same() { cmp -s "$1" "$2" && echo identical || echo DIFFERENT; }
pixels() { compare -quiet -metric AE "$1" "$2" null: 2>&1 | grep -o "^[0-9.e+]*" || true; }
status=0
echo "| check | before vs after |"
echo "|---|---|"
for build in before after; do
    dir=$(eval echo \$$build)
    for meta in kept stripped; do
        strip=$([ $meta = stripped ] && echo --strip-metadata || true)
        "$dir/app/unblur-cli" deblur "$photo" -o "$work/$build-$meta-deblur.png" $strip 2>/dev/null
        "$dir/app/unblur-cli" batch "$work/in" -r -o "$work/$build-$meta-batch" $strip 2>/dev/null
    done
done
# compareOutput LABEL STRIPPED_PATH KEPT_PATH (relative to $work, after the build's name):
# the bytes without metadata, the pixels with it.
compareOutput() {
    result=$(same "$work/before-$2" "$work/after-$2")
    echo "| $1 --strip-metadata: file bytes | $result |"
    [ "$result" = identical ] || status=1
    result=$(pixels "$work/before-$3" "$work/after-$3")
    echo "| $1: pixels that differ | $result |"
    [ "$result" = 0 ] || status=1
}
compareOutput "unblur-cli deblur $(basename "$photo")" stripped-deblur.png kept-deblur.png
for file in $(cd "$work/before-kept-batch" && find . -type f | sort); do
    compareOutput "unblur-cli batch ${file#./}" "stripped-batch/$file" "kept-batch/$file"
done

# The GUI: deblur the photo and grab the window; the status bar (run time) is cut off.
for build in before after; do
    dir=$(eval echo \$$build)
    mkdir -p "$work/$build-home"
    HOME=$work/$build-home XDG_CONFIG_HOME=$work/$build-home/.config \
        "$dir/app/unblur" "$photo" --deblur --window-size 1200x800 \
        --screenshot "$work/$build-gui.png" 2>/dev/null
    convert "$work/$build-gui.png" -crop 1200x740+0+0 +repage "$work/$build-gui-view.png"
done
differing=$(compare -metric AE "$work/before-gui-view.png" "$work/after-gui-view.png" null: 2>&1 || true)
echo "| unblur $(basename "$photo") --deblur: window pixels that differ | $differing |"
[ "$differing" = 0 ] || status=1

# Peak memory of the GUI running a batch beside the main window (medians of 3): on one small
# photo, where the models dominate, and on the three photos, where tile memory does.
convert "$src/tests/data/sharp/kodim12.png" -resize 96x64! "$work/small.png"
mkdir -p "$work/small-in" && mv "$work/small.png" "$work/small-in/"
for input in small-in in; do
    for build in before after; do
        dir=$(eval echo \$$build)
        for run in 1 2 3; do
            rm -rf "$work/gui-batch-out"
            HOME=$work/$build-home XDG_CONFIG_HOME=$work/$build-home/.config \
                /usr/bin/time -f %M -o "$work/rss" "$dir/app/unblur" --batch "$work/$input" \
                --window-size 900x600 --screenshot-batch "$work/gui-batch-out,$work/shot.png" \
                2>/dev/null
            cat "$work/rss"
        done | sort -n | sed -n 2p >"$work/$build-rss"
    done
    what=$([ $input = small-in ] && echo "1 photo of 96x64" || echo "3 photos")
    echo "| unblur --batch ($what) peak RSS, median of 3 | $(cat "$work/before-rss") kB → $(cat "$work/after-rss") kB |"
done
exit $status
