#!/usr/bin/env python3
"""Checks edited TOML files with Python's own parser (tomllib, Python 3.11+).

  check_toml.py [--update] GOLDEN_ROOT
      For every folder under GOLDEN_ROOT, parses each *.toml file and compares the data with the
      folder's data.json ({"file stem": data}); --update rewrites data.json instead.
  check_toml.py --parse-only FILE...
      Only checks that every FILE parses.

Exit status 0 when everything matches, 1 otherwise (the differences are printed).
"""

import datetime
import json
import pathlib
import sys
import tomllib


def plain(value):
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, (datetime.date, datetime.time, datetime.datetime)):
        return value.isoformat()
    return value


def parse(path):
    with open(path, "rb") as handle:
        return plain(tomllib.load(handle))


def parse_only(files):
    failed = False
    for name in files:
        try:
            parse(name)
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            print(f"{name}: invalid TOML: {error}")
            failed = True
    return failed


def check_golden(root, update):
    failed = False
    for folder in sorted(path for path in pathlib.Path(root).iterdir() if path.is_dir()):
        data_file = folder / "data.json"
        actual = {}
        for toml_file in sorted(folder.glob("*.toml")):
            try:
                actual[toml_file.stem] = parse(toml_file)
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
                print(f"{toml_file}: invalid TOML: {error}")
                failed = True
        if update:
            data_file.write_text(json.dumps(actual, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
            continue
        expected = json.loads(data_file.read_text()) if data_file.exists() else {}
        for key in sorted(set(actual) | set(expected)):
            if actual.get(key) != expected.get(key):
                print(f"{folder.name}/{key}.toml: tomllib data differs from data.json")
                print(f"  expected: {json.dumps(expected.get(key), sort_keys=True)}")
                print(f"  actual:   {json.dumps(actual.get(key), sort_keys=True)}")
                failed = True
    return failed


def main(argv):
    if len(argv) >= 2 and argv[1] == "--parse-only":
        return 1 if parse_only(argv[2:]) else 0
    update = "--update" in argv[1:]
    roots = [arg for arg in argv[1:] if arg != "--update"]
    if len(roots) != 1:
        print(__doc__)
        return 2
    return 1 if check_golden(roots[0], update) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
