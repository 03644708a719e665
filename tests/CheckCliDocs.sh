#!/bin/sh
# CliDocs: every long option a program's --help prints (and each of its commands' --help, the
# commands read from the "Commands:" list) is described in the program's manual page
# (packaging/PROGRAM.1) and in the command-line reference (docs/cli.md). Names each missing one.
# Usage: CheckCliDocs.sh SOURCE_DIR PROGRAM...
set -eu
source=$(cd "$1" && pwd)
shift
reference="$source/docs/cli.md"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
missing=0

# The long options (--name) in a text, one a line, sorted.
long_options() { grep -o -e '--[A-Za-z0-9][A-Za-z0-9-]*' "$1" | sort -u; }
# Whether file $2 mentions option $1 as a whole word (--tile is not found in --tiled).
mentions() { grep -q -E -e "(^|[^A-Za-z0-9-])$1([^A-Za-z0-9-]|\$)" "$2"; }

if [ ! -f "$reference" ]; then
    echo "CliDocs: docs/cli.md, the command-line reference, does not exist" >&2
    missing=1
fi

for program in "$@"; do
    name=$(basename "$program")
    help="$work/$name.help"
    "$program" --help >"$help" 2>&1 || { cat "$help"; echo "CliDocs: $name --help failed" >&2; exit 1; }
    # Commands: indented names below "Commands:", up to the next blank line.
    commands=$(sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p' "$help")
    for command in $commands; do
        "$program" "$command" --help >>"$help" 2>&1 ||
            { cat "$help"; echo "CliDocs: $name $command --help failed" >&2; exit 1; }
    done
    manual="$source/packaging/$name.1"
    # The manual page as text: roff's \- is a hyphen, font changes (\fB, \fR...) go.
    sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' "$manual" >"$work/$name.man" ||
        { echo "CliDocs: no manual page $manual" >&2; exit 1; }
    options=$(long_options "$help")
    [ -n "$options" ] || { echo "CliDocs: $name --help shows no long options" >&2; exit 1; }
    for option in $options; do
        if ! mentions "$option" "$work/$name.man"; then
            echo "CliDocs: $name $option is missing from packaging/$name.1" >&2
            missing=1
        fi
        if [ -f "$reference" ] && ! mentions "$option" "$reference"; then
            echo "CliDocs: $name $option is missing from docs/cli.md" >&2
            missing=1
        fi
    done
    echo "CliDocs: $name: $(echo "$options" | wc -l) long options from --help and" \
        "$(echo $commands | wc -w) commands' --help checked"
done
exit $missing
