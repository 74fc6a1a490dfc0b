#!/usr/bin/env python3
"""Writes bash and zsh completions for pindex from the executable's own help.

The commands come from `pindex --help` (the command table in app/commands.cpp); each command's
subcommands, options, option values and value choices come from its usage lines
(`pindex COMMAND --help`). Run at build time, so a new command or option is completed as soon as
its help mentions it.

Usage: make_completions.py PINDEX OUT_DIR   (writes OUT_DIR/pindex and OUT_DIR/_pindex)
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

PLACEHOLDER = re.compile(r"^([A-Z][A-Z0-9_-]*)(,\S*|\.\.\.)?$")
WORD = re.compile(r"^[a-z][a-z0-9-]*$")
OPTION = re.compile(r"^--?[a-zA-Z][a-zA-Z0-9-]*$")
# Placeholders whose values are paths.
DIRECTORY_VALUES = {"DIR"}
FILE_VALUES = {"FILE", "OLD", "NEW"}


@dataclass
class Option:
    name: str
    value: str | None = None  # the placeholder, "-" for stdin, or None for a flag
    choices: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        if self.choices:
            return "choice"
        if self.value in DIRECTORY_VALUES:
            return "directory"
        if self.value in FILE_VALUES:
            return "file"
        return "flag" if self.value is None else "value"


@dataclass
class Usage:
    subcommand: str | None
    options: dict[str, Option] = field(default_factory=dict)


@dataclass
class Command:
    name: str
    summary: str
    usages: list[Usage] = field(default_factory=list)

    def subcommands(self) -> list[str]:
        return [u.subcommand for u in self.usages if u.subcommand]

    def options(self, subcommand: str | None = None) -> dict[str, Option]:
        merged: dict[str, Option] = {"--help": Option("--help")}
        for usage in self.usages:
            if subcommand is None or usage.subcommand == subcommand:
                for name, option in usage.options.items():
                    if name not in merged or option.choices:
                        merged[name] = option
        return merged

    def share_choices(self) -> None:
        """`index set --authenticate VALUE` completes like `index add --authenticate auto|...`."""
        known = {n: o.choices for u in self.usages for n, o in u.options.items() if o.choices}
        for usage in self.usages:
            for name, option in usage.options.items():
                if not option.choices and option.value and name in known:
                    option.choices = known[name]


def run(pindex: str, *arguments: str) -> str:
    result = subprocess.run([pindex, *arguments], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"make_completions.py: `pindex {' '.join(arguments)}` exited {result.returncode}")
    return result.stdout


def parse_top_level(text: str) -> tuple[list[Command], list[str]]:
    commands: list[Command] = []
    options: list[str] = []
    section = None
    for line in text.splitlines():
        if line.endswith(":") and not line.startswith(" "):
            section = line[:-1]
            continue
        match = re.match(r"^  (\S+)\s+(.*)$", line)
        if not match:
            continue
        if section == "Commands":
            commands.append(Command(match.group(1), match.group(2).strip()))
        elif section == "Options":
            options.append(match.group(1))
    if not commands:
        sys.exit("make_completions.py: `pindex --help` lists no commands")
    return commands, options


def usage_lines(command: str, text: str) -> list[str]:
    """The usage lines of a command's help, continuation lines joined to theirs."""
    lines: list[str] = []
    for line in text.splitlines():
        if re.search(rf"\bpindex {re.escape(command)}\b", line):
            lines.append(line.split(f"pindex {command}", 1)[1])
        elif lines and line.startswith(" ") and line.strip():
            lines[-1] += " " + line
        elif lines:
            break
    return lines


def parse_usage(line: str) -> Usage:
    usage = Usage(None)
    line = line.replace("(password on stdin)", "")
    pending: Option | None = None  # the option waiting for its value
    for raw in line.split():
        if raw[0] in "[(":
            pending = None  # a new group: a value never crosses a bracket
        alternatives = [a for a in re.sub(r"[\[\]()]", "", raw).split("|") if a]
        if len(alternatives) > 1 and all(WORD.match(a) for a in alternatives):
            if pending:
                pending.choices = alternatives
        else:
            for alternative in alternatives:
                if OPTION.match(alternative):
                    pending = usage.options.setdefault(alternative, Option(alternative))
                elif alternative == "-" and pending:
                    pending.value, pending = "-", None
                elif placeholder := PLACEHOLDER.match(alternative):
                    if pending:
                        pending.value, pending = placeholder.group(1), None
                elif WORD.match(alternative) and usage.subcommand is None and pending is None:
                    usage.subcommand = alternative  # also `pindex keyring [--mode M] get ...`
        if raw[-1] in "])":
            pending = None
    return usage


def bash_script(commands: list[Command], top_options: list[str]) -> str:
    cases = []
    for command in commands:
        keys = [None] + command.subcommands()
        for key in keys:
            options = command.options(key)
            values = []
            for option in options.values():
                if option.kind == "choice":
                    values.append(f"{option.name}) COMPREPLY=($(compgen -W '{' '.join(option.choices)}' -- \"$cur\")); return ;;")
                elif option.kind == "directory":
                    values.append(f"{option.name}) COMPREPLY=($(compgen -d -- \"$cur\")); return ;;")
                elif option.kind in ("file", "value"):
                    values.append(f"{option.name}) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;"
                                  if option.kind == "file" else f"{option.name}) return ;;")
            pattern = command.name if key is None else f"{command.name}/{key}"
            cases.append(
                f"        {pattern})\n"
                f"            case \"$prev\" in\n"
                + "".join(f"                {v}\n" for v in values)
                + "            esac\n"
                f"            options='{' '.join(options)}'\n"
                f"            subcommands='{' '.join(command.subcommands()) if key is None else ''}'\n"
                f"            ;;\n")
    command_names = " ".join(c.name for c in commands)
    subcommand_table = "\n".join(
        f"                        {c.name}) known='{' '.join(c.subcommands())}' ;;" for c in commands if c.subcommands())
    return f"""# bash completion for pindex
# Generated from `pindex --help` and `pindex COMMAND --help` by installer/linux/make_completions.py.

_pindex()
{{
    local cur prev words cword
    _init_completion || return

    local command="" subcommand="" known="" i
    for ((i = 1; i < cword; i++)); do
        case "${{words[i]}}" in
            -*) ;;
            *)
                if [[ -z $command ]]; then
                    command=${{words[i]}}
                    case "$command" in
{subcommand_table}
                    esac
                elif [[ -z $subcommand && " $known " == *" ${{words[i]}} "* ]]; then
                    subcommand=${{words[i]}}
                fi
                ;;
        esac
    done

    local options="" subcommands=""
    case "$command${{subcommand:+/$subcommand}}" in
        "")
            case "$prev" in
                --project) COMPREPLY=($(compgen -d -- "$cur")); return ;;
            esac
            if [[ $cur == -* ]]; then
                COMPREPLY=($(compgen -W '{' '.join(top_options)} --project' -- "$cur"))
            else
                COMPREPLY=($(compgen -W '{command_names}' -- "$cur") $(compgen -d -- "$cur"))
            fi
            return
            ;;
{''.join(cases)}        *) return ;;
    esac

    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$options" -- "$cur"))
    elif [[ -n $subcommands ]]; then
        COMPREPLY=($(compgen -W "$subcommands" -- "$cur"))
    else
        _filedir
    fi
}} &&
    complete -F _pindex pindex
"""


def zsh_quote(text: str) -> str:
    return text.replace("'", "'\\''").replace(":", "\\:").replace("[", "\\[").replace("]", "\\]")


def zsh_spec(option: Option) -> str:
    if option.kind == "choice":
        return f"'{option.name}:{option.name.lstrip('-')}:({' '.join(option.choices)})'"
    if option.kind == "directory":
        return f"'{option.name}:directory:_files -/'"
    if option.kind == "file":
        return f"'{option.name}:file:_files'"
    if option.kind == "value":
        return f"'{option.name}:{option.value.lower() if option.value != '-' else 'stdin'}: '"
    return f"'{option.name}'"


def zsh_script(commands: list[Command], top_options: list[str]) -> str:
    described = "\n".join(f"        '{c.name}:{zsh_quote(c.summary)}'" for c in commands)
    branches = []
    for command in commands:
        subcommands = command.subcommands()
        if not subcommands:
            specs = " ".join(zsh_spec(o) for o in command.options().values())
            branches.append(f"        {command.name})\n            _arguments : {specs} '*:argument:_files' && ret=0\n            ;;\n")
            continue
        inner = []
        for sub in subcommands:
            specs = " ".join(zsh_spec(o) for o in command.options(sub).values())
            inner.append(f"                {sub}) _arguments : {specs} '*:argument:_files' && ret=0 ;;\n")
        # Options that may come before the subcommand (`pindex keyring --mode creds get ...`).
        leading = " ".join(zsh_spec(o) for o in command.options().values())
        branches.append(
            f"        {command.name})\n"
            f"            local sub=${{words[(r)({'|'.join(subcommands)})]}}\n"
            f"            case $sub in\n"
            + "".join(inner)
            + f"                *) _arguments : {leading} '1:subcommand:({' '.join(subcommands)})' && ret=0 ;;\n"
            f"            esac\n"
            f"            ;;\n")
    top_specs = " ".join(f"'(- *){o}'" for o in top_options)
    return f"""#compdef pindex
# zsh completion for pindex
# Generated from `pindex --help` and `pindex COMMAND --help` by installer/linux/make_completions.py.

_pindex() {{
    local curcontext=$curcontext state line ret=1
    typeset -A opt_args

    _arguments -C {top_specs} '--project:directory:_files -/' \\
        '1: :->command' '*:: :->argument' && ret=0

    case $state in
    command)
        local -a commands
        commands=(
{described}
        )
        _describe -t commands 'pindex command' commands && ret=0
        _files -/ && ret=0
        ;;
    argument)
        curcontext=${{curcontext%:*:*}}:pindex-$words[1]:
        case $words[1] in
{''.join(branches)}        esac
        ;;
    esac
    return ret
}}

_pindex "$@"
"""


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[-1])
    pindex, out = sys.argv[1], Path(sys.argv[2])
    commands, top_options = parse_top_level(run(pindex, "--help"))
    for command in commands:
        command.usages = [parse_usage(line) for line in usage_lines(command.name, run(pindex, command.name, "--help"))]
        if not command.usages:
            sys.exit(f"make_completions.py: `pindex {command.name} --help` has no usage line")
        command.share_choices()
    out.mkdir(parents=True, exist_ok=True)
    (out / "pindex").write_text(bash_script(commands, top_options))
    (out / "_pindex").write_text(zsh_script(commands, top_options))


if __name__ == "__main__":
    main()
