#!/usr/bin/env python3
"""Instruction counts of pindex-bench-resolve under callgrind (they do not depend on the machine's load).

Usage: count_resolve_instructions.py ENGINE INDEX_DIR OUT_DIR [--cases cheroot,popular] [ENGINE_OPTION...]

ENGINE is pindex-bench-resolve, INDEX_DIR the benchmark's index (run_resolve_bench.sh builds it into
BUILD_DIR/resolve-bench/index). nginx serves it as resolve_bench.py's Servers does; each case runs
cold (empty cache) then warm (that cache), each under `valgrind --tool=callgrind`. OUT_DIR receives
CASE-CACHE.out (for callgrind_annotate) and CASE-CACHE.pylock.toml. Further options go to the
engine (e.g. --no-cached-view). Prints one line per run: case, cache, millions of instructions.
"""

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import resolve_bench  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("engine", type=Path)
    parser.add_argument("index", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--cases", default="cheroot,popular")
    args, engine_options = parser.parse_known_args()
    if shutil.which("valgrind") is None:
        print("count_resolve_instructions: valgrind is missing")
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="pindex-count-"))
    servers = resolve_bench.Servers(args.index, work, [0])
    try:
        url = f"http://127.0.0.1:{servers.ports[0][0]}/simple/"
        environment = resolve_bench.Tool(work, servers, Path()).environment(work / "home", work / "xdg")
        for case in args.cases.split(","):
            cache = work / f"cache-{case}"
            for mode in ("cold", "warm"):
                out = args.out / f"{case}-{mode}.out"
                command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", str(args.engine),
                           "--index", url, "--cache", str(cache), "--out", str(args.out / f"{case}-{mode}.pylock.toml"),
                           "--python", "3.11", "--platform", "linux-x86_64", *engine_options,
                           *resolve_bench.CASES[case]]
                run = subprocess.run(command, capture_output=True, text=True, env=environment)
                if run.returncode != 0:
                    print(run.stdout, run.stderr[-4000:])
                    return 1
                collected = re.search(r"Collected : (\d+)", run.stderr)
                print(f"{case} {mode} {int(collected.group(1)) / 1e6:.1f} M" if collected else f"{case} {mode} ?",
                      flush=True)
    finally:
        servers.close()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
