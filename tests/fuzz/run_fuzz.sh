#!/usr/bin/env bash
# Runs the libFuzzer targets of the `fuzz` build for a while each and reports the executions.
#
#   run_fuzz.sh --build-dir build/fuzz [--seconds N] [--skip-missing] [TARGET...]
#
# Each target starts from its working corpus (BUILD/corpus/NAME, kept between runs), the committed
# corpus (tests/fuzz/corpus/NAME) and seeds made from the test data (BUILD/seeds/NAME). A crash
# leaves its input in BUILD/crashes/NAME/; copy it into tests/fuzz/corpus/NAME/ when fixed, so the
# replay test keeps it. The last line is "N passed, N failed".
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source_dir="$(cd "$here/../.." && pwd)"
build_dir=""
seconds=60
skip_missing=0
targets=()
while [[ $# -gt 0 ]]; do
    case "$1" in
    --build-dir) build_dir="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --skip-missing) skip_missing=1; shift ;;
    -h | --help) sed -n '2,10p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
    esac
done
if [[ -z "$build_dir" ]]; then
    echo "run_fuzz.sh: --build-dir is required" >&2
    exit 2
fi
if [[ ${#targets[@]} -eq 0 ]]; then
    for fuzzer in "$build_dir"/tests/fuzz/pindex-fuzz-*; do
        [[ -x "$fuzzer" ]] && targets+=("${fuzzer##*/pindex-fuzz-}")
    done
fi
if [[ ${#targets[@]} -eq 0 ]]; then
    if [[ $skip_missing -eq 1 ]]; then
        echo "no fuzzers built in $build_dir (make fuzz-build builds them): skipped"
        exit 77
    fi
    echo "run_fuzz.sh: no fuzzers in $build_dir/tests/fuzz (run make fuzz-build)" >&2
    exit 2
fi

shared_data="${PINDEX_SHARED_DATA_DIR:-$source_dir/../shared/data}"
seeds="$build_dir/seeds"
if [[ ! -d "$seeds" ]]; then
    # Several short runs may start at once (ctest --parallel): each writes its own directory and
    # the first to finish renames it into place.
    mkdir -p "$build_dir"
    fresh="$(mktemp -d "$seeds.XXXXXX")"
    python3 "$here/make_seeds.py" "$source_dir" "$shared_data" "$fresh" >/dev/null
    mv -T "$fresh" "$seeds" 2>/dev/null || rm -rf "$fresh"
fi

passed=0
failed=0
for target in "${targets[@]}"; do
    fuzzer="$build_dir/tests/fuzz/pindex-fuzz-$target"
    if [[ ! -x "$fuzzer" ]]; then
        if [[ $skip_missing -eq 1 ]]; then
            echo "$fuzzer is not built (make fuzz-build builds it): skipped"
            exit 77
        fi
        echo "$target: FAILED (no fuzzer at $fuzzer)"
        failed=$((failed + 1))
        continue
    fi
    work="$build_dir/corpus/$target"
    crashes="$build_dir/crashes/$target"
    mkdir -p "$work" "$crashes" "$seeds/$target"
    log="$build_dir/fuzz-$target.log"
    corpora=("$work" "$here/corpus/$target" "$seeds/$target")
    if "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$crashes/" "${corpora[@]}" >"$log" 2>&1; then
        executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
        entries=$(find "$work" -type f | wc -l)
        echo "$target: ok, ${executions:-?} executions in ${seconds} s, $entries corpus entries"
        passed=$((passed + 1))
    else
        echo "$target: FAILED, input saved under $crashes/ (log: $log)"
        grep -E "ERROR|property violated|SUMMARY" "$log" | head -5 || true
        failed=$((failed + 1))
    fi
done
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
