#!/usr/bin/env python3
"""Seed corpora for the fuzz targets, made from the project's own test data and, when present, the
shared conformance vectors (read in place, written only into the build directory).

usage: make_seeds.py SOURCE_DIR SHARED_DATA_DIR OUTPUT_DIR

Writes OUTPUT_DIR/<target>/<sha1> files. The committed corpus of each target (tests/fuzz/corpus/
<target>, hand-written seeds and every input that once crashed a target) is used beside these.
"""

import hashlib
import io
import json
import pathlib
import sys
import zipfile

LIMIT = 3000


def strings_in(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def json_strings(path):
    try:
        return list(dict.fromkeys(strings_in(json.loads(path.read_text(encoding="utf-8")))))
    except (OSError, ValueError):
        return []


class Corpus:
    def __init__(self, root):
        self.root = root
        self.counts = {}

    def add(self, target, data):
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogatepass")
        if self.counts.get(target, 0) >= LIMIT:
            return
        folder = self.root / target
        folder.mkdir(parents=True, exist_ok=True)
        (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)
        self.counts[target] = self.counts.get(target, 0) + 1


def sample_wheel(extra_member=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("sample/__init__.py", "VALUE = 1\n")
        archive.writestr("sample-1.0.dist-info/METADATA",
                         "Metadata-Version: 2.1\nName: sample\nVersion: 1.0\nRequires-Dist: idna>=2\n")
        archive.writestr("sample-1.0.dist-info/entry_points.txt",
                         "[console_scripts]\nsample = sample:main\n")
        archive.writestr("sample-1.0.dist-info/WHEEL", "Wheel-Version: 1.0\nRoot-Is-Purelib: true\n")
        if extra_member:
            archive.writestr(*extra_member)
        archive.writestr("sample-1.0.dist-info/RECORD",
                         "sample/__init__.py,sha256=AAAA,10\nsample-1.0.dist-info/RECORD,,\n")
    return buffer.getvalue()


def main():
    source, shared, output = (pathlib.Path(argument) for argument in sys.argv[1:4])
    corpus = Corpus(output)
    conformance = shared / "conformance"

    versions = json_strings(conformance / "versions.json")
    specifiers = json_strings(conformance / "specifiers.json")
    for index, version in enumerate(versions[:LIMIT]):
        specifier = specifiers[index % len(specifiers)] if specifiers else ""
        corpus.add("version", f"{version}\n{specifier}")
    for text in json_strings(conformance / "requirements.json") + json_strings(conformance / "markers.json"):
        corpus.add("requirement", text)
    for text in json_strings(conformance / "tags.json") + json_strings(conformance / "names.json"):
        corpus.add("wheel_name", text)

    data = source / "tests" / "data"
    for path in sorted(data.rglob("*")):
        if not path.is_file():
            continue
        name = path.name
        if name.startswith("pylock") and name.endswith(".toml"):
            corpus.add("lock_pylock", path.read_bytes())
        elif name == "uv.lock" or name.endswith(".uv.lock"):
            corpus.add("lock_uv", path.read_bytes())
        elif name == "poetry.lock" or name.endswith(".poetry.lock"):
            corpus.add("lock_poetry", path.read_bytes())
        elif name.endswith(".txt") and "requirements" in str(path.relative_to(data)) + name:
            corpus.add("lock_requirements", path.read_bytes())
        elif name == "METADATA" or name.endswith(".metadata") or name == "PKG-INFO":
            corpus.add("metadata", path.read_bytes())
        elif name.endswith(".netrc") or name == "netrc":
            corpus.add("netrc", path.read_bytes())

    # pyproject edits: each corpus file followed by its edit script, or a few generic operations.
    project = data / "project" / "corpus"
    generic = "add-index extra https://extra.example/simple/\npin requests extra\nmove-up extra\nremove-index extra\n"
    for toml in sorted(project.glob("*.toml")):
        ops = toml.with_suffix(".ops")
        script = ops.read_text(encoding="utf-8") if ops.exists() else generic
        corpus.add("pyproject_edits", toml.read_text(encoding="utf-8") + "\n#%%\n" + script)

    corpus.add("wheel_archive", sample_wheel())
    corpus.add("wheel_archive", sample_wheel(("sample-1.0.data/scripts/tool", "#!python\nprint(1)\n")))
    corpus.add("wheel_archive", "a/b.py,sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU,3\nRECORD,,\n")
    corpus.add("wheel_archive", "[console_scripts]\ntool = pkg.cli:main [extra]\n[gui_scripts]\ng = pkg:gui\n")

    for target, count in sorted(corpus.counts.items()):
        print(f"{target}: {count} seeds")


if __name__ == "__main__":
    main()
