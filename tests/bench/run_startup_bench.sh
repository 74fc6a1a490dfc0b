#!/usr/bin/env bash
# Start-up of headless commands (see docs/BENCHMARKS.md, "Sync"). Usage:
#   tests/bench/run_startup_bench.sh BUILD_DIR [RUNS] [BASELINE_PINDEX]
# Times `pindex --version`, `pindex show` (the demo project) and `pindex diff` (two uv.lock files)
# RUNS times each (median): wall time, page faults (/usr/bin/time) and the number of shared
# libraries the loader mapped (LD_DEBUG=files), for BUILD_DIR/app/pindex and, when given, another
# pindex executable (e.g. an older build) run alternately with it, so both see the same load.
# With SYNC_PROJECT=DIR (a project whose venv already matches its lock, synced with the same
# XDG_CACHE_HOME), also the no-op `pindex sync -v --project DIR`.
set -euo pipefail
build="${1:?usage: $0 BUILD_DIR [RUNS] [BASELINE_PINDEX]}"
runs="${2:-10}"
baseline="${3:-}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
pindex="$build/app/pindex"
[[ -x "$pindex" ]] || { echo "$pindex is not built"; exit 1; }
timer=/usr/bin/time
[[ -x $timer ]] || { echo "needs /usr/bin/time (Debian package time)"; exit 1; }

work="$(mktemp -d /tmp/pindex-startup-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
cp -r "$root/tests/data/diff/uv-pair" "$work/pair"
if [[ -d "$build/demo" ]]; then
    cp -r "$build/demo" "$work/demo"
else
    mkdir -p "$work/demo" && printf '[project]\nname = "demo"\nversion = "1"\ndependencies = ["a"]\n' >"$work/demo/pyproject.toml"
fi

median() { tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
now() { date +%s%N; }

# One run of a command: "<ms> <page faults>".
measure() {
    local t0 t1
    t0=$(now)
    "$timer" -f "%R" -o "$work/time.txt" "$@" >/dev/null 2>&1 || true
    t1=$(now)
    echo "$(( (t1 - t0) / 1000000 )) $(tail -1 "$work/time.txt")"
}
# The number of distinct shared libraries the loader mapped into the command's process.
libraries() {
    rm -f "$work"/ld.*
    LD_DEBUG=files LD_DEBUG_OUTPUT="$work/ld" "$@" >/dev/null 2>&1 || true
    grep -ho 'file=[^ ]*' "$work"/ld.* | sort -u | wc -l
}

declare -A times faults
executables=("$pindex")
[[ -n "$baseline" ]] && executables+=("$baseline")
cases=(version show diff)
[[ -n "${SYNC_PROJECT:-}" ]] && cases+=(sync)
args_version=(--version)
args_show=(show --project "$work/demo")
args_diff=(diff "$work/pair/old/uv.lock" "$work/pair/new/uv.lock")
args_sync=(sync -v --project "${SYNC_PROJECT:-}")

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for _ in $(seq "$runs"); do
    for case in "${cases[@]}"; do
        declare -n args="args_$case"
        for exe in "${executables[@]}"; do
            read -r ms pf < <(measure "$exe" "${args[@]}")
            times[$exe,$case]+="$ms "
            faults[$exe,$case]+="$pf "
        done
        unset -n args
    done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
true_ms=$(for _ in $(seq "$runs"); do measure /bin/true; done | awk '{print $1}' | tr '\n' ' ' | median)

echo "start-up benchmark: $runs runs, medians; load average $load_before at the start, $load_after at the end"
echo "  /bin/true: $true_ms ms"
for exe in "${executables[@]}"; do
    echo "  $exe"
    for case in "${cases[@]}"; do
        declare -n args="args_$case"
        printf '    %-10s %5s ms, %5s page faults, %3s libraries mapped\n' "$case" \
            "$(echo "${times[$exe,$case]}" | median)" "$(echo "${faults[$exe,$case]}" | median)" \
            "$(libraries "$exe" "${args[@]}")"
        unset -n args
    done
done
