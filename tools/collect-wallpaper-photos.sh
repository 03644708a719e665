#!/bin/bash
# Gathers the photographs (not the illustrations) of Debian's plasma-workspace-wallpapers
# (LGPL-3) and mate-backgrounds (GPL-2+) into one folder of training photos for
# unblur-train --photos, each shrunk to at most LONG_SIDE pixels (default 2048, the size
# unblur-train shrinks photos to anyway) and re-encoded as JPEG quality 95, with an
# ATTRIBUTION.md that names every photo's author, package and licence.
#
#   tools/collect-wallpaper-photos.sh OUT_DIR [LONG_SIDE]
#
# Installs the two packages (and ImageMagick) when they are missing; needs root for that.
set -eu -o pipefail
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    echo "usage: $0 OUT_DIR [LONG_SIDE]" >&2
    exit 2
fi
OUT=$1 LONG_SIDE=${2:-2048}
case $LONG_SIDE in '' | *[!0-9]*) echo "$0: LONG_SIDE must be a number of pixels" >&2; exit 2 ;; esac

PLASMA=/usr/share/wallpapers MATE=/usr/share/backgrounds/mate/nature
# Chosen by looking at every image of both packages: real photographs with fine detail.
# Storm.jpg (MATE) is left out: it is itself motion-blurred.
PLASMA_PHOTOS="BytheWater ColdRipple ColorfulCups EveningGlow FallenLeaf Grey Kite OneStandsOut
               Path summer_1am"
MATE_PHOTOS="Aqua Blinds Dune FreshFlower Garden GreenMeadow LadyBird RainDrops TwoWings Wood
             YellowFlower"

missing=()
[ -d $PLASMA/Grey ] || missing+=(plasma-workspace-wallpapers)
[ -f $MATE/Aqua.jpg ] || missing+=(mate-backgrounds)
command -v convert >/dev/null || missing+=(imagemagick)
if [ ${#missing[@]} -gt 0 ]; then
    apt-get install -y --no-install-recommends "${missing[@]}"
fi

mkdir -p "$OUT/plasma" "$OUT/mate"
shrink() { convert "$1" -auto-orient -colorspace sRGB -resize "${LONG_SIDE}x${LONG_SIDE}>" \
    -quality 95 -sampling-factor 4:4:4 "$2.tmp.jpg" && mv -f "$2.tmp.jpg" "$2"; }

{
    echo "# Training photos from Debian's wallpaper packages"
    echo
    echo "Shrunk to at most ${LONG_SIDE} px on the long side by tools/collect-wallpaper-photos.sh."
    echo
    echo "| file | author | package | licence |"
    echo "|---|---|---|---|"
} >"$OUT/ATTRIBUTION.md"

for name in $PLASMA_PHOTOS; do
    src=$(ls -S "$PLASMA/$name/contents/images/"* | head -1) # the largest rendition
    shrink "$src" "$OUT/plasma/$name.jpg"
    author=$(sed -n 's/^ *"Name": "\(.*\)",\?$/\1/p' "$PLASMA/$name/metadata.json" | head -1)
    licence=$(sed -n 's/^ *"License": "\(.*\)",\?$/\1/p' "$PLASMA/$name/metadata.json" | head -1)
    echo "| plasma/$name.jpg | $author | plasma-workspace-wallpapers | $licence |" >>"$OUT/ATTRIBUTION.md"
done

COPYRIGHT=/usr/share/doc/mate-backgrounds/copyright
for name in $MATE_PHOTOS; do
    shrink "$MATE/$name.jpg" "$OUT/mate/$name.jpg"
    # The stanza whose Files: list names this photo: its first copyright holder and licence.
    IFS='|' read -r author licence < <(awk -v f="nature/$name.jpg" '
        /^Files:/ { hit = 0 }
        /^(Files:| )/ { for (i = 1; i <= NF; ++i) if ($i == f) hit = 1 }
        hit && /^Copyright:/ { sub(/^Copyright: *[0-9, -]*/, ""); sub(/ *<.*/, ""); who = $0 }
        hit && /^License:/ { print who "|" $2; exit }' "$COPYRIGHT")
    echo "| mate/$name.jpg | $author | mate-backgrounds | $licence |" >>"$OUT/ATTRIBUTION.md"
done

echo "$(ls "$OUT"/plasma/*.jpg "$OUT"/mate/*.jpg | wc -l) photos in $OUT ($(du -sh "$OUT" | cut -f1))"
