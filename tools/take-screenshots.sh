#!/bin/sh
# Retakes the application's screenshots in docs/screenshots under Xvfb at 1600x1000 with the
# bundled model, each with fresh settings. The application grabs its own window.
# Usage: tools/take-screenshots.sh [BUILD_DIR]   (needs xvfb-run)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
shots=$root/docs/screenshots
samples=$root/resources/samples
work=$(mktemp -d)
shoot=/tmp/unblur-shoot
trap 'umount -l "$shoot/full" 2>/dev/null || true; rm -rf "$work" "$shoot"' EXIT

# LANG, then the application's arguments (the main window at 1600x1000); $settings, when set,
# is written to the fresh configuration first (QSettings' INI text).
settings=
shot() {
    lang=$1
    shift
    case " $* " in *" --batch "*) ;; *) set -- --window-size 1600x1000 "$@" ;; esac
    rm -rf "$work/home"
    mkdir -p "$work/home/.config/Unblur"
    if [ -n "$settings" ]; then
        printf '%s\n' "$settings" >"$work/home/.config/Unblur/Unblur.conf"
    fi
    HOME=$work/home XDG_CONFIG_HOME=$work/home/.config LANG=$lang LC_ALL= LANGUAGE= \
        xvfb-run -a -s "-screen 0 1600x1000x24" \
        "$build/app/unblur" "$@" 2>&1 | grep -v XDG_RUNTIME_DIR || true
}

shot en_US.UTF-8 "$samples/licenseplate_motion.jpg" --deblur --screenshot "$shots/main-window.png"
shot de_DE.UTF-8 "$samples/licenseplate_motion.jpg" --deblur \
    --screenshot "$shots/main-window-de.png"
shot zh_CN.UTF-8 "$samples/licenseplate_motion.jpg" --deblur \
    --screenshot "$shots/main-window-zh_CN.png"
shot en_US.UTF-8 "$samples/text_defocus.jpg" --preview --screenshot "$shots/preview.png"
shot en_US.UTF-8 "$samples/dynamic_street.jpg" --deblur \
    --screenshot-progress "$shots/progress.png" --screenshot "$work/done.png"
# View > Blur map on a shaken photo, before any deblur (taken once its blur is measured).
settings='[view]
blurMap=true'
shot en_US.UTF-8 "$samples/dynamic_street.jpg" --screenshot "$shots/blur-map.png"
settings=
# A photo cut off half-way: the banner names the file and the reason.
head -c 20000 "$samples/licenseplate_motion.jpg" >"$work/truncated.jpg"
shot en_US.UTF-8 "$work/truncated.jpg" --screenshot "$shots/error-banner.png"
# The batch window after a run over two folders, one photo cut off half-way; the Blur column
# holds each photo's score.
# A short fixed path ($shoot), since the window shows it.
rm -rf "$shoot"
mkdir -p "$shoot/photos/day1" "$shoot/photos/day2"
cp "$samples"/*.jpg "$shoot/photos/day1/"
cp "$root/tests/data/sharp/kodim12.png" "$shoot/photos/day2/"
head -c 30000 "$samples/dynamic_street.jpg" >"$shoot/photos/day2/IMG_0420.jpg"
shot en_US.UTF-8 --batch "$shoot/photos" --window-size 1100x760 \
    --screenshot-batch "$shoot/unblurred,$shots/batch-window.png"
rm -rf "$shoot"
# The batch window stopped by a full disk: seven grainy photos (PNG keeps grain nearly
# uncompressed) into a small tmpfs with room for the check before the work and two outputs
# (needs root to mount it; skipped otherwise).
mkdir -p "$shoot/photos" "$shoot/full"
if mount -t tmpfs -o size=8m tmpfs "$shoot/full" 2>/dev/null; then
    n=501
    for source in licenseplate_motion.jpg:600x480+0+0 text_defocus.jpg:640x472+0+0 \
        dynamic_street.jpg:640x480+0+0 dynamic_street.jpg:640x480+640+0 \
        dynamic_street.jpg:640x480+0+240 dynamic_street.jpg:640x480+640+240 \
        dynamic_street.jpg:640x480+320+120; do
        convert "$samples/${source%%:*}" -crop "${source#*:}" +repage -attenuate 0.5 \
            +noise Gaussian "$shoot/photos/IMG_0$n.png"
        n=$((n + 1))
    done
    free=$(df -B1 --output=avail "$shoot/full" | tail -n 1)
    head -c $((free - 2200 * 1024)) /dev/zero >"$shoot/full/other-files"
    shot en_US.UTF-8 --batch "$shoot/photos" --window-size 1100x760 \
        --screenshot-batch "$shoot/full,$shots/batch-disk-full.png"
    umount -l "$shoot/full"
else
    echo "take-screenshots: batch-disk-full.png not retaken (mounting a tmpfs needs root)" >&2
fi
rm -rf "$shoot"
ls -l "$shots"
