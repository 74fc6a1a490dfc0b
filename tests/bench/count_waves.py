#!/usr/bin/env python3
"""Counts the waves of requests in an nginx access log written with resolve_bench.py's `timed`
format ("$msec $status $request_uri"): requests answered within GAP ms of the one before belong to
the same wave. Behind a delay proxy of D ms, one wave is one round trip, so a run's waves are the
round trips it waited for (compare with the critical path: two per level of the dependency graph).

Usage: count_waves.py ACCESS_LOG [--skip N] [--gap MS]
  --skip N  leave out the first N lines (the requests of earlier runs)
  --gap MS  the silence that separates two waves (default 10, half the benchmark's 20 ms delay)

Prints one line per wave (its start relative to the first request, its size, a few paths) and the
number of waves last.
"""

from __future__ import annotations

import argparse
import sys


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("log")
    parser.add_argument("--skip", type=int, default=0)
    parser.add_argument("--gap", type=float, default=10.0)
    args = parser.parse_args()
    entries = []
    with open(args.log, encoding="utf-8", errors="replace") as log:
        for number, line in enumerate(log):
            if number < args.skip:
                continue
            fields = line.split()
            if len(fields) >= 3:
                entries.append((float(fields[0]) * 1000.0, fields[1], fields[2]))
    if not entries:
        print("0 waves")
        return 0
    waves: list[list[tuple[float, str, str]]] = [[entries[0]]]
    for entry in entries[1:]:
        if entry[0] - waves[-1][-1][0] > args.gap:
            waves.append([])
        waves[-1].append(entry)
    start = entries[0][0]
    for index, wave in enumerate(waves):
        paths = ", ".join(sorted({path.rstrip("/").rsplit("/", 1)[-1] for _, _, path in wave})[:6])
        print(f"wave {index + 1}: +{wave[0][0] - start:7.1f} ms, {len(wave):3} requests ({paths}...)")
    print(f"{len(waves)} waves, {len(entries)} requests")
    return 0


if __name__ == "__main__":
    sys.exit(main())
