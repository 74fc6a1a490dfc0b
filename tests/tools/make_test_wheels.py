#!/usr/bin/env python3
"""Writes small, real wheels for the install tests into a directory.

Usage: make_test_wheels.py OUTPUT_DIR

Good wheels (demo_pkg 1.0 and 2.0) use every part of the binary distribution format that Pindex
installs: packages, .data/scripts with a `#!python` shebang, .data/headers, .data/data, .data/purelib,
console_scripts and gui_scripts entry points. Bad wheels each break one rule (path traversal, absolute
path, a link escaping the wheel, a RECORD hash mismatch, a file missing from RECORD). Standard
library only, deterministic output (fixed timestamps).
"""

import base64
import hashlib
import os
import sys
import zipfile

STAMP = (2024, 1, 1, 0, 0, 0)


def record_hash(data):
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def write_wheel(path, name, version, files, record_override=None, unlisted=(), links=()):
    """files: list of (archive path, bytes, executable). links: (archive path, target)."""
    dist_info = f"{name}-{version}.dist-info"
    files = list(files)
    files.append((f"{dist_info}/METADATA",
                  f"Metadata-Version: 2.1\nName: {name.replace('_', '-')}\nVersion: {version}\n".encode(), False))
    files.append((f"{dist_info}/WHEEL",
                  b"Wheel-Version: 1.0\nGenerator: make_test_wheels\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
                  False))
    lines = []
    for arcname, data, _ in files:
        if arcname in unlisted:
            continue
        digest = (record_override or {}).get(arcname, record_hash(data))
        lines.append(f"{arcname},{digest},{len(data)}")
    lines.append(f"{dist_info}/RECORD,,")
    files.append((f"{dist_info}/RECORD", ("\n".join(lines) + "\n").encode(), False))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for arcname, data, executable in files:
            info = zipfile.ZipInfo(arcname, STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (0o100755 if executable else 0o100644) << 16
            archive.writestr(info, data)
        for arcname, target in links:
            info = zipfile.ZipInfo(arcname, STAMP)
            info.create_system = 3
            info.external_attr = 0o120777 << 16
            archive.writestr(info, target)


def demo_files(version):
    data = f"demo_pkg-{version}.data"
    files = [
        ("demo_pkg/__init__.py", f'VERSION = "{version}"\n\n\ndef main():\n    print("demo " + VERSION)\n'
                                 f'    return 0\n'.encode(), False),
        (f"{data}/scripts/demo-script", b"#!python\nimport demo_pkg\nprint('script ' + demo_pkg.VERSION)\n", True),
        (f"{data}/headers/demo.h", b"#define DEMO 1\n", False),
        (f"{data}/data/share/demo_pkg/readme.txt", f"demo {version}\n".encode(), False),
        (f"{data}/purelib/demo_extra.py", b"EXTRA = True\n", False),
        (f"demo_pkg-{version}.dist-info/entry_points.txt",
         b"[console_scripts]\ndemo = demo_pkg:main\n\n[gui_scripts]\ndemo-gui = demo_pkg:main\n", False),
    ]
    if version == "1.0":
        files.append(("demo_pkg/old.py", b"OLD = True\n", False))
    else:
        files.append(("demo_pkg/new.py", b"NEW = True\n", False))
    return files


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for version in ("1.0", "2.0"):
        write_wheel(os.path.join(out, f"demo_pkg-{version}-py3-none-any.whl"), "demo_pkg", version,
                    demo_files(version))
    plain = [("evil/__init__.py", b"", False)]
    write_wheel(os.path.join(out, "evil_traversal-1.0-py3-none-any.whl"), "evil_traversal", "1.0",
                plain + [("evil/../../../../escaped.py", b"BAD = 1\n", False)])
    write_wheel(os.path.join(out, "evil_absolute-1.0-py3-none-any.whl"), "evil_absolute", "1.0",
                plain + [("/tmp/pindex-evil-absolute.py", b"BAD = 1\n", False)])
    write_wheel(os.path.join(out, "evil_link-1.0-py3-none-any.whl"), "evil_link", "1.0", plain,
                links=[("evil/etc", "../../../../../../etc")])
    write_wheel(os.path.join(out, "evil_hash-1.0-py3-none-any.whl"), "evil_hash", "1.0",
                plain + [("evil/payload.py", b"BAD = 1\n", False)],
                record_override={"evil/payload.py": record_hash(b"something else")})
    write_wheel(os.path.join(out, "evil_unlisted-1.0-py3-none-any.whl"), "evil_unlisted", "1.0",
                plain + [("evil/hidden.py", b"BAD = 1\n", False)], unlisted={"evil/hidden.py"})


if __name__ == "__main__":
    main()
