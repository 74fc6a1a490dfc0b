#!/usr/bin/env bash
# Checks that a Qt Linguist .ts file is complete for the current sources: runs lupdate into a copy
# (so new tr() strings show up), then fails listing every entry still marked unfinished.
# Usage: check_translations.sh LUPDATE FILE.ts SOURCE_DIR...
set -euo pipefail
lupdate=$1
ts=$2
shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$ts" "$work/check.ts"
"$lupdate" -silent -locations none -no-obsolete -extensions cpp,h,ui -I "$(dirname "$1")" "$@" -ts "$work/check.ts" >/dev/null
unfinished=$(grep -c 'type="unfinished"' "$work/check.ts" || true)
if [[ "$unfinished" -ne 0 ]]; then
    echo "$(basename "$ts"): $unfinished unfinished translations:"
    # The source text of each unfinished message.
    awk '/<source>/ { source = $0 } /type="unfinished"/ { print "  " source }' "$work/check.ts" |
        sed -e 's/<\/\?source>//g' | head -50
    echo "Run: cmake --build <build dir> --target update_translations, then translate them."
    exit 1
fi
total=$(grep -c '<message' "$work/check.ts" || true)
echo "$(basename "$ts"): all $total messages translated"
