#!/usr/bin/python3
"""The work of pindex-bench-standards, done with Python's packaging (Debian python3-packaging).

usage: standards_bench.py FILE [REPEAT]

Parses every version and dependency string of a resolvelib index snapshot, sorts the versions of
every project and evaluates every marker for a CPython 3.11 Linux environment; each phase runs
REPEAT times (default 3) and the best time counts. Prints the same lines as the C++ benchmark.
"""

import json
import sys
import time

from packaging.requirements import InvalidRequirement, Requirement
from packaging.version import InvalidVersion, Version

ENVIRONMENT = {
    "implementation_name": "cpython",
    "implementation_version": "3.11.7",
    "os_name": "posix",
    "platform_machine": "x86_64",
    "platform_python_implementation": "CPython",
    "platform_release": "6.1.0-18-amd64",
    "platform_system": "Linux",
    "platform_version": "#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)",
    "python_full_version": "3.11.7",
    "python_version": "3.11",
    "sys_platform": "linux",
    "extra": "",
}


def best_of(repeat, work):
    best = float("inf")
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        best = min(best, (time.perf_counter() - start) * 1000.0)
    return best, result


def report(phase, items, milliseconds):
    print(f"{phase}: {items} items, {milliseconds:.3f} ms, {items / (milliseconds / 1000.0):.0f}/s")


def main():
    if len(sys.argv) < 2:
        print("usage: standards_bench.py FILE [REPEAT]", file=sys.stderr)
        return 2
    repeat = max(1, int(sys.argv[2])) if len(sys.argv) > 2 else 3
    with open(sys.argv[1], encoding="utf-8") as handle:
        index = json.load(handle)
    projects = [list(versions) for versions in index.values()]
    dependencies = [
        dependency
        for versions in index.values()
        for data in versions.values()
        for dependency in data.get("dependencies", [])
    ]
    version_count = sum(len(versions) for versions in projects)

    def parse_versions():
        parsed, invalid = [], 0
        for versions in projects:
            row = []
            for text in versions:
                try:
                    row.append(Version(text))
                except InvalidVersion:
                    invalid += 1
            parsed.append(row)
        return parsed, invalid

    def parse_requirements():
        requirements, invalid = [], 0
        for text in dependencies:
            try:
                requirements.append(Requirement(text))
            except InvalidRequirement:
                invalid += 1
        return requirements, invalid

    parse_versions_ms, (parsed, invalid_versions) = best_of(repeat, parse_versions)
    parse_requirements_ms, (requirements, invalid_requirements) = best_of(repeat, parse_requirements)
    sort_ms, _ = best_of(repeat, lambda: [sorted(versions) for versions in parsed])

    def evaluate_markers():
        markers = true = errors = 0
        for requirement in requirements:
            if requirement.marker is None:
                continue
            markers += 1
            try:
                if requirement.marker.evaluate(ENVIRONMENT):
                    true += 1
            except Exception:  # undefined comparisons and names count as errors
                errors += 1
        return markers, true, errors

    markers_ms, (markers, markers_true, marker_errors) = best_of(repeat, evaluate_markers)

    print(
        f"projects: {len(projects)}, versions: {version_count} ({invalid_versions} invalid), "
        f"dependencies: {len(dependencies)} ({invalid_requirements} invalid), markers: {markers} "
        f"({markers_true} true, {marker_errors} errors)"
    )
    report("parse versions", version_count, parse_versions_ms)
    report("parse requirements", len(dependencies), parse_requirements_ms)
    report("sort versions", version_count - invalid_versions, sort_ms)
    report("evaluate markers", markers, markers_ms)
    print(f"total: {parse_versions_ms + parse_requirements_ms + sort_ms + markers_ms:.3f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
