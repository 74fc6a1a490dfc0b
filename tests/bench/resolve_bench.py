#!/usr/bin/env python3
"""Resolver benchmark: `pindex lock` against pip, Poetry and PDM on the same local index.

Usage: resolve_bench.py --pindex PATH --engine PATH --index DIR [--runs N] [--pindex-runs N]
                        [--delays 0,20] [--tools pindex,engine,pip,poetry,pdm]
                        [--cases cheroot,popular] [--keep DIR] [--proxy PATH]

"pindex" times `pindex lock`; "engine" times pindex-bench-resolve, the same core (index client,
cache, IndexSource, resolver, pylock writer) without the command line and its Qt libraries.

DIR is the output of tests/tools/make_index.py for the cheroot snapshot of
../shared/data/resolvelib (DIR/pypi/{simple,nometa,files}). One nginx serves it on two ports: one
negotiating PEP 691 JSON or HTML by Accept (Pindex, Poetry, PDM), one always answering HTML (pip 23.0
crashes on PEP 691 JSON). For every delay other than 0, a proxy adds that many milliseconds to every
request in front of each port: pindex-delay-proxy (--proxy, built from tests/bench/delay_proxy.cpp;
run_resolve_bench.sh passes it) or tests/bench/delay_proxy.py. nginx logs each request with the
time it was answered ($msec), so the waves of requests of one run can be counted from access.log.

Every tool runs with its own HOME and cache directory: "cold" starts from an empty cache, "warm"
reuses the cache of a first (unmeasured) run. nginx sends no Cache-Control, so a warm run must
revalidate every page. "fresh" is a warm run against the same pages served as PyPI serves them,
with "Cache-Control: max-age=600, public" (paths /fresh/ and /fresh-nometa/; --no-fresh skips it):
a client that honours it may answer from its cache without asking (pip asks anyway: it sends
max-age=0 for index pages). Lock files are removed before every run, so every run resolves. Each
tool's cold runs of a setting follow --warmup unmeasured runs (default 1, each with an empty cache
of its own), as with hyperfine's --warmup: the tools take turns for minutes, and a tool's first
run after that would otherwise also measure reading its own program and libraries back from disk
(a guest may drop page cache nobody touched for a while; docs/BENCHMARKS.md). The
homes, caches and projects stay until the whole benchmark ends: on ext4, creating a file costs
several times more while inodes deleted in the last minutes are nearby (the allocator reads each
one to skip it, `recently_deleted`), so deleting a run's cache would slow the cold run of
whichever tool comes next. Outgoing traffic other than loopback goes to a dead proxy (http_proxy
et al. point at 127.0.0.1:9), so a tool trying PyPI fails at once instead of hanging; every tool's
default index is replaced by the local one. pip runs twice, with and without PEP 658 metadata files (pip 23.0 fails
when a metadata file's Name differs in case from the requirement); the better median counts.

Prints one table of median wall times (and the ratio peer / Pindex), peak memory (maximum resident
set size from /usr/bin/time -v), what each tool resolved compared with Pindex, and the critical path
at each delay: two round trips per level of the dependency graph (a project page, then the metadata
of the chosen version), levels counted breadth-first from the requirements in Pindex's lock.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON = "/usr/bin/python3"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

CHEROOT = ["coverage==5.3", "pytest-mock>=1.11.0", "pytest-sugar>=0.9.3", "pytest-testmon<1.0.0"]
# Popular projects of the 2020-11-17 snapshot whose whole dependency tree has wheels there (about
# 150 projects of the snapshot are sdist-only: requests needing them are left out).
POPULAR = [
    "boto3", "django", "pytest", "sphinx", "tqdm", "virtualenv", "requests", "click", "jinja2",
    "flask", "attrs", "python-dateutil", "black", "tox", "keyring", "docker", "aiohttp", "pygments",
    "paramiko", "numpy", "pandas", "sqlalchemy", "pyyaml", "cryptography",
]
CASES = {"cheroot": CHEROOT, "popular": POPULAR}


def requirement_name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9._-]+", text).group(0)).lower()


def requirement_specifier(text: str) -> str:
    return text[len(re.match(r"[A-Za-z0-9._-]+", text).group(0)) :].strip()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Servers:
    """nginx on two loopback ports, and a delay proxy in front of each per delay."""

    def __init__(self, index: Path, work: Path, delays: list[int], proxy: Path | None = None):
        self.proxy = proxy
        self.work = work / "nginx"
        self.work.mkdir(parents=True)
        self.negotiating = free_port()
        self.html = free_port()
        root = (index / "pypi").resolve()
        common = f"root {root};\n        location / {{\n"
        fresh = ("        rewrite ^/fresh/(.*)$ /simple/$1 last;\n"
                 "        rewrite ^/fresh-nometa/(.*)$ /nometa/$1 last;\n")
        (self.work / "nginx.conf").write_text(
            "daemon off;\nmaster_process on;\nworker_processes 1;\n"
            + ("user root;\n" if os.geteuid() == 0 else "")
            + f"pid {self.work}/nginx.pid;\nerror_log {self.work}/error.log;\n"
            "events { worker_connections 1024; }\n"
            "http {\n"
            "    log_format timed '$msec $status $request_uri';\n"
            f"    access_log {self.work}/access.log timed;\n"
            f"    client_body_temp_path {self.work}/body;\n    proxy_temp_path {self.work}/proxy;\n"
            f"    fastcgi_temp_path {self.work}/fastcgi;\n    uwsgi_temp_path {self.work}/uwsgi;\n"
            f"    scgi_temp_path {self.work}/scgi;\n"
            "    types { text/html html; application/vnd.pypi.simple.v1+json json;\n"
            "            application/octet-stream whl gz zip metadata; }\n"
            "    default_type application/octet-stream;\n"
            "    keepalive_requests 100000;\n"
            "    map $http_accept $flavour { default html; "
            '"~application/vnd\\.pypi\\.simple\\.v1\\+json" json; }\n'
            # /fresh/ and /fresh-nometa/ serve the same pages with PyPI's Cache-Control.
            '    map $request_uri $page_cache { default ""; "~^/fresh(-nometa)?/" "max-age=600, public"; }\n'
            f"    server {{\n        listen 127.0.0.1:{self.negotiating};\n{fresh}        {common}"
            "            add_header Vary Accept;\n            add_header Cache-Control $page_cache;\n"
            "            try_files $uri $uri/index.$flavour $uri/index.html =404;\n        }\n    }\n"
            f"    server {{\n        listen 127.0.0.1:{self.html};\n{fresh}        {common}"
            "            add_header Cache-Control $page_cache;\n"
            "            try_files $uri $uri/index.html =404;\n        }\n    }\n"
            "}\n"
        )
        self.processes = [
            subprocess.Popen([NGINX, "-p", str(self.work), "-c", str(self.work / "nginx.conf"),
                              "-e", str(self.work / "error.log")], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        ]
        self._wait_listening(self.negotiating)
        self._wait_listening(self.html)
        self.ports = {0: (self.negotiating, self.html)}
        for delay in delays:
            if delay:
                self.ports[delay] = (self._proxy(self.negotiating, delay), self._proxy(self.html, delay))

    def _wait_listening(self, port: int) -> None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return
            except OSError:
                if self.processes[0].poll() is not None:
                    break
                time.sleep(0.05)  # nginx is starting; there is nothing to wait on but the port
        raise SystemExit(f"nginx did not start: {(self.work / 'error.log').read_text()}")

    def _proxy(self, upstream: int, delay: int) -> int:
        command = [str(self.proxy)] if self.proxy else [PYTHON, str(HERE / "delay_proxy.py")]
        process = subprocess.Popen([*command, str(upstream), str(delay)], stdout=subprocess.PIPE, text=True)
        self.processes.append(process)
        line = process.stdout.readline().split()
        if len(line) != 2 or line[0] != "listening":
            raise SystemExit("delay_proxy.py did not start")
        return int(line[1])

    def request_count(self) -> int:
        with open(self.work / "access.log", "rb") as log:
            return sum(1 for _ in log)

    def close(self) -> None:
        for process in reversed(self.processes):
            process.send_signal(signal.SIGTERM if process is not self.processes[0] else signal.SIGQUIT)
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


@dataclass
class Run:
    seconds: float
    peak_kib: int
    ok: bool
    cpu: float = 0.0
    resolved: dict[str, str] = field(default_factory=dict)
    error: str = ""
    inner: float | None = None  # Pindex: its own "Locked N packages in T ms" (no process start-up)


class Tool:
    name = ""

    def __init__(self, work: Path, servers: Servers, pindex: Path, engine: Path | None = None):
        self.work = work
        self.servers = servers
        self.pindex = pindex
        self.engine = engine

    fresh = False  # the pages come with PyPI's Cache-Control (the "fresh" cache state)

    def url(self, delay: int, html: bool = False, metadata: bool = True) -> str:
        port = self.servers.ports[delay][1 if html else 0]
        path = "simple" if metadata else "nometa"
        if self.fresh:
            path = "fresh" if metadata else "fresh-nometa"
        return f"http://127.0.0.1:{port}/{path}/"

    def environment(self, home: Path, cache: Path) -> dict[str, str]:
        dead = "http://127.0.0.1:9"
        env = {
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "HOME": str(home),
            "LANG": "C.UTF-8",
            "XDG_CACHE_HOME": str(cache),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_DATA_HOME": str(home / "data"),
            "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
            "no_proxy": "127.0.0.1,localhost",
            "NO_PROXY": "127.0.0.1,localhost",
        }
        for variable in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
            env[variable] = dead
        return env

    def prepare(self, project: Path, requirements: list[str], delay: int, variant: str) -> list[str]:
        raise NotImplementedError

    def read(self, project: Path) -> dict[str, str]:
        raise NotImplementedError

    def variants(self) -> list[str]:
        return [""]

    def run(self, requirements: list[str], delay: int, variant: str, home: Path, cache: Path) -> Run:
        project = Path(tempfile.mkdtemp(prefix=f"{self.name}-", dir=self.work))
        self.cache = cache
        command = self.prepare(project, requirements, delay, variant)
        env = self.environment(home, cache)
        env.update(self.extra_environment(home, cache))
        time_file = project / "time.txt"
        started = time.perf_counter()
        completed = subprocess.run(["/usr/bin/time", "-v", "-o", str(time_file), *command], cwd=project,
                                   env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        seconds = time.perf_counter() - started
        match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", time_file.read_text())
        peak = int(match.group(1)) if match else 0
        cpu = sum(float(m) for m in re.findall(r"(?:User|System) time \(seconds\): ([0-9.]+)", time_file.read_text()))
        if completed.returncode != 0:
            output = completed.stdout.strip().splitlines()
            return Run(seconds, peak, False, cpu, error=" | ".join(output[-3:])[:300])
        try:
            resolved = self.read(project)
        except (OSError, ValueError, KeyError) as error:
            return Run(seconds, peak, False, cpu, error=f"unreadable result: {error}")
        inner = re.search(r"Locked \d+ packages in (\d+) ms", completed.stdout)
        return Run(seconds, peak, True, cpu, resolved, inner=int(inner.group(1)) / 1000 if inner else None)

    def extra_environment(self, home: Path, cache: Path) -> dict[str, str]:
        return {}


class Pindex(Tool):
    name = "pindex"

    def prepare(self, project, requirements, delay, variant):
        deps = "".join(f'    "{r}",\n' for r in requirements)
        (project / "pyproject.toml").write_text(
            f'[project]\nname = "bench"\nversion = "0"\nrequires-python = ">=3.11"\n'
            f"dependencies = [\n{deps}]\n\n"
            f'[[tool.uv.index]]\nname = "local"\nurl = "{self.url(delay)}"\ndefault = true\n'
        )
        return [str(self.pindex), "lock", "--project", str(project), "--python", "3.11",
                "--platform", "linux-x86_64"]

    def read(self, project):
        lock = tomllib.loads((project / "pylock.toml").read_text())
        self.last_lock = lock
        return {p["name"]: p["version"] for p in lock.get("packages", [])}


class Pip(Tool):
    name = "pip"

    def variants(self):
        return ["metadata", "no metadata"]

    def prepare(self, project, requirements, delay, variant):
        (project / "requirements.txt").write_text("".join(r + "\n" for r in requirements))
        self.cache_dir = None
        return [PYTHON, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet",
                "--report", str(project / "report.json"), "--index-url",
                self.url(delay, html=True, metadata=variant == "metadata"),
                "--break-system-packages", "-r", str(project / "requirements.txt")]

    def extra_environment(self, home, cache):
        return {"PIP_CONFIG_FILE": os.devnull, "PIP_CACHE_DIR": str(cache / "pip"), "PIP_NO_INPUT": "1",
                "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_USER": "0"}

    def read(self, project):
        report = json.loads((project / "report.json").read_text())
        return {requirement_name(i["metadata"]["name"]): i["metadata"]["version"] for i in report["install"]}


class Poetry(Tool):
    name = "poetry"

    def prepare(self, project, requirements, delay, variant):
        lines = []
        for requirement in requirements:
            name = requirement_name(requirement)
            specifier = requirement_specifier(requirement) or "*"
            lines.append(f'{name} = "{specifier}"')
        (project / "pyproject.toml").write_text(
            '[tool.poetry]\nname = "bench"\nversion = "0.1.0"\ndescription = ""\n'
            'authors = ["Bench <bench@example.com>"]\n\n'
            '[tool.poetry.dependencies]\npython = ">=3.11,<3.12"\n' + "\n".join(lines) + "\n\n"
            f'[[tool.poetry.source]]\nname = "local"\nurl = "{self.url(delay)}"\ndefault = true\n\n'
            '[build-system]\nrequires = ["poetry-core"]\nbuild-backend = "poetry.core.masonry.api"\n'
        )
        return ["poetry", "lock", "--no-interaction"]

    def extra_environment(self, home, cache):
        return {"POETRY_CACHE_DIR": str(cache / "poetry"), "POETRY_CONFIG_DIR": str(home / "poetry"),
                "POETRY_VIRTUALENVS_PATH": str(home / "venvs"), "POETRY_NO_INTERACTION": "1"}

    def read(self, project):
        lock = tomllib.loads((project / "poetry.lock").read_text())
        return {requirement_name(p["name"]): p["version"] for p in lock.get("package", [])}


class Pdm(Tool):
    name = "pdm"

    def prepare(self, project, requirements, delay, variant):
        deps = "".join(f'    "{r}",\n' for r in requirements)
        (project / "pyproject.toml").write_text(
            f'[project]\nname = "bench"\nversion = "0.1.0"\nrequires-python = ">=3.11,<3.12"\n'
            f"dependencies = [\n{deps}]\n\n"
            f'[[tool.pdm.source]]\nname = "pypi"\nurl = "{self.url(delay)}"\nverify_ssl = true\n'
        )
        return ["pdm", "lock"]

    def extra_environment(self, home, cache):
        return {"PDM_CACHE_DIR": str(cache / "pdm"), "PDM_CHECK_UPDATE": "false", "PDM_PYTHON": PYTHON,
                "PDM_IGNORE_SAVED_PYTHON": "1", "PDM_USE_VENV": "false"}

    def read(self, project):
        lock = tomllib.loads((project / "pdm.lock").read_text())
        return {requirement_name(p["name"]): p["version"] for p in lock.get("package", [])}


class Engine(Pindex):
    """pindex-bench-resolve: the engine of `pindex lock` without the command line (no Qt start-up)."""

    name = "engine"

    def prepare(self, project, requirements, delay, variant):
        return [str(self.engine), "--index", self.url(delay), "--cache", str(self.cache / "pindex"),
                "--out", str(project / "pylock.toml"), "--python", "3.11", "--platform", "linux-x86_64",
                *requirements]


TOOLS = {"pindex": Pindex, "engine": Engine, "pip": Pip, "poetry": Poetry, "pdm": Pdm}
STATES = ("cold", "warm", "fresh")
OURS = ("pindex", "engine")


def dependency_levels(lock: dict, requirements: list[str]) -> int:
    """Breadth-first depth of the locked dependency graph, the requirements at level 1."""
    edges = {p["name"]: [d["name"] for d in p.get("dependencies", [])] for p in lock.get("packages", [])}
    level = {requirement_name(r): 1 for r in requirements}
    frontier = list(level)
    while frontier:
        following = []
        for name in frontier:
            for dependency in edges.get(name, []):
                if dependency not in level:
                    level[dependency] = level[name] + 1
                    following.append(dependency)
        frontier = following
    return max(level.values())


def median_run(runs: list[Run], attribute: str = "seconds") -> float | None:
    good = [getattr(r, attribute) for r in runs if r.ok]
    if not good or len(good) != len(runs) or any(value is None for value in good):
        return None
    return statistics.median(good)


def format_seconds(value: float | None) -> str:
    if value is None:
        return "failed"
    return f"{value * 1000:.0f} ms" if value < 10 else f"{value:.1f} s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pindex", type=Path, help="the pindex executable, timed as `pindex lock`")
    parser.add_argument("--engine", type=Path, help="pindex-bench-resolve, timed as the tool 'engine'")
    parser.add_argument("--index", required=True, type=Path)
    parser.add_argument("--runs", type=int, default=3, help="measured runs per peer and setting")
    parser.add_argument("--pindex-runs", type=int, default=7, help="measured runs of Pindex per setting")
    parser.add_argument("--warmup", type=int, default=1,
                        help="unmeasured runs of each tool before its cold runs of a setting, each with "
                             "an empty cache of its own")
    parser.add_argument("--delays", default="0,20")
    parser.add_argument("--tools", default="pindex,engine,pip,poetry,pdm")
    parser.add_argument("--cases", default="cheroot,popular")
    parser.add_argument("--keep", type=Path, help="work directory to keep (default: a removed temp dir)")
    parser.add_argument("--work-root", type=Path,
                        help="where the removed temp dir goes (default: the system's temp directory); "
                             "every tool's home, cache and project is in it")
    parser.add_argument("--no-fresh", dest="fresh", action="store_false",
                        help="skip the fresh state (pages served with PyPI's max-age=600)")
    parser.add_argument("--proxy", type=Path,
                        help="pindex-delay-proxy (precise, C++) instead of delay_proxy.py for the delays")
    args = parser.parse_args()

    delays = [int(d) for d in args.delays.split(",")]
    tools = args.tools.split(",")
    cases = args.cases.split(",")
    if args.work_root:
        args.work_root.mkdir(parents=True, exist_ok=True)
    work = args.keep or Path(tempfile.mkdtemp(prefix="pindex-resolve-bench-", dir=args.work_root))
    work.mkdir(parents=True, exist_ok=True)
    servers = Servers(args.index, work, delays, args.proxy)
    results: dict[tuple, list[Run]] = {}
    levels: dict[str, int] = {}
    resolved: dict[tuple, dict[str, str]] = {}
    errors: list[str] = []
    try:
        for case in cases:
            requirements = CASES[case]
            for delay in delays:
                for tool_name in tools:
                    tool = TOOLS[tool_name](work, servers, args.pindex, args.engine)
                    runs_wanted = args.pindex_runs if tool_name in OURS else args.runs
                    for variant in tool.variants():
                        label = tool_name + (f" ({variant})" if variant else "")
                        homes = work / "homes"
                        homes.mkdir(exist_ok=True)
                        for _ in range(args.warmup):
                            home = Path(tempfile.mkdtemp(dir=homes))
                            tool.run(requirements, delay, variant, home, home / "cache")
                        cold = []
                        for _ in range(runs_wanted):
                            home = Path(tempfile.mkdtemp(dir=homes))
                            cold.append(tool.run(requirements, delay, variant, home, home / "cache"))
                        home = Path(tempfile.mkdtemp(dir=homes))
                        priming = tool.run(requirements, delay, variant, home, home / "cache")
                        warm = [tool.run(requirements, delay, variant, home, home / "cache")
                                for _ in range(runs_wanted)]
                        states = [("cold", cold), ("warm", warm)]
                        if args.fresh:
                            tool.fresh = True
                            home = Path(tempfile.mkdtemp(dir=homes))
                            priming_fresh = tool.run(requirements, delay, variant, home, home / "cache")
                            fresh = [tool.run(requirements, delay, variant, home, home / "cache")
                                     for _ in range(runs_wanted)]
                            tool.fresh = False
                            states.append(("fresh", fresh))
                            if not priming_fresh.ok:
                                errors.append(f"{case} {delay} ms {label} fresh: {priming_fresh.error}")
                        for state, runs in states:
                            results[(case, delay, label, state)] = runs
                            print(f"{case:8} {delay:3} ms {label:20} {state}: "
                                  + ", ".join(format_seconds(r.seconds) + ("" if r.ok else " (failed)")
                                              for r in runs), file=sys.stderr, flush=True)
                        for run in [*cold, priming, *warm]:
                            if not run.ok:
                                errors.append(f"{case} {delay} ms {label}: {run.error}")
                                break
                        good = next((r for r in [*cold, *warm] if r.ok), None)
                        if good:
                            resolved[(case, label)] = good.resolved
                        if tool_name in OURS and hasattr(tool, "last_lock"):
                            levels[case] = dependency_levels(tool.last_lock, requirements)
    finally:
        servers.close()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    print_report(args, cases, delays, tools, results, levels, resolved, errors)
    return 0


def print_report(args, cases, delays, tools, results, levels, resolved, errors) -> None:
    def best(case, delay, tool, state, attribute="seconds"):
        labels = [k[2] for k in results if k[0] == case and k[1] == delay and k[3] == state
                  and k[2].split(" ")[0] == tool]
        medians = [(median_run(results[(case, delay, label, state)], attribute), label) for label in labels]
        medians = [m for m in medians if m[0] is not None]
        return min(medians) if medians else (None, labels[0] if labels else tool)

    peers = [t for t in tools if t not in OURS]
    ours_tools = [t for t in OURS if t in tools]
    names = {"pindex": "pindex lock", "engine": "engine"}
    for attribute, title in (("seconds", "Median wall time"), ("cpu", "Median CPU time (user + system)")):
        print(f"\n{title} ({args.pindex_runs} runs of Pindex, {args.runs} per peer), "
              "ratio = peer / Pindex:\n")
        header = ("| case | delay | cache | " + " | ".join(names[t] for t in ours_tools) + " | "
                  + " | ".join(peers) + " | " + " | ".join(f"fastest peer / {names[t]}" for t in ours_tools) + " |")
        print(header)
        print("|" + " --- |" * (header.count("|") - 1))
        for case in cases:
            for delay in delays:
                for state in STATES:
                    if not any(key[0] == case and key[1] == delay and key[3] == state for key in results):
                        continue
                    ours = {t: best(case, delay, t, state, attribute)[0] for t in ours_tools}
                    cells = [format_seconds(ours[t]) for t in ours_tools]
                    fastest = None
                    for peer in peers:
                        value, label = best(case, delay, peer, state, attribute)
                        cell = format_seconds(value)
                        if value is not None and ours_tools and ours[ours_tools[0]]:
                            cell += f" ({value / ours[ours_tools[0]]:.0f}x)"
                        if value is not None:
                            fastest = value if fastest is None else min(fastest, value)
                        if peer == "pip" and value is not None and "(" in label:
                            cell += " " + label[label.index("(") :].replace("(", "[").replace(")", "]")
                        cells.append(cell)
                    for t in ours_tools:
                        cells.append(f"**{fastest / ours[t]:.0f}x**" if fastest and ours[t] else "-")
                    print(f"| {case} | {delay} ms | {state} | " + " | ".join(cells) + " |")

    print("\nPeak memory (largest maximum resident set size over all runs):\n")
    for tool in tools:
        peaks = [r.peak_kib for key, runs in results.items() if key[2].split(" ")[0] == tool for r in runs]
        if peaks:
            print(f"- {tool}: {max(peaks) / 1024:.1f} MiB")

    if levels:
        print("\nCritical path (2 round trips per level of the dependency graph):\n")
        for case, depth in levels.items():
            for delay in delays:
                if not delay:
                    continue
                path = 2 * depth * delay / 1000
                line = f"- {case}: {depth} levels, {delay} ms -> {format_seconds(path)}"
                for tool in ours_tools:
                    for state in STATES:
                        ours, _ = best(case, delay, tool, state)
                        inner, _ = best(case, delay, tool, state, "inner")
                        if ours:
                            line += f"; {names[tool]} {state} {format_seconds(ours)} = {ours / path:.2f}x"
                        if inner:
                            line += f" (in-process {format_seconds(inner)} = {inner / path:.2f}x)"
                print(line)

    print("\nWhat each tool resolved, compared with Pindex:\n")
    for case in cases:
        reference = next((t for t in ours_tools if (case, t) in resolved), None)
        if reference is None:
            continue
        ours = resolved[(case, reference)]
        print(f"- {case}: {names[reference]} {len(ours)} packages")
        for (other_case, label), theirs in sorted(resolved.items()):
            if other_case != case or label == reference:
                continue
            differences = sorted(
                f"{name} {ours.get(name, '-')}/{theirs.get(name, '-')}"
                for name in set(ours) | set(theirs) if ours.get(name) != theirs.get(name)
            )
            print(f"  - {label}: {len(theirs)} packages"
                  + (f"; differs (Pindex/{label.split(' ')[0]}): {', '.join(differences)}" if differences
                     else ", the same versions"))
    if errors:
        print("\nFailures (last lines of output):\n")
        for error in errors:
            print(f"- {error}")


if __name__ == "__main__":
    sys.exit(main())
