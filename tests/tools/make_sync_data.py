#!/usr/bin/env python3
"""Real wheels and locks for the sync tests and benchmark, made from what Debian installed.

Usage:
  make_sync_data.py wheels OUTPUT_DIR [--only NAME,...] [--closed]
      Repacks the Python distributions installed by Debian packages (python3-*, files listed by
      dpkg under /usr/lib/python3/dist-packages) into valid wheels, and copies the wheels of
      /usr/share/python-wheels (pip, setuptools, wheel). METADATA comes from the .dist-info or
      .egg-info (requires.txt becomes Requires-Dist), entry_points.txt is kept (console scripts),
      links are stored as the files they point to, C extensions make a cpXY-cpXY-linux_<arch>
      wheel. --only keeps the named projects (and, with --closed, whatever they require);
      --closed drops every distribution whose requirements the set cannot satisfy, so that
      `pip check` passes on the result. Prints one line per wheel: `name version file`.
  make_sync_data.py lock WHEEL_DIR BASE_URL [--only NAME,...] [--exclude NAME,...] [--no-hashes]
      Prints a pylock.toml installing every wheel of WHEEL_DIR (one version per project, the
      newest), each from BASE_URL/<file name> with its size and sha256.
  make_sync_data.py synthetic OUTPUT_DIR COUNT
      Adds COUNT small pure-Python wheels (synth-pkg-N 1.0, ten modules each) for machines
      without enough Debian packages.
  make_sync_data.py rezip WHEEL OUTPUT
      Writes WHEEL again with a zip comment: the same content, another sha256.

Standard library plus `packaging` (Debian's python3-packaging). Deterministic output (fixed
timestamps, sorted members).
"""

import base64
import csv
import hashlib
import io
import os
import re
import shutil
import sys
import sysconfig
import zipfile

from email.parser import HeaderParser

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version, InvalidVersion

STAMP = (2024, 1, 1, 0, 0, 0)
DIST_PACKAGES = "/usr/lib/python3/dist-packages"
DPKG_INFO = "/var/lib/dpkg/info"
DEBIAN_WHEELS = "/usr/share/python-wheels"


def record_hash(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def dpkg_packages():
    """{package: [paths under dist-packages]} from dpkg's file lists of python3-* packages."""
    packages = {}
    for entry in sorted(os.listdir(DPKG_INFO)):
        if not entry.startswith("python3-") or not entry.endswith(".list"):
            continue
        package = entry[: -len(".list")]
        with open(os.path.join(DPKG_INFO, entry), encoding="utf-8", errors="replace") as handle:
            paths = [line.rstrip("\n") for line in handle]
        inside = [p[len(DIST_PACKAGES) + 1:] for p in paths if p.startswith(DIST_PACKAGES + "/")]
        if inside:
            packages[package] = inside
    return packages


def requires_from_egg_info(text):
    """requires.txt sections to Requires-Dist values."""
    lines, section = [], ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            continue
        extra, _, marker = section.partition(":")
        conditions = []
        if marker:
            conditions.append(f"({marker})")
        if extra:
            conditions.append(f'extra == "{extra}"')
        lines.append(line + ("; " + " and ".join(conditions) if conditions else ""))
    return lines


class Distribution:
    def __init__(self, name, version, metadata, files, entry_points, native):
        self.name = name
        self.version = version
        self.metadata = metadata  # bytes
        self.files = files  # [(archive path, bytes)]
        self.entry_points = entry_points  # bytes or None
        self.native = native

    def requirements(self):
        parsed = HeaderParser().parsestr(self.metadata.decode("utf-8", "replace"))
        return parsed.get_all("Requires-Dist") or []


def collect_distribution(files):
    """A Distribution from one dpkg package's files, or None (with a reason) when it cannot be."""
    tops = sorted({p.split("/")[0] for p in files if p.split("/")[0].endswith((".dist-info", ".egg-info"))})
    if len(tops) != 1:
        return None, f"{len(tops)} metadata directories"
    meta_dir = tops[0]
    meta_path = os.path.join(DIST_PACKAGES, meta_dir)
    if os.path.isfile(meta_path):
        return None, "egg-info file"
    if meta_dir.endswith(".dist-info"):
        with open(os.path.join(meta_path, "METADATA"), "rb") as handle:
            metadata = handle.read()
    else:
        with open(os.path.join(meta_path, "PKG-INFO"), "rb") as handle:
            metadata = handle.read()
        requires = os.path.join(meta_path, "requires.txt")
        if os.path.exists(requires):
            with open(requires, encoding="utf-8") as handle:
                extra = requires_from_egg_info(handle.read())
            head, sep, body = metadata.partition(b"\n\n")
            head = b"\n".join(l for l in head.split(b"\n") if not l.startswith(b"Requires-Dist:"))
            head += b"".join(f"\nRequires-Dist: {r}".encode() for r in extra)
            metadata = head + (sep + body if sep else b"\n")
    header = HeaderParser().parsestr(metadata.decode("utf-8", "replace"))
    name, version = header.get("Name"), header.get("Version")
    if not name or not version:
        return None, "no name or version"
    try:
        Version(version)
    except InvalidVersion:
        return None, f"version {version} is not PEP 440"
    entry_points = None
    ep = os.path.join(meta_path, "entry_points.txt")
    if os.path.exists(ep):
        with open(ep, "rb") as handle:
            entry_points = handle.read()
    members, native = [], False
    for path in sorted(set(files)):
        top = path.split("/")[0]
        if top == meta_dir or "__pycache__" in path.split("/"):
            continue
        full = os.path.join(DIST_PACKAGES, path)
        if os.path.isdir(full) or not os.path.exists(full):
            continue
        try:
            with open(full, "rb") as handle:  # links are stored as what they point to
                data = handle.read()
        except OSError as error:
            return None, f"unreadable {path}: {error}"
        if path.endswith(".so"):
            native = True
        members.append((path, data))
    if not members:
        return None, "no files"
    return Distribution(name, version, metadata, members, entry_points, native), None


def wheel_tag(native):
    if not native:
        return "py3-none-any"
    version = f"cp{sys.version_info.major}{sys.version_info.minor}"
    platform = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    return f"{version}-{version}-{platform}"


def write_wheel(directory, dist):
    project = re.sub(r"[-_.]+", "_", dist.name)
    version = str(Version(dist.version))
    tag = wheel_tag(dist.native)
    file_name = f"{project}-{version}-{tag}.whl"
    dist_info = f"{project}-{version}.dist-info"
    metadata = re.sub(rb"(?m)^Version: .*$", f"Version: {version}".encode(), dist.metadata, count=1)
    members = list(dist.files)
    members.append((f"{dist_info}/METADATA", metadata))
    members.append((f"{dist_info}/WHEEL",
                    (f"Wheel-Version: 1.0\nGenerator: make_sync_data\nRoot-Is-Purelib: "
                     f"{'false' if dist.native else 'true'}\nTag: {tag}\n").encode()))
    if dist.entry_points:
        members.append((f"{dist_info}/entry_points.txt", dist.entry_points))
    record = io.StringIO()
    writer = csv.writer(record, lineterminator="\n")
    for path, data in members:
        writer.writerow([path, record_hash(data), len(data)])
    writer.writerow([f"{dist_info}/RECORD", "", ""])
    members.append((f"{dist_info}/RECORD", record.getvalue().encode()))
    target = os.path.join(directory, file_name)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in members:
            info = zipfile.ZipInfo(path, STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (0o100755 if path.endswith(".so") else 0o100644) << 16
            archive.writestr(info, data)
    return file_name


def requirement_holds(requirement, available):
    """Whether `available` ({canonical name: version}) satisfies one Requires-Dist value."""
    try:
        req = Requirement(requirement)
    except Exception:
        return True
    if req.marker is not None and not req.marker.evaluate({"extra": ""}):
        return True
    version = available.get(canonicalize_name(req.name))
    return version is not None and req.specifier.contains(version, prereleases=True)


def close_set(dists):
    """Drops distributions whose requirements the set cannot satisfy, until none does."""
    dists = dict(dists)
    while True:
        available = {name: d.version for name, d in dists.items()}
        broken = [name for name, d in dists.items()
                  if not all(requirement_holds(r, available) for r in d.requirements())]
        if not broken:
            return dists
        for name in broken:
            del dists[name]


def with_requirements(dists, roots):
    """The named projects plus everything they require (transitively) that the set has."""
    keep, todo = set(), [canonicalize_name(r) for r in roots]
    while todo:
        name = todo.pop()
        if name in keep or name not in dists:
            continue
        keep.add(name)
        for requirement in dists[name].requirements():
            try:
                req = Requirement(requirement)
            except Exception:
                continue
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(canonicalize_name(req.name))
    return {name: dists[name] for name in keep}


def debian_wheel_names():
    return sorted(f for f in os.listdir(DEBIAN_WHEELS) if f.endswith(".whl")) if os.path.isdir(DEBIAN_WHEELS) else []


def command_wheels(args):
    out = args[0]
    only = closed = None
    rest = args[1:]
    closed = "--closed" in rest
    if "--only" in rest:
        only = rest[rest.index("--only") + 1].split(",")
    os.makedirs(out, exist_ok=True)
    dists = {}
    for package, files in dpkg_packages().items():
        dist, why = collect_distribution(files)
        if dist is None:
            print(f"skipped {package}: {why}", file=sys.stderr)
            continue
        dists.setdefault(canonicalize_name(dist.name), dist)
    # Debian's own wheels (pip, setuptools, wheel) win over repacks of the same project.
    copied = {}
    for file_name in debian_wheel_names():
        name = canonicalize_name(file_name.split("-")[0])
        dists.pop(name, None)
        copied[name] = file_name
    if only:
        dists = with_requirements(dists, only)
        copied = {n: f for n, f in copied.items() if n in {canonicalize_name(o) for o in only}}
    if closed:
        dists = close_set(dists)
    for name in sorted(copied):
        shutil.copyfile(os.path.join(DEBIAN_WHEELS, copied[name]), os.path.join(out, copied[name]))
        print(f"{name} {copied[name].split('-')[1]} {copied[name]}")
    for name in sorted(dists):
        print(f"{name} {dists[name].version} {write_wheel(out, dists[name])}")


def parse_wheel_name(file_name):
    parts = file_name[: -len(".whl")].split("-")
    return canonicalize_name(parts[0]), parts[1]


def command_lock(args):
    directory, base = args[0], args[1].rstrip("/")
    rest = args[2:]
    only = set(canonicalize_name(n) for n in rest[rest.index("--only") + 1].split(",")) if "--only" in rest else None
    exclude = set(canonicalize_name(n) for n in rest[rest.index("--exclude") + 1].split(",")) if "--exclude" in rest else set()
    hashes = "--no-hashes" not in rest
    newest = {}
    for file_name in sorted(os.listdir(directory)):
        if not file_name.endswith(".whl"):
            continue
        name, version = parse_wheel_name(file_name)
        if (only is not None and name not in only) or name in exclude:
            continue
        if name not in newest or Version(version) > Version(newest[name][0]):
            newest[name] = (version, file_name)
    lines = ['lock-version = "1.0"', 'created-by = "make_sync_data"', 'requires-python = ">=3.8"', ""]
    for name in sorted(newest):
        version, file_name = newest[name]
        with open(os.path.join(directory, file_name), "rb") as handle:
            data = handle.read()
        lines += ["[[packages]]", f'name = "{name}"', f'version = "{version}"', "",
                  "[[packages.wheels]]", f'name = "{file_name}"', f'url = "{base}/{file_name}"',
                  f"size = {len(data)}"]
        if hashes:
            lines.append(f'hashes = {{ sha256 = "{hashlib.sha256(data).hexdigest()}" }}')
        lines.append("")
    sys.stdout.write("\n".join(lines))


def command_rezip(args):
    source, target = args
    with zipfile.ZipFile(source) as inside, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as outside:
        for info in inside.infolist():
            outside.writestr(info, inside.read(info.filename))
        outside.comment = b"repacked"


def command_synthetic(args):
    out, count = args[0], int(args[1])
    os.makedirs(out, exist_ok=True)
    for index in range(count):
        name = f"synth-pkg-{index}"
        module = f"synth_pkg_{index}"
        files = [(f"{module}/__init__.py", f'VERSION = "1.0"\n'.encode())]
        files += [(f"{module}/part{k}.py", (f"def value():\n    return {k}\n" * 20).encode()) for k in range(10)]
        metadata = f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n".encode()
        print(f"{name} 1.0 {write_wheel(out, Distribution(name, '1.0', metadata, files, None, False))}")


def main():
    commands = {"wheels": command_wheels, "lock": command_lock, "rezip": command_rezip,
                "synthetic": command_synthetic}
    if len(sys.argv) < 3 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    main()
