"""An independent computation of a lock diff, to check `pindex diff --format json` against.

Usage: reference_diff.py OLD NEW REPORT.json. Reads uv.lock, pylock.toml and poetry.lock with
Python's own TOML parser, recomputes every change (kind, versions, indexes, flags) from the
definitions in docs, and checks that REPORT.json says the same; an added package's chain must be
a shortest dependency path from a root. Prints each mismatch; exits 0 when there is none.
Versions in the fixtures are plain release numbers, so tuples of integers order them.
"""

import collections
import json
import re
import sys
import tomllib

PYPI = "https://pypi.org/simple"


def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def version_key(version):
    return tuple(int(part) for part in version.split("."))


def file_name(entry):
    if "name" in entry:
        return entry["name"]
    if "file" in entry:
        return entry["file"]
    return entry.get("url", entry.get("filename", "")).rsplit("/", 1)[-1]


def file_hashes(entry):
    if "hashes" in entry:
        return dict(entry["hashes"])
    if "hash" in entry:
        algorithm, digest = entry["hash"].split(":", 1)
        return {algorithm: digest}
    return {}


def load(path):
    """Returns (format, entries, roots): entries are dicts with name, version, index, marker,
    files {name: hashes}, deps [names], yanked."""
    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    entries, roots = [], []
    if path.endswith("uv.lock"):
        fmt = "uv"
        for package in data.get("package", []):
            source = package.get("source", {})
            files = {}
            for entry in ([package["sdist"]] if "sdist" in package else []) + package.get("wheels", []):
                files[file_name(entry)] = file_hashes(entry)
            markers = package.get("resolution-markers", [])
            if "editable" in source or "virtual" in source:
                roots.append(canonical(package["name"]))
            entries.append({
                "name": package["name"], "version": package.get("version", ""),
                "index": source.get("registry", "") or next(
                    ("path:" + source[k] for k in ("editable", "virtual", "directory") if k in source), ""),
                "marker": markers[0] if len(markers) == 1 else " or ".join("(%s)" % m for m in markers),
                "files": files, "deps": [d["name"] for d in package.get("dependencies", [])],
                "yanked": False})
    elif path.endswith(".toml"):
        fmt = "pylock"
        for package in data.get("packages", []):
            files = {}
            for entry in ([package["sdist"]] if "sdist" in package else []) + package.get("wheels", []):
                files[file_name(entry)] = file_hashes(entry)
            entries.append({
                "name": package["name"], "version": package.get("version", ""),
                "index": package.get("index", "") or (
                    "path:" + package["directory"]["path"] if "directory" in package else ""),
                "marker": package.get("marker", ""),
                "files": files, "deps": [d["name"] for d in package.get("dependencies", [])],
                "yanked": package.get("tool", {}).get("pindex", {}).get("yanked", False)})
    else:
        fmt = "poetry"
        for package in data.get("package", []):
            source = package.get("source", {})
            files = {file_name(entry): file_hashes(entry) for entry in package.get("files", [])}
            markers = package.get("markers", "")
            if isinstance(markers, dict):
                markers = "; ".join("%s: %s" % item for item in sorted(markers.items()))
            entries.append({
                "name": package["name"], "version": package["version"],
                "index": source.get("url", "") if source.get("type", "legacy") == "legacy" and source else PYPI,
                "marker": markers, "files": files,
                "deps": list(package.get("dependencies", {}).keys()), "yanked": False})
    return fmt, entries, roots


def group(entries):
    groups = collections.defaultdict(list)
    for entry in entries:
        groups[canonical(entry["name"])].append(entry)
    return groups


def distances(entries, roots):
    edges = collections.defaultdict(set)
    children = set()
    for entry in entries:
        for dependency in entry["deps"]:
            edges[canonical(entry["name"])].add(canonical(dependency))
            children.add(canonical(dependency))
    if not roots:
        roots = [canonical(e["name"]) for e in entries if canonical(e["name"]) not in children]
    distance = {root: 0 for root in roots}
    queue = collections.deque(roots)
    while queue:
        node = queue.popleft()
        for child in edges[node]:
            if child not in distance:
                distance[child] = distance[node] + 1
                queue.append(child)
    return edges, set(roots), distance


def spelled(marker):
    """A marker with one quote character and single spaces (enough for the fixtures compared here;
    the unit tests cover markers that differ in more than spelling)."""
    return " ".join(marker.replace("'", '"').split())


def markers_differ(old_format, before, new_format, after):
    # uv.lock records a package's marker only for forked packages; between formats, a package it
    # does not record is not compared.
    if old_format != new_format and any(
            fmt == "uv" and not e["marker"] for fmt, side in ((old_format, before), (new_format, after))
            for e in side):
        return False
    return {spelled(e["marker"]) for e in before} != {spelled(e["marker"]) for e in after}


def expected_changes(old_path, new_path):
    old_format, old_entries, _ = load(old_path)
    new_format, new_entries, new_roots = load(new_path)
    old_groups, new_groups = group(old_entries), group(new_entries)
    records_dependencies = any(e["deps"] for e in old_entries) and any(e["deps"] for e in new_entries)
    changes = {}
    for name in sorted(set(old_groups) | set(new_groups)):
        before, after = old_groups.get(name, []), new_groups.get(name, [])
        old_versions = sorted({e["version"] for e in before}, key=version_key)
        new_versions = sorted({e["version"] for e in after}, key=version_key)
        flags = []
        different = True
        if not before:
            kind = "added"
        elif not after:
            kind = "removed"
        else:
            if old_versions == new_versions:
                kind = "changed"
            else:
                order = (version_key(new_versions[-1]) > version_key(old_versions[-1])) - (
                    version_key(new_versions[-1]) < version_key(old_versions[-1]))
                if order == 0:
                    order = (version_key(new_versions[0]) > version_key(old_versions[0])) - (
                        version_key(new_versions[0]) < version_key(old_versions[0]))
                kind = {1: "upgraded", -1: "downgraded", 0: "changed"}[order]
            old_index = {e["index"].rstrip("/") for e in before if e["index"]}
            new_index = {e["index"].rstrip("/") for e in after if e["index"]}
            if old_index and new_index and old_index != new_index:
                flags.append("index-changed")
            files_changed = False
            for version in set(old_versions) & set(new_versions):
                old_files, new_files = {}, {}
                for e in before:
                    if e["version"] == version:
                        old_files.update(e["files"])
                for e in after:
                    if e["version"] == version:
                        new_files.update(e["files"])
                for file, hashes in old_files.items():
                    other = new_files.get(file)
                    if other and any(other.get(a, d) != d for a, d in hashes.items()):
                        if "hashes-changed" not in flags:
                            flags.append("hashes-changed")
                files_changed = files_changed or set(old_files) != set(new_files)
            if records_dependencies and {canonical(d) for e in before for d in e["deps"]} != {
                    canonical(d) for e in after for d in e["deps"]}:
                flags.append("dependencies-changed")
            if markers_differ(old_format, before, new_format, after):
                flags.append("markers-changed")
            different = old_versions != new_versions or bool(flags) or files_changed
        already = {e["version"] for e in before if e["yanked"]}
        if any(e["yanked"] and e["version"] not in already for e in after):
            flags.append("yanked")
            different = True
        if not different:
            continue
        changes[name] = {
            "kind": kind, "old_versions": old_versions, "new_versions": new_versions,
            "old_index": ", ".join(sorted({e["index"] for e in before if e["index"]})) or None,
            "new_index": ", ".join(sorted({e["index"] for e in after if e["index"]})) or None,
            "flags": flags}
    return changes, distances(new_entries, new_roots)


def main():
    old_path, new_path, report_path = sys.argv[1:4]
    with open(report_path, encoding="utf-8") as handle:
        report = json.load(handle)
    expected, (edges, roots, distance) = expected_changes(old_path, new_path)
    problems = []
    names = [change["name"] for change in report["changes"]]
    if names != sorted(expected):
        problems.append("names: report %s, expected %s" % (names, sorted(expected)))
    order = ["index-changed", "hashes-changed", "dependencies-changed", "markers-changed", "yanked"]
    for change in report["changes"]:
        want = expected.get(change["name"])
        if want is None:
            continue
        for key in ("kind", "old_versions", "new_versions", "old_index", "new_index"):
            if change[key] != want[key]:
                problems.append("%s %s: report %r, expected %r" % (change["name"], key, change[key], want[key]))
        if change["flags"] != sorted(want["flags"], key=order.index):
            problems.append("%s flags: report %r, expected %r" % (change["name"], change["flags"], want["flags"]))
        chain = [canonical(n) for n in change["introduced_by"]]
        if want["kind"] == "added" and change["name"] in distance:
            valid = (len(chain) == distance[change["name"]] + 1 and chain[0] in roots
                     and chain[-1] == change["name"]
                     and all(b in edges[a] for a, b in zip(chain, chain[1:])))
            if not valid:
                problems.append("%s introduced_by %r is not a shortest chain from a root" % (change["name"], chain))
    counts = collections.Counter(change["kind"] for change in expected.values())
    for kind in ("added", "removed", "upgraded", "downgraded", "changed"):
        if report["summary"][kind] != counts.get(kind, 0):
            problems.append("summary %s: report %d, expected %d" % (kind, report["summary"][kind], counts[kind]))
    for problem in problems:
        print(problem)
    print("%d changes checked, %d problems" % (len(expected), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
