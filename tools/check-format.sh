#!/bin/sh
# Checks that C++ files are formatted as .clang-format says, with the pinned clang-format-14
# (Debian 12's; another version formats differently). Names every unformatted file and exits 1;
# `clang-format-14 -i FILE` fixes one.
# Usage: check-format.sh [FILE...]
#   no FILE: every tracked *.cpp and *.h of the tree (git ls-files in a git checkout, else the
#   C++ files under app core ui tests tools); tests/data/ is left out (it holds a deliberately
#   misformatted fixture).
set -eu
tool=clang-format-14
root=$(cd "$(dirname "$0")/.." && pwd)

if ! command -v "$tool" >/dev/null 2>&1; then
    echo "check-format: $tool not found; it is in packaging/debian-build-deps.txt" \
        "(apt-get install clang-format-14)" >&2
    exit 1
fi

list=$(mktemp)
report=$(mktemp)
trap 'rm -f "$list" "$report"' EXIT

if [ $# -gt 0 ]; then
    for file in "$@"; do
        [ -f "$file" ] || { echo "check-format: no such file: $file" >&2; exit 1; }
        printf '%s\n' "$file"
    done >"$list"
else
    cd "$root"
    if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        git ls-files -- '*.cpp' '*.h'
    else
        find app core ui tests tools -name '*.cpp' -o -name '*.h'
    fi | grep -v -e '^tests/data/' -e '^build[^/]*/' -e '/build[^/]*/' | while IFS= read -r file; do
        # A tracked file deleted in the work tree is not ours to check.
        if [ -f "$file" ]; then printf '%s\n' "$file"; fi
    done >"$list"
    [ -s "$list" ] || { echo "check-format: no C++ files found under $root" >&2; exit 1; }
fi

count=$(wc -l <"$list")
# The project's style file is named explicitly, so a file outside the tree is checked by it too.
if tr '\n' '\0' <"$list" |
    xargs -0 "$tool" --style="file:$root/.clang-format" --dry-run --Werror >"$report" 2>&1; then
    echo "check-format: $count files formatted as .clang-format says ($tool)"
    exit 0
fi
# clang-format reports "FILE:LINE:COL: error: code should be clang-formatted"; name each file.
unformatted=$(sed -n 's/^\(.*\):[0-9]*:[0-9]*: error: code should be clang-formatted.*/\1/p' \
    "$report" | sort -u)
if [ -z "$unformatted" ]; then
    cat "$report" >&2
    echo "check-format: $tool failed" >&2
    exit 1
fi
head -n 40 "$report" >&2
echo "check-format: not formatted with $tool (fix with '$tool -i FILE'):" >&2
printf '%s\n' "$unformatted" | sed 's/^/  /' >&2
exit 1
