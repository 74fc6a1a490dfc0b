#!/usr/bin/env python3
"""Writes the pindex(1) manual page from pindex.1.in and the executable's own help.

Every command of `pindex --help` (the command table in app/commands.cpp) gets a section with its
summary and its usage lines from `pindex COMMAND --help`, followed by the prose written for it in
the template ("@command NAME" ... "@end"). A command without prose still gets its section; prose
for a command that no longer exists is an error.

Usage: make_manpage.py PINDEX TEMPLATE OUTPUT VERSION DATE KEYRING_SHIM
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_completions import parse_top_level, run  # noqa: E402


def roff(text: str) -> str:
    """Plain text as roff: backslashes and hyphens escaped, no line read as a request."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "\n".join("\\&" + line if line.startswith((".", "'")) else line for line in text.splitlines())


def synopsis(command: str, help_text: str) -> str:
    """The usage lines of a command's help as printed, from "pindex" on, continuations aligned."""
    lines: list[str] = []
    indent = 0
    for line in help_text.splitlines():
        if f"pindex {command}" in line:
            indent = line.index("pindex")
            lines.append(line[indent:].rstrip())
        elif lines and line.startswith(" ") and line.strip():
            lines.append(line[indent:].rstrip())
        elif lines:
            break
    return "\n".join(lines)


def main() -> None:
    if len(sys.argv) != 7:
        sys.exit(__doc__.strip().splitlines()[-1])
    pindex, template, output, version, date, shim = sys.argv[1:]
    text = Path(template).read_text()

    prose: dict[str, str] = {}
    for match in re.finditer(r"^\.\\\" @command (\S+)\n(.*?)^\.\\\" @end\n", text, re.S | re.M):
        prose[match.group(1)] = match.group(2)
    text = re.sub(r"^\.\\\" @command \S+\n.*?^\.\\\" @end\n", "", text, flags=re.S | re.M)

    commands, _ = parse_top_level(run(pindex, "--help"))
    stale = set(prose) - {c.name for c in commands}
    if stale:
        sys.exit(f"make_manpage.py: prose for commands pindex no longer has: {', '.join(sorted(stale))}")

    sections = []
    for command in commands:
        usage = synopsis(command.name, run(pindex, command.name, "--help"))
        if not usage:
            sys.exit(f"make_manpage.py: `pindex {command.name} --help` has no usage line")
        sections.append(
            f".SS \"pindex {roff(command.name)}\"\n"
            f"{roff(command.summary)}.\n"
            f".PP\n.RS 4\n.nf\n{roff(usage)}\n.fi\n.RE\n.PP\n"
            + prose.get(command.name, ""))
    text = text.replace("@COMMANDS@\n", "".join(sections))
    text = text.replace("@VERSION@", version).replace("@DATE@", date)
    text = text.replace("@KEYRING_SHIM_DIR@", roff(str(Path(shim).parent))).replace("@KEYRING_SHIM@", roff(shim))
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    Path(output).write_text(text)


if __name__ == "__main__":
    main()
