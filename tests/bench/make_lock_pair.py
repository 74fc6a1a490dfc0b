#!/usr/bin/env python3
"""Writes two large lockfiles for the lock diff benchmark: OUT/old/uv.lock and OUT/new/uv.lock
(or pylock.toml, poetry.lock, requirements.txt with --format pylock|poetry|requirements), each with N packages (3,000 by default) in the shape uv
writes them: a registry source, an sdist and two wheels with hashes, sizes and upload times, and
dependencies on earlier packages. The new file upgrades, downgrades, removes, adds, moves to
another index and republishes a few percent of the packages, so every code path of the diff runs.

Usage: make_lock_pair.py OUT [--packages N] [--format uv|pylock|poetry|requirements] [--seed S]
"""

import argparse
import hashlib
import os
import random


def digest(text):
    return hashlib.sha256(text.encode()).hexdigest()


def make_packages(count, rng):
    packages = []
    for i in range(count):
        deps = sorted({rng.randrange(i) for _ in range(min(i, rng.randrange(0, 5)))}) if i else []
        packages.append({
            "name": "pkg-%05d" % i,
            "version": "%d.%d.%d" % (rng.randrange(0, 5), rng.randrange(0, 30), rng.randrange(0, 10)),
            "index": "https://pypi.org/simple",
            "deps": ["pkg-%05d" % d for d in deps],
            "salt": "",
        })
    return packages


def mutate(packages, rng):
    new = [dict(p, deps=list(p["deps"])) for p in packages]
    for package in new:
        roll = rng.random()
        major, minor, patch = (int(x) for x in package["version"].split("."))
        if roll < 0.05:
            package["version"] = "%d.%d.%d" % (major, minor + 1, patch)
        elif roll < 0.06:
            package["version"] = "%d.%d.%d" % (major, minor, max(0, patch - 1)) if patch else "%d.%d.9" % (
                major, max(0, minor - 1))
        elif roll < 0.07:
            package["index"] = "https://pkgs.acme.example/simple"
        elif roll < 0.08:
            package["salt"] = "republished"
        elif roll < 0.09 and package["deps"]:
            package["deps"].pop()
    removed = set(rng.sample(range(len(new)), len(new) // 100))
    new = [p for i, p in enumerate(new) if i not in removed]
    for i in range(len(packages) // 100):
        new.append({"name": "added-%04d" % i, "version": "1.0.%d" % i, "index": "https://pypi.org/simple",
                    "deps": [rng.choice(new)["name"]], "salt": ""})
    names = {p["name"] for p in new}
    for package in new:
        package["deps"] = [d for d in package["deps"] if d in names]
    return sorted(new, key=lambda p: p["name"])


def files(package):
    stem = package["name"].replace("-", "_") + "-" + package["version"]
    host = "https://files.example/packages"
    return [(stem + ".tar.gz", host), (stem + "-py3-none-any.whl", host),
            (stem + "-cp312-cp312-manylinux_2_17_x86_64.whl", host)]


def write_uv(path, packages):
    lines = ['version = 1', 'revision = 2', 'requires-python = ">=3.10"', '']
    for p in packages:
        lines += ['[[package]]', 'name = "%s"' % p["name"], 'version = "%s"' % p["version"],
                  'source = { registry = "%s" }' % p["index"]]
        if p["deps"]:
            lines.append("dependencies = [")
            lines += ['    { name = "%s" },' % d for d in p["deps"]]
            lines.append("]")
        (sdist, host), *wheels = files(p)
        lines.append('sdist = { url = "%s/%s", hash = "sha256:%s", size = %d, upload-time = "2025-01-01T00:00:00Z" }'
                     % (host, sdist, digest(sdist + p["salt"]), len(sdist) * 1000))
        lines.append("wheels = [")
        for wheel, host in wheels:
            lines.append('    { url = "%s/%s", hash = "sha256:%s", size = %d, upload-time = "2025-01-01T00:00:00Z" },'
                         % (host, wheel, digest(wheel + p["salt"]), len(wheel) * 1000))
        lines += ["]", ""]
    with open(path, "w") as handle:
        handle.write("\n".join(lines))


def write_pylock(path, packages):
    lines = ['lock-version = "1.0"', 'requires-python = ">=3.10"', 'created-by = "pindex"', '']
    for p in packages:
        lines += ['[[packages]]', 'name = "%s"' % p["name"], 'version = "%s"' % p["version"],
                  'index = "%s"' % p["index"]]
        if p["deps"]:
            lines.append("dependencies = [%s]" % ", ".join('{ name = "%s" }' % d for d in p["deps"]))
        (sdist, host), *wheels = files(p)
        lines.append('sdist = { name = "%s", url = "%s/%s", size = %d, hashes = { sha256 = "%s" } }'
                     % (sdist, host, sdist, len(sdist) * 1000, digest(sdist + p["salt"])))
        lines.append("wheels = [")
        for wheel, host in wheels:
            lines.append('    { name = "%s", url = "%s/%s", size = %d, hashes = { sha256 = "%s" } },'
                         % (wheel, host, wheel, len(wheel) * 1000, digest(wheel + p["salt"])))
        lines += ["]", ""]
    with open(path, "w") as handle:
        handle.write("\n".join(lines))


def write_poetry(path, packages):
    lines = []
    for p in packages:
        lines += ['[[package]]', 'name = "%s"' % p["name"], 'version = "%s"' % p["version"],
                  'description = ""', 'optional = false', 'python-versions = ">=3.10"',
                  'groups = ["main"]', 'files = [']
        for file, host in files(p):
            lines.append('    {file = "%s", hash = "sha256:%s"},' % (file, digest(file + p["salt"])))
        lines.append("]")
        if p["deps"]:
            lines += ["", "[package.dependencies]"]
            lines += ['%s = ">=0"' % d for d in p["deps"]]
        if p["index"] != "https://pypi.org/simple":
            lines += ["", "[package.source]", 'type = "legacy"', 'url = "%s"' % p["index"], 'reference = "private"']
        lines.append("")
    lines += ["[metadata]", 'lock-version = "2.1"', 'python-versions = ">=3.10"', 'content-hash = "%s"' % digest(str(len(packages)))]
    with open(path, "w") as handle:
        handle.write("\n".join(lines) + "\n")


def write_requirements(path, packages):
    lines = ["# This file was autogenerated by uv via the following command:",
             "#    uv pip compile --generate-hashes requirements.in", "--index-url https://pypi.org/simple", ""]
    for p in packages:
        hashes = ["    --hash=sha256:%s" % digest(file + p["salt"]) for file, _ in files(p)]
        lines.append("%s==%s \\" % (p["name"], p["version"]))
        lines += [h + " \\" for h in hashes[:-1]] + [hashes[-1]]
    with open(path, "w") as handle:
        handle.write("\n".join(lines) + "\n")


WRITERS = {"uv": ("uv.lock", write_uv), "pylock": ("pylock.toml", write_pylock),
           "poetry": ("poetry.lock", write_poetry), "requirements": ("requirements.txt", write_requirements)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--packages", type=int, default=3000)
    parser.add_argument("--format", choices=sorted(WRITERS), default="uv")
    parser.add_argument("--seed", type=int, default=751)
    arguments = parser.parse_args()
    rng = random.Random(arguments.seed)
    old = make_packages(arguments.packages, rng)
    new = mutate(old, rng)
    name, write = WRITERS[arguments.format]
    for side, packages in (("old", old), ("new", new)):
        os.makedirs(os.path.join(arguments.out, side), exist_ok=True)
        write(os.path.join(arguments.out, side, name), packages)


if __name__ == "__main__":
    main()
