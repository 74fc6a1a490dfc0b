#!/bin/sh
# Parse and diff two generated 3,000-package lockfiles (make_lock_pair.py) in each format:
#  - in-process (pindex-bench-lock-diff): the best time to parse both files, sequentially and on two
#    threads as `pindex diff` does, and to diff them, over RUNS runs;
#  - the whole `pindex diff OLD NEW --format json` command: start-up, reading, parsing, diffing and
#    writing the JSON; the best wall-clock time over RUNS runs and the CPU time of that run.
#
# usage: tests/bench/run_lock_diff_bench.sh [BUILD_DIR] [PACKAGES] [RUNS]
#   BUILD_DIR defaults to build/bench, PACKAGES to 3000, RUNS to 10
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build/bench}
packages=${2:-3000}
runs=${3:-10}
pindex=$build/app/pindex
bench=$build/tests/bench/pindex-bench-lock-diff
if [ ! -x "$bench" ]; then
    echo "missing $bench: cmake --build $build --target pindex-bench-lock-diff" >&2
    exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for format in uv pylock poetry requirements; do
    /usr/bin/python3 "$here/make_lock_pair.py" "$work/$format" --packages "$packages" --format "$format"
    case $format in
    uv) name=uv.lock ;;
    pylock) name=pylock.toml ;;
    poetry) name=poetry.lock ;;
    requirements) name=requirements.txt ;;
    esac
    size=$(du -k "$work/$format/old/$name" | cut -f1)
    printf '%s (%s KiB each): ' "$name" "$size"
    "$bench" "$work/$format/old/$name" "$work/$format/new/$name" "$runs"
    if [ ! -x "$pindex" ]; then
        continue
    fi
    best=""
    i=0
    while [ "$i" -lt "$runs" ]; do
        # pindex diff exits 1 when the files differ, which they do.
        /usr/bin/time -f "%e %U %S" -o "$work/time" "$pindex" diff "$work/$format/old/$name" \
            "$work/$format/new/$name" --format json > "$work/out.json" || [ $? -eq 1 ]
        read -r elapsed user system <<EOT
$(tail -n 1 "$work/time")
EOT
        if [ -z "$best" ] || awk "BEGIN { exit !($elapsed < $best) }"; then
            best=$elapsed
            cpu=$(awk "BEGIN { print $user + $system }")
        fi
        i=$((i + 1))
    done
    echo "    pindex diff --format json: best ${best} s wall, ${cpu} s CPU"
done
