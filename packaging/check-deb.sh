#!/bin/sh
# Builds the Debian package from a finished build folder, checks it with lintian (errors fail),
# unpacks it into a fresh staging root (dpkg-deb -x), checks that this machine satisfies its
# dependencies, validates the desktop files, and runs the smoke checks from the staged files:
# unblur-cli --version, a CLI deblur of a photo with the packaged model, and the GUI starting on
# the offscreen platform.
# Usage: check-deb.sh BUILD_DIR SOURCE_DIR
set -eu
build=$(cd "$1" && pwd)
source=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "check-deb: $*" >&2; exit 1; }

echo "== cpack -G DEB"
(cd "$build" && cpack -G DEB -B "$work/package" >"$work/cpack.log" 2>&1) ||
    { cat "$work/cpack.log"; fail "cpack failed"; }
deb=$(ls "$work"/package/unblur_*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || fail "no .deb was made"
dpkg-deb -f "$deb" Package Version Architecture Installed-Size Depends Recommends
depends=$(dpkg-deb -f "$deb" Depends)
echo "$depends" | grep -q "libtorch" || fail "Depends lacks LibTorch (shlibdeps did not run?)"

echo "== lintian (fails on errors; warnings are shown)"
lintian --fail-on error "$deb" || fail "lintian reports errors"

echo "== dependencies on this machine"
apt-get satisfy -s "$depends" >"$work/satisfy.log" 2>&1 || { cat "$work/satisfy.log"; fail "dependencies cannot be satisfied"; }
if grep -q '^Inst ' "$work/satisfy.log"; then
    grep '^Inst ' "$work/satisfy.log"
    fail "dependencies missing on this machine"
fi
echo "all satisfied"

echo "== staged files"
root="$work/root"
dpkg-deb -x "$deb" "$root"
for f in usr/bin/unblur usr/bin/unblur-cli usr/bin/unblur-train \
    usr/share/unblur/models/default/net_g.pth usr/share/unblur/models/default/model.json \
    usr/share/applications/org.unblur.Unblur.desktop \
    usr/share/metainfo/org.unblur.Unblur.metainfo.xml \
    usr/share/icons/hicolor/scalable/apps/org.unblur.Unblur.svg \
    usr/share/icons/hicolor/48x48/apps/org.unblur.Unblur.png \
    usr/share/icons/hicolor/256x256/apps/org.unblur.Unblur.png \
    usr/share/man/man1/unblur-cli.1.gz usr/share/man/man1/unblur.1.gz \
    usr/share/man/man1/unblur-train.1.gz \
    usr/share/doc/unblur/copyright usr/share/doc/unblur/changelog.gz; do
    [ -e "$root/$f" ] || fail "the package lacks /$f"
done
echo "ok"

echo "== desktop-file-validate, appstreamcli validate"
desktop-file-validate "$root/usr/share/applications/org.unblur.Unblur.desktop"
appstreamcli validate --no-net "$root/usr/share/metainfo/org.unblur.Unblur.metainfo.xml"

echo "== smoke: unblur-cli --version"
"$root/usr/bin/unblur-cli" --version | grep -q "unblur-cli" || fail "--version"

echo "== smoke: CLI deblur with the packaged model (found beside the relocated program)"
unset UNBLUR_MODEL_DIR
photo="$source/tests/data/metadata/exiv2/FurnaceCreekInn.jpg"
"$root/usr/bin/unblur-cli" deblur "$photo" -o "$work/out.jpg" --threads 2
[ "$(head -c 2 "$work/out.jpg" | od -An -tx1 | tr -d ' ')" = "ffd8" ] || fail "no JPEG written"

echo "== smoke: the GUI starts (offscreen) and shows the photo"
XDG_CONFIG_HOME="$work/config" QT_QPA_PLATFORM=offscreen "$root/usr/bin/unblur" "$photo" --screenshot "$work/gui.png"
[ "$(head -c 4 "$work/gui.png" | od -An -tx1 | tr -d ' ')" = "89504e47" ] || fail "no screenshot"
echo "check-deb: all checks passed ($(basename "$deb"), $(du -h "$deb" | cut -f1))"
