#!/bin/sh
# Times `pindex diff OLD NEW --format json` on two generated 3,000-package lockfiles (uv.lock and
# pylock.toml pairs from make_lock_pair.py): the whole CLI run, parse and diff included. Prints the
# best wall-clock time and the CPU time of that run, over RUNS runs.
#
# usage: tests/bench/run_lock_diff_bench.sh [BUILD_DIR] [PACKAGES] [RUNS]
#   BUILD_DIR defaults to build/release, PACKAGES to 3000, RUNS to 5
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build/release}
packages=${2:-3000}
runs=${3:-5}
pindex=$build/app/pindex
if [ ! -x "$pindex" ]; then
    echo "missing $pindex: cmake --build $build --target pindex" >&2
    exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for format in uv pylock; do
    /usr/bin/python3 "$here/make_lock_pair.py" "$work/$format" --packages "$packages" --format "$format"
    name=uv.lock
    [ "$format" = pylock ] && name=pylock.toml
    best=""
    i=0
    while [ "$i" -lt "$runs" ]; do
        # pindex diff exits 1 when the files differ, which they do.
        /usr/bin/time -f "%e %U %S" -o "$work/time" "$pindex" diff "$work/$format/old/$name" \
            "$work/$format/new/$name" --format json > "$work/out.json" || [ $? -eq 1 ]
        read -r elapsed user system <<EOF
$(tail -n 1 "$work/time")
EOF
        if [ -z "$best" ] || awk "BEGIN { exit !($elapsed < $best) }"; then
            best=$elapsed
            cpu=$(awk "BEGIN { print $user + $system }")
        fi
        i=$((i + 1))
    done
    changes=$(grep -c '"name"' "$work/out.json")
    size=$(du -k "$work/$format/old/$name" | cut -f1)
    echo "$name: $packages packages (${size} KiB each), $changes changes: best ${best} s wall, ${cpu} s CPU"
done
