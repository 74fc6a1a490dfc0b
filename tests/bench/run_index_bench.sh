#!/usr/bin/env bash
# The index client's benchmark (see docs/BENCHMARKS.md): builds pindex-index-bench in an existing
# build directory and runs it. Usage: tests/bench/run_index_bench.sh BUILD_DIR
set -euo pipefail
build="${1:?usage: $0 BUILD_DIR}"
cmake --build "$build" --target pindex-index-bench -j2
exec "$build/tests/integration/index/pindex-index-bench"
