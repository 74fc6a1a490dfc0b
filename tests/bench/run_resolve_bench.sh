#!/usr/bin/env bash
# The resolver's benchmark (see docs/BENCHMARKS.md): `pindex lock` against pip, Poetry and PDM on
# an index made from ../shared/data/resolvelib/index-pypi-2020-11-17-cheroot.json, served by nginx
# directly and through a proxy adding 20 ms to every request (pindex-delay-proxy), with a cold cache,
# a warm one (every page revalidated) and a fresh one (pages served with PyPI's max-age).
# Usage: tests/bench/run_resolve_bench.sh BUILD_DIR [resolve_bench.py options, e.g. --runs 5]
# Times `pindex lock` when BUILD_DIR builds the pindex executable (PINDEX_BUILD_UI=ON), and always
# pindex-bench-resolve (the same engine without the command line). The index is generated once
# into BUILD_DIR/resolve-bench/. Skips (exit 0) when the shared data or a peer tool is missing.
set -euo pipefail
build="$(cd "${1:?usage: $0 BUILD_DIR [options]}" && pwd)"
shift
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
snapshot="$root/../shared/data/resolvelib/index-pypi-2020-11-17-cheroot.json"

if [[ ! -f $snapshot ]]; then
    echo "resolve bench: skipped, $snapshot is absent"
    exit 0
fi
for tool in /usr/bin/python3 /usr/bin/time poetry pdm nginx; do
    if ! command -v "$tool" >/dev/null 2>&1 && [[ ! -x /usr/sbin/$tool ]]; then
        echo "resolve bench: skipped, $tool is missing (installer/debian-deps.sh installs it)"
        exit 0
    fi
done
cmake --build "$build" --target pindex-bench-resolve pindex-delay-proxy -j2
tools=(--tools engine,pip,poetry,pdm)
if grep -q '^PINDEX_BUILD_UI:BOOL=ON' "$build/CMakeCache.txt" 2>/dev/null; then
    cmake --build "$build" --target pindex -j2
    tools=(--tools pindex,engine,pip,poetry,pdm)
else
    echo "resolve bench: $build has no pindex executable (PINDEX_BUILD_UI=OFF): timing the engine only"
fi

index="$build/resolve-bench/index"
if [[ ! -f $index/manifest.json || $index/manifest.json -ot $root/tests/tools/make_index.py ]]; then
    rm -rf "$index"
    # Metadata-Version 2.1 as PyPI's wheels of 2020 had it (Poetry 1.3 ignores Requires-Dist of 2.3).
    /usr/bin/python3 "$root/tests/tools/make_index.py" --metadata-version 2.1 --out "$index" "$snapshot"
fi
# The tools' homes and caches go under the build directory rather than /tmp: cold runs create
# hundreds of cache files, and on a machine whose /tmp compilers and test suites fill and empty all
# day, ext4 makes each new file there cost 0.2-0.7 ms instead of 0.03 (docs/BENCHMARKS.md).
exec /usr/bin/python3 "$here/resolve_bench.py" --pindex "$build/app/pindex" --work-root "$build/resolve-bench" \
    --engine "$build/tests/bench/pindex-bench-resolve" --proxy "$build/tests/bench/pindex-delay-proxy" \
    --index "$index" "${tools[@]}" "$@"
