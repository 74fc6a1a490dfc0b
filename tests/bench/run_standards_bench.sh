#!/bin/sh
# Runs the core/standards micro-benchmark in C++ and with Python's packaging on the same index
# snapshot and prints both reports and the speed ratio per phase and in total.
#
# usage: tests/bench/run_standards_bench.sh [BUILD_DIR] [DATA_FILE]
#   BUILD_DIR defaults to build/release, DATA_FILE to ../shared/data/resolvelib/index-pypi-2020-11-17-cheroot.json
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build/release}
data=${2:-$root/../shared/data/resolvelib/index-pypi-2020-11-17-cheroot.json}
bench=$build/tests/bench/pindex-bench-standards
if [ ! -x "$bench" ]; then
    echo "missing $bench: cmake --build $build --target pindex-bench-standards" >&2
    exit 2
fi
if [ ! -f "$data" ]; then
    echo "SKIP: no benchmark data at $data"
    exit 0
fi
cpp=$("$bench" "$data" 5)
python=$(/usr/bin/python3 "$here/standards_bench.py" "$data" 3)
echo "== C++ (pindex-bench-standards)"
echo "$cpp"
echo "== Python (packaging $(/usr/bin/python3 -c 'import packaging; print(packaging.__version__)'))"
echo "$python"
echo "== speed-up (Python time / C++ time)"
for phase in "parse versions" "parse requirements" "sort versions" "evaluate markers"; do
    c=$(echo "$cpp" | sed -n "s/^$phase: .* items, \([0-9.]*\) ms.*/\1/p")
    p=$(echo "$python" | sed -n "s/^$phase: .* items, \([0-9.]*\) ms.*/\1/p")
    awk -v name="$phase" -v c="$c" -v p="$p" 'BEGIN { printf "%s: %.1fx\n", name, p / c }'
done
c=$(echo "$cpp" | sed -n 's/^total: \([0-9.]*\) ms/\1/p')
p=$(echo "$python" | sed -n 's/^total: \([0-9.]*\) ms/\1/p')
awk -v c="$c" -v p="$p" 'BEGIN { printf "total: %.1fx faster than packaging\n", p / c }'
