#!/bin/sh
# Parse and diff two generated 3,000-package lockfiles (make_lock_pair.py) in each format:
#  - in-process (pindex-bench-lock-diff): the best time to parse both files, sequentially and on two
#    threads as `pindex diff` does, and to diff them, over RUNS runs;
#  - the whole `pindex diff -v OLD NEW --format json` command: start-up, reading, parsing, diffing and
#    writing the JSON; the best wall-clock time over RUNS runs with the CPU time, page faults and
#    peak RSS of that run, and the best parse+diff time the command itself reports with -v (its
#    phases "reserve heap", "read and parse" and "compare", without process start-up);
#  - for scale, the start-up of `pindex --version` and of `/bin/true` (best of RUNS), and the time
#    to first-touch 64 MiB of fresh memory.
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
# The command: the pindex executable, or where it is not built, its diff command alone
# (pindex-bench-diff-command: the same code behind a main, without pindex's start-up).
if [ ! -x "$pindex" ] && [ -x "$build/tests/bench/pindex-bench-diff-command" ]; then
    pindex=$build/tests/bench/pindex-bench-diff-command
fi
subcommand=diff
case $pindex in */pindex-bench-diff-command) subcommand= ;; esac
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
    best_inner=""
    i=0
    while [ "$i" -lt "$runs" ]; do
        # pindex diff exits 1 when the files differ, which they do.
        /usr/bin/time -f "%e %U %S %R %M" -o "$work/time" "$pindex" $subcommand -v "$work/$format/old/$name" \
            "$work/$format/new/$name" --format json > "$work/out.json" 2> "$work/err" || [ $? -eq 1 ]
        read -r elapsed user system faults rss <<EOT
$(tail -n 1 "$work/time")
EOT
        if [ -z "$best" ] || awk "BEGIN { exit !($elapsed < $best) }"; then
            best=$elapsed
            cpu=$(awk "BEGIN { print $user + $system }")
            best_faults=$faults
            best_rss=$((rss / 1024))
        fi
        # -v prints "pindex diff: time per phase", then lines "  <phase>  <ms> ms" and "  total ...".
        inner=$(awk '/^  (reserve heap|read and parse|compare) / { sum += $(NF - 1); found = 1 }
                     END { if (found) printf "%.1f", sum }' "$work/err")
        command=$(awk '/^  total / { print $(NF - 1) }' "$work/err")
        if [ -n "$inner" ] && { [ -z "$best_inner" ] || awk "BEGIN { exit !($inner < $best_inner) }"; }; then
            best_inner=$inner
            best_command=$command
        fi
        i=$((i + 1))
    done
    echo "    $(basename "$pindex") $subcommand -v --format json: parse+diff ${best_inner} ms, ${best_command} ms in the command" \
        "(best of $runs); whole process best ${best} s wall, ${cpu} s CPU, ${best_faults} page faults," \
        "peak RSS ${best_rss} MiB"
done
if [ -x "$pindex" ]; then
    for program in "$build/app/pindex --version" /bin/true; do
        if [ "$program" != /bin/true ] && [ ! -x "$build/app/pindex" ]; then
            continue
        fi
        best=""
        i=0
        while [ "$i" -lt "$runs" ]; do
            /usr/bin/time -f "%e" -o "$work/time" $program > /dev/null
            elapsed=$(tail -n 1 "$work/time")
            if [ -z "$best" ] || awk "BEGIN { exit !($elapsed < $best) }"; then
                best=$elapsed
            fi
            i=$((i + 1))
        done
        echo "start-up of '$program' for scale: best ${best} s wall"
    done
fi
# Also for scale: what first-touching fresh memory costs on this machine (a fresh process touches
# every page of its heap once; a virtual machine whose host backs memory lazily makes that slow).
/usr/bin/python3 -c '
import time
t = time.perf_counter(); b = bytearray(64 << 20); t = time.perf_counter() - t
print(f"first touch of 64 MiB of fresh memory for scale: {t * 1000:.0f} ms ({t * 1e6 / 16384:.1f} us per 4 KiB page)")'
