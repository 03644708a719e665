#!/bin/bash
# Copies training photos into one folder small enough to travel to a device machine with the
# working tree (64 MiB in all): the content of each PHOTO_DIR lands at the top of OUT_DIR, so
# every photo keeps the path relative to its own folder and with it the validation split that
# unblur-train draws from a hash of that path. JPEGs wider than MAX_WIDTH (default 1900) are
# halved at their own quality (at most 92); PNGs are recompressed losslessly. Other formats
# are left out: the OpenCV that make-train-deps.sh packs reads JPEG and PNG only.
#
#   tools/make-gpu-photos.sh OUT_DIR PHOTO_DIR...
#
# Needs ImageMagick. The result is PHOTO_DIR of tools/gpu-train.sh, e.g. .gpu/photos (ignored).
set -eu
if [ $# -lt 2 ]; then
    echo "usage: $0 OUT_DIR PHOTO_DIR..." >&2
    exit 2
fi
OUT=$1
shift
MAX_WIDTH=${MAX_WIDTH:-1900}
if [ -n "$(ls -A "$OUT" 2>/dev/null)" ]; then
    echo "$OUT: not empty; give a new folder" >&2
    exit 2
fi
mkdir -p "$OUT"
for dir in "$@"; do
    (cd "$dir" && find . -type f \( -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.png' \) -printf '%P\n') |
        while read -r rel; do
            src=$dir/$rel dst=$OUT/$rel
            if [ -e "$dst" ]; then
                echo "$dst: already there (two photo folders hold the same path)" >&2
                exit 1
            fi
            mkdir -p "$(dirname "$dst")"
            case ${rel,,} in
            *.png)
                convert "$src" -define png:compression-level=9 "$dst"
                [ "$(stat -c %s "$dst")" -lt "$(stat -c %s "$src")" ] || cp "$src" "$dst" ;;
            *)
                read -r width quality <<<"$(identify -format '%w %Q' "$src[0]" 2>/dev/null)"
                if [ "$width" -gt "$MAX_WIDTH" ]; then
                    convert "$src" -resize 50% -quality $((quality < 92 ? quality : 92)) "$dst"
                else
                    cp "$src" "$dst"
                fi ;;
            esac
        done
done
echo "$OUT: $(find "$OUT" -type f | wc -l) photos, $(du -sh "$OUT" | cut -f1)"
