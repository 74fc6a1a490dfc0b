#!/usr/bin/env python3
"""Generate package indexes on disk from scenario files, for nginx to serve.

Reads the scenario formats of ../shared/data (packse TOML, multi-index TOML, resolvelib JSON
snapshots) and writes, for every index named in them, a directory tree:

    OUT/<index>/simple/index.html, index.json          project list (PEP 503 / PEP 691)
    OUT/<index>/simple/<project>/index.html, index.json project page (hashes, requires-python,
                                                        yanked, PEP 658/714 metadata, PEP 700)
    OUT/<index>/files/<filename>                        real wheels (METADATA, WHEEL, RECORD) and sdists
    OUT/<index>/files/<filename>.metadata               PEP 658 metadata file
    OUT/<index>/nometa/...                              the same pages without metadata attributes

With --flat, OUT/<index>/ holds only the distribution files (a flat index directory). With
--per-scenario, each scenario file's indexes go under OUT/<file>/, <file> being the file's path
relative to the directory given (backtracking/wrong-backtracking-basic.toml/pypi/simple/...).
A manifest OUT/manifest.json lists every scenario, its indexes, root requirements and expectations.

Only the Python standard library and `packaging` (for PEP 440/508 validation) are used. Output is
deterministic: the same input gives the same bytes.
"""

from __future__ import annotations

import argparse
import base64
import dataclasses
import hashlib
import html
import io
import json
import os
import re
import sys
import tarfile
import tomllib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

try:
    from packaging.requirements import InvalidRequirement, Requirement
    from packaging.utils import canonicalize_name
    from packaging.version import InvalidVersion, Version
except ImportError:  # pragma: no cover - Debian's python3-packaging is a test dependency
    sys.exit("make_index.py needs python3-packaging (installer/debian-deps.sh installs it)")

ZIP_DATE = (2020, 2, 2, 0, 0, 0)
UPLOAD_TIME = "2020-02-02T00:00:00.000000Z"


@dataclass
class Dist:
    """One version of one project as served by one index."""

    name: str
    version: str
    requires: list[str] = field(default_factory=list)
    extras: dict[str, list[str]] = field(default_factory=dict)
    requires_python: str | None = None
    yanked: bool | str = False
    wheel_tags: list[str] = field(default_factory=lambda: ["py3-none-any"])
    wheel: bool = True
    sdist: bool = True
    # The sdist's PKG-INFO: its Metadata-Version (default: 2.2, or the wheel's when older) and the
    # fields it lists as Dynamic (PEP 643), to test sdists whose metadata needs a build.
    sdist_metadata_version: str | None = None
    dynamic: list[str] = field(default_factory=list)
    # --metadata-version: the resolver benchmark writes 2.1, as PyPI's wheels of 2020 had it, because
    # Poetry 1.3's pkginfo 1.8 reads no Requires-Dist from a version it does not know.
    metadata_version: str = "2.3"


@dataclass
class Stats:
    invalid_versions: int = 0
    invalid_requirements: int = 0
    files: int = 0


def file_name_part(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def metadata_text(dist: Dist) -> str:
    lines = [f"Metadata-Version: {dist.metadata_version}", f"Name: {dist.name}", f"Version: {dist.version}"]
    if dist.requires_python:
        lines.append(f"Requires-Python: {dist.requires_python}")
    for requirement in dist.requires:
        lines.append(f"Requires-Dist: {requirement}")
    for extra in sorted(dist.extras):
        lines.append(f"Provides-Extra: {extra}")
        for requirement in dist.extras[extra]:
            marker = f'extra == "{extra}"'
            if ";" in requirement:
                head, tail = requirement.split(";", 1)
                lines.append(f"Requires-Dist: {head.strip()} ; ({tail.strip()}) and {marker}")
            else:
                lines.append(f"Requires-Dist: {requirement} ; {marker}")
    return "\n".join(lines) + "\n\n"


def record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"sha256={digest}"


def build_wheel(dist: Dist, tag: str) -> tuple[str, bytes, bytes]:
    """Returns (filename, wheel bytes, METADATA bytes)."""
    stem = f"{file_name_part(dist.name)}-{dist.version}"
    filename = f"{stem}-{tag}.whl"
    package = file_name_part(dist.name)
    dist_info = f"{stem}.dist-info"
    metadata = metadata_text(dist).encode()
    python_tag, abi_tag, platform_tag = tag.split("-")
    wheel_lines = ["Wheel-Version: 1.0", "Generator: pindex-tests", "Root-Is-Purelib: true"]
    for py in python_tag.split("."):
        for abi in abi_tag.split("."):
            for plat in platform_tag.split("."):
                wheel_lines.append(f"Tag: {py}-{abi}-{plat}")
    members = [
        (f"{package}/__init__.py", f'__version__ = "{dist.version}"\n'.encode()),
        (f"{dist_info}/METADATA", metadata),
        (f"{dist_info}/WHEEL", ("\n".join(wheel_lines) + "\n").encode()),
    ]
    record = "".join(f"{path},{record_hash(data)},{len(data)}\n" for path, data in members)
    record += f"{dist_info}/RECORD,,\n"
    members.append((f"{dist_info}/RECORD", record.encode()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in members:
            info = zipfile.ZipInfo(path, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return filename, buffer.getvalue(), metadata


def build_sdist(dist: Dist) -> tuple[str, bytes, bytes]:
    stem = f"{file_name_part(dist.name)}-{dist.version}"
    filename = f"{stem}.tar.gz"
    text = metadata_text(dist).replace("Metadata-Version: 2.3", "Metadata-Version: 2.2")
    if dist.sdist_metadata_version:
        text = re.sub(r"^Metadata-Version: .*$", f"Metadata-Version: {dist.sdist_metadata_version}", text,
                      count=1, flags=re.M)
    if dist.dynamic:
        text = text.replace("\n\n", "".join(f"\nDynamic: {name}" for name in dist.dynamic) + "\n\n", 1)
    metadata = text.encode()
    pyproject = (
        f'[project]\nname = "{dist.name}"\nversion = "{dist.version}"\n'
        '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n'
    ).encode()
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as archive:
        for path, data in ((f"{stem}/PKG-INFO", metadata), (f"{stem}/pyproject.toml", pyproject)):
            info = tarfile.TarInfo(path)
            info.size = len(data)
            info.mtime = 1580601600
            info.mode = 0o644
            archive.addfile(info, io.BytesIO(data))
    compressed = io.BytesIO()
    import gzip

    with gzip.GzipFile(fileobj=compressed, mode="wb", mtime=1580601600) as gz:
        gz.write(raw.getvalue())
    return filename, compressed.getvalue(), metadata


class IndexWriter:
    """Collects the dists of one index and writes its directory tree."""

    def __init__(self, root: Path, flat: bool, stats: Stats, metadata_version: str = "2.3"):
        self.root = root
        self.metadata_version = metadata_version
        self.flat = flat
        self.stats = stats
        self.projects: dict[str, list[dict]] = {}
        self.display: dict[str, str] = {}

    def add(self, dist: Dist) -> None:
        files_dir = self.root if self.flat else self.root / "files"
        files_dir.mkdir(parents=True, exist_ok=True)
        dist = dataclasses.replace(dist, metadata_version=self.metadata_version)
        built = []
        if dist.wheel:
            built += [build_wheel(dist, tag) for tag in dist.wheel_tags]
        if dist.sdist:
            built.append(build_sdist(dist))
        canonical = canonicalize_name(dist.name)
        self.display.setdefault(canonical, dist.name)
        entries = self.projects.setdefault(canonical, [])
        for filename, data, metadata in built:
            (files_dir / filename).write_bytes(data)
            self.stats.files += 1
            if not self.flat:
                (files_dir / f"{filename}.metadata").write_bytes(metadata)
            entries.append(
                {
                    "filename": filename,
                    "version": dist.version,
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "size": len(data),
                    "metadata_sha256": hashlib.sha256(metadata).hexdigest(),
                    "requires_python": dist.requires_python,
                    "yanked": dist.yanked,
                }
            )

    def write(self) -> None:
        if self.flat:
            return
        for flavour, with_metadata in (("simple", True), ("nometa", False)):
            self._write_flavour(self.root / flavour, with_metadata)

    def _write_flavour(self, base: Path, with_metadata: bool) -> None:
        base.mkdir(parents=True, exist_ok=True)
        names = sorted(self.projects)
        links = "".join(f'    <a href="{n}/">{html.escape(self.display[n])}</a>\n' for n in names)
        (base / "index.html").write_text(
            "<!DOCTYPE html>\n<html>\n  <head><meta name=\"pypi:repository-version\" content=\"1.1\">"
            f"<title>Simple index</title></head>\n  <body>\n{links}  </body>\n</html>\n"
        )
        project_list = {"meta": {"api-version": "1.1"}, "projects": [{"name": self.display[n]} for n in names]}
        (base / "index.json").write_text(json.dumps(project_list, indent=1, sort_keys=True) + "\n")
        for name in names:
            self._write_project(base / name, name, self.projects[name], with_metadata)

    def _write_project(self, directory: Path, name: str, entries: list[dict], with_metadata: bool) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        anchors = []
        files = []
        for entry in sorted(entries, key=lambda e: e["filename"]):
            url = f"../../files/{entry['filename']}"
            attributes = [f'href="{url}#sha256={entry["sha256"]}"']
            file_json = {
                "filename": entry["filename"],
                "url": url,
                "hashes": {"sha256": entry["sha256"]},
                "size": entry["size"],
                "upload-time": UPLOAD_TIME,
            }
            if entry["requires_python"]:
                attributes.append(f'data-requires-python="{html.escape(entry["requires_python"])}"')
                file_json["requires-python"] = entry["requires_python"]
            if entry["yanked"]:
                reason = entry["yanked"] if isinstance(entry["yanked"], str) else ""
                attributes.append(f'data-yanked="{html.escape(reason)}"')
                file_json["yanked"] = reason or True
            if with_metadata:
                value = f"sha256={entry['metadata_sha256']}"
                attributes.append(f'data-core-metadata="{value}"')
                attributes.append(f'data-dist-info-metadata="{value}"')
                file_json["core-metadata"] = {"sha256": entry["metadata_sha256"]}
                file_json["dist-info-metadata"] = {"sha256": entry["metadata_sha256"]}
            anchors.append(f"    <a {' '.join(attributes)}>{html.escape(entry['filename'])}</a><br/>\n")
            files.append(file_json)
        versions = sorted({e["version"] for e in entries}, key=Version)
        (directory / "index.html").write_text(
            "<!DOCTYPE html>\n<html>\n  <head><meta name=\"pypi:repository-version\" content=\"1.1\">"
            f"<title>Links for {html.escape(name)}</title></head>\n  <body>\n"
            f"    <h1>Links for {html.escape(name)}</h1>\n{''.join(anchors)}  </body>\n</html>\n"
        )
        page = {"meta": {"api-version": "1.1"}, "name": name, "files": files, "versions": versions}
        (directory / "index.json").write_text(json.dumps(page, indent=1, sort_keys=True) + "\n")


def valid_version(text: str, stats: Stats) -> str | None:
    try:
        return str(Version(text))
    except InvalidVersion:
        stats.invalid_versions += 1
        return None


def valid_requirement(text: str, stats: Stats) -> str | None:
    try:
        return str(Requirement(text))
    except InvalidRequirement:
        stats.invalid_requirements += 1
        return None


def load_toml_scenario(path: Path, stats: Stats) -> tuple[dict, dict[str, list[Dist]]]:
    data = tomllib.loads(path.read_text())
    indexes = [entry["name"] for entry in data.get("indexes", [])]
    if not any(entry.get("default") for entry in data.get("indexes", [])):
        indexes.append("pypi")
    by_index: dict[str, list[Dist]] = {name: [] for name in indexes}
    for name, package in data.get("packages", {}).items():
        for version, spec in package.get("versions", {}).items():
            if valid_version(version, stats) is None:
                continue
            dist = Dist(
                name=name,
                version=version,
                requires=list(spec.get("requires", [])),
                extras={k: list(v) for k, v in spec.get("extras", {}).items()},
                requires_python=spec.get("requires_python"),
                yanked=spec.get("yanked", False),
                wheel_tags=list(spec.get("wheel_tags", ["py3-none-any"])),
                wheel=spec.get("wheel", True),
                sdist=spec.get("sdist", True),
                sdist_metadata_version=spec.get("sdist_metadata_version"),
                dynamic=list(spec.get("dynamic", [])),
            )
            for index in spec.get("indexes", ["pypi"]):
                by_index.setdefault(index, []).append(dist)
    info = {
        "name": data.get("name", path.stem),
        "file": str(path),
        "description": data.get("description", ""),
        "root": data.get("root", {}),
        "indexes": data.get("indexes", []),
        "environment": data.get("environment", {}),
        "resolver_options": data.get("resolver_options", {}),
        "expected": data.get("expected", {}),
    }
    return info, by_index


def load_resolvelib_snapshot(path: Path, stats: Stats) -> tuple[dict, dict[str, list[Dist]]]:
    data = json.loads(path.read_text())
    dists = []
    for name, versions in data.items():
        if not isinstance(versions, dict):
            # Not a project (resolvelib's inputs carry flags such as "needs_optimistic": true).
            print(f"make_index: {path.name}: skipped {name!r}, not a project's versions", file=sys.stderr)
            continue
        for version, spec in versions.items():
            if valid_version(version, stats) is None:
                continue
            dependencies = spec.get("dependencies", []) if isinstance(spec, dict) else []
            requires = [r for r in (valid_requirement(d, stats) for d in dependencies if isinstance(d, str)) if r]
            dists.append(Dist(name=name, version=version, requires=requires, sdist=False))
    info = {"name": path.stem, "file": str(path), "root": {}, "indexes": [], "expected": {}}
    return info, {"pypi": dists}


def scenario_files(paths: list[Path]) -> list[tuple[Path, str]]:
    """Every scenario file under the inputs, with its key: its path relative to the directory given
    (a file given by itself: its name). Keys are unique within one input, unlike scenario names."""
    found = []
    for path in paths:
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.suffix in (".toml", ".json") and p.name != "manifest.json")
            found += [(file, file.relative_to(path).as_posix()) for file in files]
        else:
            found.append((path, path.name))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, type=Path, help="output directory")
    parser.add_argument("--flat", action="store_true", help="write flat index directories")
    parser.add_argument(
        "--per-scenario",
        action="store_true",
        help="write each scenario under OUT/<file>/<index>/, <file> its path relative to the input "
        "directory (scenarios reuse package names, and may reuse scenario names)",
    )
    parser.add_argument("--metadata-version", default="2.3", choices=["2.1", "2.2", "2.3", "2.4"],
                        help="the Metadata-Version of generated METADATA files (default 2.3)")
    parser.add_argument("inputs", nargs="+", type=Path, help="scenario files or directories")
    args = parser.parse_args()

    stats = Stats()
    manifest = []
    merged: dict[str, IndexWriter] = {}
    for path, key in scenario_files(args.inputs):
        # With --per-scenario, one file that cannot be read must not take the others down: it is
        # left out (the runner reports it when it reads the file itself) and named here.
        try:
            if path.suffix == ".json":
                data_head = path.read_text()[:200].lstrip()
                if '"requested"' in data_head or path.name.startswith("case-"):
                    case = json.loads(path.read_text())
                    manifest.append({"name": path.stem, "file": str(path), "case": case})
                    continue
                info, by_index = load_resolvelib_snapshot(path, stats)
            else:
                info, by_index = load_toml_scenario(path, stats)
        except (tomllib.TOMLDecodeError, ValueError, TypeError, KeyError, AttributeError) as error:
            if not args.per_scenario:
                raise
            print(f"make_index: skipped {path}: {error}", file=sys.stderr)
            manifest.append({"name": path.stem, "file": str(path), "error": str(error)})
            continue
        # Keyed by the file, not by the scenario's name: two files may give the same name.
        prefix = Path(key) if args.per_scenario else Path()
        info["directory"] = str(prefix)
        manifest.append(info)
        for index_name, dists in by_index.items():
            key = str(prefix / index_name)
            writer = merged.setdefault(key, IndexWriter(args.out / key, args.flat, stats, args.metadata_version))
            for dist in dists:
                writer.add(dist)
    for writer in merged.values():
        writer.write()
    args.out.mkdir(parents=True, exist_ok=True)
    summary = {
        "scenarios": manifest,
        "indexes": sorted(merged),
        "files": stats.files,
        "invalid_versions": stats.invalid_versions,
        "invalid_requirements": stats.invalid_requirements,
    }
    (args.out / "manifest.json").write_text(json.dumps(summary, indent=1, sort_keys=True) + "\n")
    print(
        f"make_index: {len(merged)} index(es), {stats.files} files, "
        f"{stats.invalid_versions} invalid versions and {stats.invalid_requirements} invalid requirements skipped"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
