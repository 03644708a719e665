#!/bin/sh
# FormatCheckCatchesMisformatted: tools/check-format.sh passes a file laid out as .clang-format
# says, and fails on one in LLVM's default layout (a wrong or missing style file would pass it),
# naming that file. The fixtures are copied to *.cpp files outside the tree.
# Usage: CheckFormatCatches.sh SOURCE_DIR
set -eu
source=$(cd "$1" && pwd)
check="$source/tools/check-format.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "CheckFormatCatches: $*" >&2; exit 1; }

cp "$source/tests/data/format/formatted.cpp.txt" "$work/formatted.cpp"
cp "$source/tests/data/format/misformatted.cpp.txt" "$work/misformatted.cpp"

sh "$check" "$work/formatted.cpp" >"$work/good.log" 2>&1 ||
    { cat "$work/good.log"; fail "a well formatted file was rejected"; }

if sh "$check" "$work/formatted.cpp" "$work/misformatted.cpp" >"$work/bad.log" 2>&1; then
    cat "$work/bad.log"
    fail "a misformatted file passed"
fi
cat "$work/bad.log"
grep -q "^  $work/misformatted.cpp\$" "$work/bad.log" || fail "the misformatted file is not named"
if grep -q "^  $work/formatted.cpp\$" "$work/bad.log"; then
    fail "the well formatted file is named as well"
fi
echo "CheckFormatCatches: the misformatted file was caught and named"
