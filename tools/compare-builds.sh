#!/bin/sh
# Compares two builds of Unblur on the same photos: the CLI's deblur and batch outputs byte for
# byte, the desktop application's restored view pixel for pixel, and the desktop
# application's peak memory while a batch runs beside the main window. For refactorings that
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
status=0
echo "| check | before vs after |"
echo "|---|---|"
for build in before after; do
    dir=$(eval echo \$$build)
    "$dir/app/unblur-cli" deblur "$photo" -o "$work/$build-deblur.png" 2>/dev/null
    "$dir/app/unblur-cli" batch "$work/in" -r -o "$work/$build-batch" 2>/dev/null
done
result=$(same "$work/before-deblur.png" "$work/after-deblur.png")
echo "| unblur-cli deblur $(basename "$photo") → PNG | $result |"
[ "$result" = identical ] || status=1
for file in $(cd "$work/before-batch" && find . -type f | sort); do
    result=$(same "$work/before-batch/$file" "$work/after-batch/$file")
    echo "| unblur-cli batch: ${file#./} | $result |"
    [ "$result" = identical ] || status=1
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

# Peak memory of the GUI running a batch beside the main window (medians of 3).
for build in before after; do
    dir=$(eval echo \$$build)
    for run in 1 2 3; do
        rm -rf "$work/gui-batch-out"
        HOME=$work/$build-home XDG_CONFIG_HOME=$work/$build-home/.config \
            /usr/bin/time -f %M -o "$work/rss" "$dir/app/unblur" --batch "$work/in" \
            --window-size 900x600 --screenshot-batch "$work/gui-batch-out,$work/shot.png" \
            2>/dev/null
        cat "$work/rss"
    done | sort -n | sed -n 2p >"$work/$build-rss"
done
echo "| unblur --batch (3 photos) peak RSS, median of 3 | $(cat "$work/before-rss") kB → $(cat "$work/after-rss") kB |"
exit $status
