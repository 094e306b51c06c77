#!/usr/bin/env python
"""Cost benchmark of pylint-stateless: is it cheap enough to leave on?

One command measures, in one process of this script, with every pylint run in a fresh
subprocess (wall time and the child's own peak RSS, via ``os.wait4``):

1. a real web service downloaded from PyPI (a pinned wheel, unzipped, never installed or
   imported): pylint's default checkers without and with the plugin; the ``--disable=all``
   floor without the plugin and the plugin's messages alone; peak memory of each;
2. the editor case: ``pylint --from-stdin <file>`` the way the VS Code pylint extension
   runs it, on the service's largest module with route handlers;
3. a generated corpus of 10, 100, 1000 modules (``benchmarks/corpus.py``): floor and
   plugin, added seconds per module, and the plugin's message count.

Pairs are interleaved (A, B, A, B, ...) ``--repeats`` times and medians reported.  The
table is printed and written to ``benchmarks/results/latest.md`` (raw samples in
``latest.json``).  See ``benchmarks/README.md`` for the budget and how to read it.

    python benchmarks/run.py                 # full run, 5 repeats
    python benchmarks/run.py --quick         # smoke run: 1 repeat, small service subset
    python benchmarks/run.py --repeats 3 --corpus-sizes 10,100,1000
"""

from __future__ import annotations

import argparse
import compileall
import datetime
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from corpus import DEFAULT_SEED, write_corpus  # noqa: E402  pylint: disable=wrong-import-position

PLUGIN = "pylint_stateless"
PLUGIN_MSG_PREFIX = "W67"
# pylint 4 refuses a bare ``--disable=all`` ("No files to lint: exiting.", status 32), so
# the floor keeps the main checker's own messages on: a parse error or a crash would be
# reported, nothing else runs.  The plugin run adds only the plugin's checker.
INTERNAL = "astroid-error,fatal,syntax-error"
COMMON = ["--rcfile=/dev/null", "--persistent=n", "--jobs=1"]
EDITOR_COMMON = ["--rcfile=/dev/null", "--jobs=1"]
# How the VS Code pylint extension calls pylint (microsoft/vscode-pylint,
# bundled/tool/lsp_server.py, _run_tool_on_document): TOOL_ARGS, then the user's
# ``pylint.args``, then ``--clear-cache-post-run=y`` (pylint >= 2.16), then
# ``--from-stdin <resolved path>``, with the document's text on stdin and the workspace
# as working directory.
VSCODE_TOOL_ARGS = ["--reports=n", "--output-format=json2"]
VSCODE_EXTRA_ARGS = ["--clear-cache-post-run=y"]

# Runs across the garbage collector's schedule: the same pair of commands, each with N
# empty lists created at start-up (benchmarks/schedule/). The ballasts span about one gap
# between the last full collections of a run (gc_schedule.py), so the median over them is
# what the plugin costs across projects rather than one draw.
SCHEDULE_NOTE = (
    "A full collection scans every object alive; where they fall is decided by object "
    "counts, so any change to a run can add or save one (0.1-0.7 s here). Each pair also "
    "ran with N empty lists created at start-up (benchmarks/schedule/), which moves that "
    "schedule and nothing else; the budget is judged on the median over schedules, the "
    "first row of each kind (no ballast) is one draw of it.")
FLOOR_BALLASTS = (0, 100_000, 200_000, 300_000)
EDITOR_BALLASTS = (0, 25_000, 50_000, 75_000)

ROUTE_RE = re.compile(
    r"^\s*@[\w.]+\.(route|get|post|put|patch|delete|websocket|api_route)\(", re.MULTILINE
)


@dataclass(frozen=True)
class Service:
    """A real service on PyPI, pinned to one wheel."""

    name: str
    version: str
    sha256: str
    framework: str
    package: str  # the directory linted, inside the unzipped wheel
    ignore: tuple[str, ...]  # pylint --ignore (base names of directories/files)
    quick: str  # the smaller directory linted with --quick

    @property
    def wheel(self) -> str:
        return f"{self.name}-{self.version}-py3-none-any.whl"


SERVICES = {
    # 446 .py files in the wheel; 331 linted (privacyidea/ without the 111 Alembic
    # migrations): Flask app, 42 API modules of blueprints, ~117,000 lines.
    "privacyidea": Service(
        name="privacyidea",
        version="3.14",
        sha256="86a24cbffa8a7316eab93eb220b4d8710ea68af2390990d0dddd58d7bd6947b1",
        framework="Flask",
        package="privacyidea",
        ignore=("migrations",),
        quick="privacyidea/api",
    ),
    # A faster alternative: ckan/ without tests and migrations (152 modules), Flask.
    "ckan": Service(
        name="ckan",
        version="2.12.0",
        sha256="3b41cb4860286813fbcd18c57341e96edba266e2e492aeea92c4e03ce9e2934e",
        framework="Flask",
        package="ckan",
        ignore=("migration", "tests", "public", "templates", "templates-midnight-blue"),
        quick="ckan/views",
    ),
}


# -- running one pylint ---------------------------------------------------------------


@dataclass
class Sample:
    """One pylint run."""

    label: str
    wall: float
    maxrss_kb: int
    returncode: int
    messages: int = -1
    plugin_messages: int = -1
    modules_linted: int = -1
    crashes: int = 0
    problem: str = ""
    ballast: int | None = None  # run across schedules (benchmarks/schedule/)
    full_collections: int = -1
    plugin_ms: dict[str, float] = field(default_factory=dict)  # import, register, hooks


# A tiny wrapper (``python -S -c WRAPPER result_file cmd...``) that starts pylint and
# reports the wall time and the peak RSS of exactly that child.  It is needed because
# Linux charges a child, at exec, with the RSS high-water mark of the process that forked
# it: measured directly from this script (which holds the corpus generator and its data)
# every run would show at least this script's own RSS.  The wrapper is ~10 MB, far below
# any pylint run.
WRAPPER = """
import os, sys, time
out, cmd = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execv(cmd[0], cmd)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
with open(out, "w") as handle:
    handle.write(f"{wall!r} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
"""


# The VS Code extension does not start a process per save: it runs pylint with
# ``runpy`` inside its long-lived language server (or a long-lived runner process under
# the workspace's interpreter), with the buffer as ``sys.stdin`` and ``[""] + sys.path``
# (``lsp_server.py``, ``utils.run_module``). This child does the same: one warm-up run of
# each configuration (the first save after the editor starts, paying the imports), then
# A B, B A, A B, ... in the same process, each timed from ``run_module`` to its exit.
WARM_RUNNER = """
import gc, io, json, runpy, sys, time
# Time in the garbage collector and full collections during each run (a callback that
# only adds floats: it allocates nothing the collector tracks).
collector = {"time": 0.0, "full": 0, "start": 0.0}
def on_collect(phase, info):
    if phase == "start":
        collector["start"] = time.perf_counter()
        return
    collector["time"] += time.perf_counter() - collector["start"]
    collector["full"] += info["generation"] == 2
gc.callbacks.append(on_collect)
out, repeats, source_path, configs = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
configs = [json.loads(c) for c in configs]
source = open(source_path, encoding="utf-8").read()
base_path = sys.path[:]
def lint(args):
    saved = sys.argv, sys.stdin, sys.stdout, sys.stderr
    sys.argv = ["pylint", *args]
    sys.stdin = io.TextIOWrapper(io.BytesIO(source.encode("utf-8")), encoding="utf-8")
    sys.stdout, sys.stderr = io.StringIO(), io.StringIO()
    sys.path[:] = [""] + base_path
    start = time.perf_counter()
    try:
        runpy.run_module("pylint", run_name="__main__", alter_sys=True)
    except SystemExit:
        pass
    finally:
        wall = time.perf_counter() - start
        output, errors = sys.stdout.getvalue(), sys.stderr.getvalue()
        sys.argv, sys.stdin, sys.stdout, sys.stderr = saved
    messages = json.loads(output)["messages"]
    return {"wall": wall, "messages": len(messages), "traceback": "Traceback" in errors,
            "plugin_messages": sum(m["messageId"].startswith("W67") for m in messages)}
# The plugin's own time: timers around ``register`` and the checker's hooks
# (benchmarks/schedule/plugin_timers.py, imported from BENCH_TIMERS).
import os
sys.path.insert(0, os.environ["BENCH_TIMERS"])
from plugin_timers import time_plugin
del sys.path[0]
own = {}
time_plugin(own)
_lint = lint
def lint(args):
    own["register"] = own["hooks"] = 0.0
    collector["time"], collector["full"] = 0.0, 0
    result = _lint(args)
    return {**result, "plugin_own": own["register"] + own["hooks"],
            "gc_time": collector["time"], "full_collections": collector["full"]}
# The first save of the first session on this file: nothing stored on disk (PYLINTHOME is
# new). Then what a new session starts with (nothing kept in memory), and the first save
# of each configuration, with what the first session stored.
import astroid
from pylint_stateless.analysis.session import SESSION
cold = lint(configs[1])
SESSION.reset(); astroid.MANAGER.clear_cache()
result = {"cold": cold, "first": [lint(c) for c in configs], "runs": [[] for _ in configs]}
for rep in range(repeats):  # A B, B A, ...: neither always runs second in the ageing process
    order = list(enumerate(configs))
    for index, config in order if rep % 2 == 0 else reversed(order):
        result["runs"][index].append(lint(config))
with open(out, "w", encoding="utf-8") as handle:
    json.dump(result, handle)
"""


def run_warm_editor(configs: tuple[list[str], list[str]], repeats: int, cwd: Path,
                    source: Path, log_dir: Path) -> dict:
    """Per-save latency in one long-lived process, as the VS Code extension runs pylint."""
    log_dir.mkdir(parents=True, exist_ok=True)
    out = log_dir / "warm_editor.json"
    env = dict(os.environ)
    env.pop("PYLINT_STATELESS_DEBUG", None)
    env["PYLINTHOME"] = str(log_dir / "pylinthome-warm")
    env["BENCH_TIMERS"] = str(HERE / "schedule")
    shutil.rmtree(env["PYLINTHOME"], ignore_errors=True)
    subprocess.run([sys.executable, "-c", WARM_RUNNER, str(out), str(repeats), str(source),
                    *(json.dumps(c) for c in configs)], cwd=cwd, env=env, check=True)
    return json.loads(out.read_text(encoding="utf-8"))


def run_pylint(label: str, args: list[str], cwd: Path, log_dir: Path,  # pylint: disable=too-many-arguments,too-many-positional-arguments
               stdin_path: Path | None = None, ballast: int | None = None,
               time_plugin: bool = False) -> Sample:
    """Run ``python -m pylint *args`` in a fresh child; wall time and the child's peak RSS.

    The wrapper measures with ``os.wait4``, which returns the resource usage of exactly
    that child (and of descendants it waited for; pylint ``-j 1`` has none), so the peak
    RSS is not a maximum over earlier runs as a ``getrusage(RUSAGE_CHILDREN)`` delta
    would be.

    With ``ballast``, the child starts with ``benchmarks/schedule/`` on ``PYTHONPATH``
    and that many empty lists alive, which moves the collector's schedule (see
    :data:`SCHEDULE_NOTE`), and reports how many full collections it ran; with
    ``time_plugin`` also the plugin's import, ``register`` and hooks, timed in the child.
    """
    log_dir.mkdir(parents=True, exist_ok=True)
    slug = re.sub(r"[^A-Za-z0-9]+", "_", label).strip("_")
    out_path, err_path = log_dir / f"{slug}.out", log_dir / f"{slug}.err"
    result_path = log_dir / f"{slug}.rusage"
    result_path.unlink(missing_ok=True)
    env = dict(os.environ)
    env.pop("PYLINT_STATELESS_DEBUG", None)
    env["PYLINTHOME"] = str(log_dir / "pylinthome")
    if ballast is not None:
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(HERE / "schedule"), env.get("PYTHONPATH")) if p)
        env["BENCH_BALLAST"] = str(ballast)
        env["BENCH_TIME_PLUGIN"] = "1" if time_plugin else ""
    cmd = [sys.executable, "-m", "pylint", *args]
    with open(out_path, "wb") as out, open(err_path, "wb") as err, \
            open(stdin_path or os.devnull, "rb") as stdin:
        subprocess.run([sys.executable, "-S", "-c", WRAPPER, str(result_path), *cmd],
                       cwd=cwd, env=env, stdin=stdin, stdout=out, stderr=err, check=True)
    wall_text, rss_text, code_text = result_path.read_text().split()
    wall, maxrss_kb, returncode = float(wall_text), int(rss_text), int(code_text)
    sample = Sample(label=label, wall=wall, maxrss_kb=maxrss_kb, returncode=returncode,
                    ballast=ballast)
    try:
        output = json.loads(out_path.read_text(encoding="utf-8"))
        messages = output["messages"]
        sample.modules_linted = output.get("statistics", {}).get("modulesLinted", -1)
        sample.messages = len(messages)
        sample.plugin_messages = sum(
            m["messageId"].startswith(PLUGIN_MSG_PREFIX) for m in messages)
        sample.crashes = sum(m["symbol"] in {"astroid-error", "fatal"} for m in messages)
    except (ValueError, KeyError, OSError) as exc:
        sample.problem = f"unreadable output ({exc.__class__.__name__})"
    if returncode < 0 or returncode & (1 | 32):
        sample.problem = (sample.problem + f" exit status {returncode}").strip()
    if sample.crashes:
        sample.problem = (sample.problem + f" {sample.crashes} crash message(s)").strip()
    stderr = err_path.read_text(encoding="utf-8", errors="replace")
    counts = re.findall(r"^BENCH_GC (\d+)$", stderr, re.MULTILINE)
    if counts:
        sample.full_collections = int(counts[-1])
    timed = re.findall(r"^BENCH_PLUGIN (.*)$", stderr, re.MULTILINE)
    if timed:
        sample.plugin_ms = {k: float(v) for k, v in
                            (item.split("=") for item in timed[-1].split())}
    if "Traceback" in stderr:
        sample.problem = (sample.problem + " traceback on stderr").strip()
    print(f"  {label:<52} {wall:8.2f} s {maxrss_kb / 1024:7.0f} MB"
          f"  msgs={sample.messages} plugin={sample.plugin_messages}"
          + (f"  !! {sample.problem} (see {err_path})" if sample.problem else ""),
          file=sys.stderr, flush=True)
    return sample


def interleave(pairs: dict[str, tuple[list[str], list[str]]], repeats: int, cwd: Path,
               log_dir: Path, prefix: str) -> dict[str, tuple[list[Sample], list[Sample]]]:
    """Run each pair's A then B, ``repeats`` times: A, B, A, B, ...  (A = without)."""
    results: dict[str, tuple[list[Sample], list[Sample]]] = {k: ([], []) for k in pairs}
    for rep in range(1, repeats + 1):
        for key, (cmd_a, cmd_b) in pairs.items():
            results[key][0].append(run_pylint(
                f"{prefix} {key} without #{rep}/{repeats}", cmd_a, cwd, log_dir))
            results[key][1].append(run_pylint(
                f"{prefix} {key} with #{rep}/{repeats}", cmd_b, cwd, log_dir))
    return results


def across_schedules(  # pylint: disable=too-many-arguments,too-many-positional-arguments
    cmds: tuple[list[str], list[str]], ballasts: tuple[int, ...], repeats: int, cwd: Path,
    log_dir: Path, prefix: str, buffer: Path | None = None,
) -> list[tuple[Sample, Sample]]:
    """(without, with) pairs, ``repeats`` per ballast, the order alternating. With
    ``buffer``, each pair lints a new copy of it with a line added (an edit)."""
    pairs: list[tuple[Sample, Sample]] = []
    for index, ballast in enumerate(ballasts):
        for rep in range(repeats):
            stdin = None
            if buffer is not None:
                stdin = log_dir / f"buffer_b{ballast}_{rep}.py"
                stdin.write_bytes(buffer.read_bytes() + f"\n# save b{ballast}.{rep}\n".encode())
            runs = {}
            order = ("without", "with") if (index + rep) % 2 == 0 else ("with", "without")
            for label in order:
                runs[label] = run_pylint(
                    f"{prefix} {label}, ballast {ballast} #{rep + 1}",
                    cmds[label == "with"], cwd, log_dir, stdin, ballast=ballast)
            pairs.append((runs["without"], runs["with"]))
    return pairs


def schedule_line(pairs: list[tuple[Sample, Sample]], unit: str) -> str:
    """Per ballast: the median walls and full collections, without -> with."""
    parts = []
    for ballast in sorted({a.ballast or 0 for a, _ in pairs}):
        group = [(a, b) for a, b in pairs if (a.ballast or 0) == ballast]
        a = median([x.wall for x, _ in group])
        b = median([y.wall for _, y in group])
        added = f"{(b / a - 1) * 100:+.1f} %" if unit == "%" else f"{(b - a) * 1000:+.0f} ms"
        gcs = f"{group[0][0].full_collections} -> {group[0][1].full_collections}"
        parts.append(f"{ballast:,}: {a:.2f} -> {b:.2f} s, {added}, full collections {gcs}")
    return "; ".join(parts)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


# -- the service ----------------------------------------------------------------------


def service_parser(doc: str) -> argparse.ArgumentParser:
    """The parser of a script beside this one: its docstring's first paragraph, and the
    ``--service`` and ``--cache-dir`` options of :func:`chosen_service`."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n", 1)[0])
    parser.add_argument("--service", choices=sorted(SERVICES), default="privacyidea")
    parser.add_argument("--cache-dir", type=Path, default=HERE / ".cache")
    return parser


def chosen_service(args: argparse.Namespace) -> tuple[Service, Path]:
    """The service ``--service`` names, fetched and unzipped into ``--cache-dir``, and
    the directory it is in."""
    service = SERVICES[args.service]
    return service, fetch_service(service, args.cache_dir.resolve())


def fetch_service(service: Service, cache: Path) -> Path:
    """Download the pinned wheel with pip (no dependencies) and unzip it; return its root."""
    downloads = cache / "downloads"
    wheel = downloads / service.wheel
    if not wheel.exists():
        downloads.mkdir(parents=True, exist_ok=True)
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:",
               f"{service.name}=={service.version}", "-d", str(downloads)]
        print("$ " + shlex.join(cmd), file=sys.stderr, flush=True)
        subprocess.run(cmd, check=True, stdout=sys.stderr)
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != service.sha256:
        raise SystemExit(f"sha256 of {wheel} is {digest}, expected {service.sha256}")
    root = cache / f"{service.name}-{service.version}"
    marker = root / ".unzipped-source-only"
    if not marker.exists():
        # Only the source tree, as in a checkout of the service: a ``*.dist-info`` beside
        # the package marks it as an installed distribution (``pip install --target``),
        # and the plugin does not follow helpers into installed code, so the benchmark
        # would measure it without its cross-module analysis.
        shutil.rmtree(root, ignore_errors=True)
        with zipfile.ZipFile(wheel) as archive:
            archive.extractall(root, [name for name in archive.namelist()
                                      if not name.split("/", 1)[0].endswith(
                                          (".dist-info", ".data"))])
        marker.write_text(digest + "\n")
    return root


def python_files(directory: Path, ignore: tuple[str, ...]) -> list[Path]:
    """The .py files pylint --recursive=y --ignore=<ignore> lints under ``directory``."""
    files = []
    for path in sorted(directory.rglob("*.py")):
        parts = path.relative_to(directory).parts
        if any(part in ignore for part in parts):
            continue
        files.append(path)
    return files


def pick_editor_file(files: list[Path]) -> tuple[Path, int]:
    """The largest (in bytes) module that declares route handlers, and its route count."""
    best: tuple[int, Path, int] | None = None
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        routes = len(ROUTE_RE.findall(text))
        if routes and (best is None or len(text.encode()) > best[0]):
            best = (len(text.encode()), path, routes)
    if best is None:
        raise SystemExit("no module with route handlers found")
    return best[1], best[2]


# -- report ---------------------------------------------------------------------------


def fmt_s(value: float) -> str:
    return f"{value:.2f} s" if value >= 0.995 else f"{value * 1000:.0f} ms"


def fmt_spread(values: list[float]) -> str:
    """The median, and the range of the samples when there are several."""
    shown = fmt_s(median(values))
    if len(values) > 1:
        shown += f" ({min(values):.1f}-{max(values):.1f})"
    return shown


def verdict(ok: bool) -> str:
    return "within" if ok else "**OVER**"


def byte_compile_plugin() -> str:
    """Compile the plugin's modules to ``.pyc``, as pip does when it installs a wheel.

    An editable install leaves none, and with ``PYTHONDONTWRITEBYTECODE=1`` (set on some
    machines) none is ever written, so every pylint run would compile the plugin again
    (~25 ms here): a cost no user of the released package pays."""
    spec = importlib.util.find_spec(PLUGIN)
    locations = list(spec.submodule_search_locations or []) if spec else []
    if locations and all(compileall.compile_dir(loc, quiet=1) for loc in locations):
        return "compiled to .pyc before measuring, as a wheel install does"
    return "NOT compiled (each run compiles the plugin's source)"


def machine_info() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    def version(dist: str) -> str:
        try:
            return importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            return "not installed"

    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO,
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", PLUGIN], cwd=REPO,
                               capture_output=True, text=True, check=True).stdout.strip()
        commit = head + (" + uncommitted changes in pylint_stateless/" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    # The plugin's source as linted: other people edit it while benchmarks run.
    digest = hashlib.sha256()
    for path in sorted((REPO / PLUGIN).rglob("*.py")):
        digest.update(path.relative_to(REPO).as_posix().encode() + b"\0" + path.read_bytes())
    return {
        "cpu": cpu,
        "cores": f"{os.cpu_count()} ({len(os.sched_getaffinity(0))} usable)",
        "memory": mem,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "pylint": version("pylint"),
        "astroid": version("astroid"),
        "pylint-stateless": f"{version('pylint-stateless')} (git {commit}; source sha256 "
                            f"{digest.hexdigest()[:12]})",
        "frameworks in the venv": ", ".join(
            f"{d} {version(d)}" for d in ("flask", "fastapi", "starlette", "django")),
    }


@dataclass
class Report:
    lines: list[str] = field(default_factory=list)
    raw: dict = field(default_factory=dict)

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def pair_row(name: str, without: list[Sample], with_: list[Sample], budget_pct: float,
             metric: str = "wall") -> tuple[str, bool]:
    if metric == "wall":
        a, b = median([s.wall for s in without]), median([s.wall for s in with_])
        shown_a, shown_b = fmt_spread([s.wall for s in without]), fmt_spread(
            [s.wall for s in with_])
    else:
        a = median([s.maxrss_kb / 1024 for s in without])
        b = median([s.maxrss_kb / 1024 for s in with_])
        shown_a, shown_b = f"{a:.0f} MB", f"{b:.0f} MB"
    pct = (b / a - 1) * 100
    ok = pct <= budget_pct
    return (f"| {name} | {shown_a} | {shown_b} | {b / a:.2f} | {pct:+.1f} % | "
            f"<= +{budget_pct:g} % {verdict(ok)} |"), ok


# -- main -----------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--repeats", type=int, default=None,
                        help="measurements per configuration, interleaved (default 5; "
                        "1 with --quick)")
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: 1 repeat, only the service's quick subset, "
                        "corpus sizes 10,100")
    parser.add_argument("--corpus-sizes", default=None,
                        help="comma-separated module counts (default 10,100,1000; "
                        "10,100 with --quick)")
    parser.add_argument("--cache-dir", type=Path, default=HERE / ".cache",
                        help="downloads, the unzipped service, corpora, logs "
                        "(default benchmarks/.cache)")
    parser.add_argument("--service", choices=sorted(SERVICES), default="privacyidea",
                        help="the real service to lint (default privacyidea)")
    parser.add_argument("--editor-repeats", type=int, default=None,
                        help="editor (--from-stdin) runs per configuration "
                        "(default 2 x --repeats)")
    parser.add_argument("--skip", default="",
                        help="comma-separated sections to skip: service,editor,corpus")
    parser.add_argument("--output", type=Path, default=HERE / "results" / "latest.md")
    args = parser.parse_args(argv)
    if args.repeats is None:
        args.repeats = 1 if args.quick else 5
    if args.corpus_sizes is None:
        args.corpus_sizes = "10,100" if args.quick else "10,100,1000"
    args.sizes = [int(s) for s in args.corpus_sizes.split(",") if s.strip()]
    if args.editor_repeats is None:
        args.editor_repeats = max(1, 2 * args.repeats) if not args.quick else 1
    args.skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    if args.repeats < 1 or args.editor_repeats < 1 or any(n < 10 for n in args.sizes):
        parser.error("repeats must be >= 1 and corpus sizes >= 10")
    return args


def main(argv: list[str] | None = None) -> int:  # pylint: disable=too-many-locals,too-many-statements,too-many-branches
    args = parse_args(argv)
    cache: Path = args.cache_dir.resolve()
    cache.mkdir(parents=True, exist_ok=True)
    logs = cache / "logs"
    service = SERVICES[args.service]
    command = "python " + shlex.join([os.path.relpath(sys.argv[0]), *sys.argv[1:]]) \
        if argv is None else shlex.join(["python", "benchmarks/run.py", *argv])
    started = datetime.datetime.now(datetime.timezone.utc)
    load_start = os.getloadavg()

    report = Report()
    bytecode = byte_compile_plugin()
    machine = {**machine_info(), "plugin bytecode": bytecode}
    report.raw["machine"] = machine
    report.raw["command"] = command
    problems: list[str] = []

    report.add("# pylint-stateless cost benchmark", "",
               f"Command: `{command}` (started {started:%Y-%m-%d %H:%M} UTC, "
               f"{args.repeats} repeat(s), medians; A/B runs interleaved; wall times show "
            "the median and (min-max) of the samples)", "")
    report.add("| machine | |", "|---|---|", *(f"| {k} | {v} |" for k, v in machine.items()))

    # 1. real service ------------------------------------------------------------------
    root = fetch_service(service, cache)
    package_dir = root / service.package
    target = service.quick if args.quick else service.package
    wheel_py = sum(1 for n in zipfile.ZipFile(cache / "downloads" / service.wheel).namelist()
                   if n.endswith(".py"))
    linted = python_files(root / target, service.ignore)
    linted_lines = sum(p.read_bytes().count(b"\n") for p in linted)
    all_package = python_files(package_dir, ())
    ignore_args = [f"--ignore={','.join(service.ignore)}"] if service.ignore else []
    base = [*COMMON, "--recursive=y", *ignore_args, "--output-format=json2", "--score=n"]
    modes = {
        "default checkers": (
            [*base, target],
            [*base, f"--load-plugins={PLUGIN}", target]),
        "--disable=all floor": (
            [*base, "--disable=all", f"--enable={INTERNAL}", target],
            [*base, f"--load-plugins={PLUGIN}", "--disable=all",
             f"--enable=stateless,{INTERNAL}", target]),
    }
    report.add(
        "", f"## 1. Real service: {service.name} {service.version} ({service.framework})", "",
        f"Wheel `{service.wheel}` (sha256 `{service.sha256[:16]}...`, downloaded with "
        f"`pip download --no-deps`, unzipped, not installed): {wheel_py} .py files; "
        f"`{service.package}/` has {len(all_package)}. Linted: `{target}/`"
        + (f" without `{'`, `'.join(service.ignore)}`" if service.ignore else "")
        + f": **{len(linted)} modules, {linted_lines:,} lines**"
        + (" (--quick subset)" if args.quick else "") + f", from `{root}`.", "")
    if "service" not in args.skip:
        print(f"[1/3] {service.name} {service.version}: {len(linted)} modules",
              file=sys.stderr, flush=True)
        results = interleave(modes, args.repeats, root, logs / "service", "service")
        floor_sched: list[tuple[Sample, Sample]] = []
        if not args.quick:
            print("  floor across the collector's schedule ...", file=sys.stderr, flush=True)
            floor_sched = across_schedules(modes["--disable=all floor"], FLOOR_BALLASTS, 1,
                                           root, logs / "service", "service floor")
            report.raw["floor_schedules"] = [[asdict(a), asdict(b)] for a, b in floor_sched]
        report.raw["service"] = {k: {"without": [asdict(s) for s in a],
                                     "with": [asdict(s) for s in b]}
                                 for k, (a, b) in results.items()}
        report.add("| measurement | without plugin | with plugin | ratio | added | budget |",
                   "|---|---|---|---|---|---|")
        default_a, default_b = results["default checkers"]
        floor_a, floor_b = results["--disable=all floor"]
        for row in (
            pair_row("wall, pylint default checkers", default_a, default_b, 5),
            pair_row("wall, `--disable=all` vs `--enable=stateless` (floor)", floor_a,
                     floor_b, 10),
            pair_row("peak RSS, default checkers", default_a, default_b, 10, "rss"),
            pair_row("peak RSS, `--disable=all` vs `--enable=stateless`", floor_a, floor_b,
                     10, "rss"),
        ):
            report.add(row[0])
        if floor_sched:
            ratios = [b.wall / a.wall - 1 for a, b in floor_sched]
            walls_a, walls_b = [a.wall for a, _ in floor_sched], [b.wall for _, b in floor_sched]
            pct = median(ratios) * 100
            report.add(
                f"| wall, floor across {len(FLOOR_BALLASTS)} schedules of the garbage "
                f"collector (median of the per-schedule ratios) | {fmt_spread(walls_a)} | "
                f"{fmt_spread(walls_b)} | {1 + median(ratios):.2f} | {pct:+.1f} % | "
                f"<= +10 % {verdict(pct <= 10)} |")
            report.add("", "Floor across the collector's schedule (ballast of empty lists: "
                       "without -> with): " + schedule_line(floor_sched, "%") + ". "
                       + SCHEDULE_NOTE)
            problems.extend(f"{x.label}: {x.problem}" for pair in floor_sched for x in pair
                            if x.problem)
        added_floor = median([s.wall for s in floor_b]) - median([s.wall for s in floor_a])
        report.add(
            "",
            f"Plugin's own time on this service: {added_floor:.1f} s over the floor, "
            f"{added_floor / len(linted) * 1000:.0f} ms per module. Plugin messages: "
            f"{median([s.plugin_messages for s in default_b]):.0f} (default run), "
            f"{median([s.plugin_messages for s in floor_b]):.0f} (plugin alone); "
            f"all messages of the default run: "
            f"{median([s.messages for s in default_a]):.0f} without, "
            f"{median([s.messages for s in default_b]):.0f} with.")
        for samples in results.values():
            for sample in (*samples[0], *samples[1]):
                if sample.problem:
                    problems.append(f"{sample.label}: {sample.problem}")

    # 2. editor ------------------------------------------------------------------------
    if "editor" not in args.skip:
        editor_file, routes = pick_editor_file(python_files(package_dir, service.ignore))
        rel = editor_file.relative_to(root)
        # The extension does not pass --persistent=n: pylint (and the plugin, which keeps
        # helper summaries there: analysis/persist.py) may store data in PYLINTHOME.
        vscode = [*EDITOR_COMMON, *VSCODE_TOOL_ARGS]
        editor_cmds = (
            [*vscode, *VSCODE_EXTRA_ARGS, "--from-stdin", str(editor_file)],
            [*vscode, f"--load-plugins={PLUGIN}", *VSCODE_EXTRA_ARGS, "--from-stdin",
             str(editor_file)],
        )
        print(f"[2/3] editor: {rel}", file=sys.stderr, flush=True)
        editor_logs = logs / "editor"
        shutil.rmtree(editor_logs / "pylinthome", ignore_errors=True)  # nothing stored yet
        # The first process ever on the file, then one per run with what earlier runs
        # stored; the buffer differs at each run (a line added, as an edit would), so
        # that nothing can be keyed on its text.
        cold_pair = (
            run_pylint("editor without, first process", editor_cmds[0], root, editor_logs,
                       editor_file),
            run_pylint("editor with, first process", editor_cmds[1], root, editor_logs,
                       editor_file),
        )
        without: list[Sample] = []
        with_: list[Sample] = []
        for rep in range(1, args.editor_repeats + 1):
            buffer = editor_logs / f"buffer_{rep}.py"
            buffer.write_bytes(editor_file.read_bytes() + f"\n# save {rep}\n".encode())
            without.append(run_pylint(f"editor without #{rep}/{args.editor_repeats}",
                                      editor_cmds[0], root, editor_logs, buffer))
            with_.append(run_pylint(f"editor with #{rep}/{args.editor_repeats}",
                                    editor_cmds[1], root, editor_logs, buffer))
        editor_sched: list[tuple[Sample, Sample]] = []
        timed_runs: list[Sample] = []
        if not args.quick:
            print("  editor, fresh processes across the collector's schedule ...",
                  file=sys.stderr, flush=True)
            # benchmarks/schedule/ on PYTHONPATH changes sys.path, hence the batch file
            # (one per settings): a first run stores it, as one did for the rows above.
            run_pylint("editor with, schedules, first process", editor_cmds[1], root,
                       editor_logs, editor_file, ballast=0)
            per_schedule = max(1, args.editor_repeats // len(EDITOR_BALLASTS))
            editor_sched = across_schedules(editor_cmds, EDITOR_BALLASTS, per_schedule, root,
                                            editor_logs, "editor", buffer=editor_file)
            # The plugin's own work in such a process, timed inside it (separate runs:
            # the timers are not in the pairs above).
            for rep in range(1, 5):
                buffer = editor_logs / f"buffer_timed_{rep}.py"
                buffer.write_bytes(editor_file.read_bytes() + f"\n# save t{rep}\n".encode())
                timed_runs.append(run_pylint(f"editor with, plugin timed #{rep}/4",
                                             editor_cmds[1], root, editor_logs, buffer,
                                             ballast=0, time_plugin=True))
        print("  editor, warm process (as the extension runs pylint) ...", file=sys.stderr,
              flush=True)
        warm = run_warm_editor(editor_cmds, args.editor_repeats, root, editor_file,
                               editor_logs)
        report.raw["editor"] = {"file": str(rel), "without": [asdict(s) for s in without],
                                "with": [asdict(s) for s in with_], "warm": warm,
                                "first_process": [asdict(s) for s in cold_pair]}
        cold_ms = (cold_pair[1].wall - cold_pair[0].wall) * 1000
        cold_own_ms = warm["cold"]["plugin_own"] * 1000
        first_ms = warm["first"][1]["plugin_own"] * 1000
        a, b = median([s.wall for s in without]), median([s.wall for s in with_])
        diff_ms = (b - a) * 1000
        warm_a = [r["wall"] for r in warm["runs"][0]]
        warm_b = [r["wall"] for r in warm["runs"][1]]
        warm_ms = (median(warm_b) - median(warm_a)) * 1000
        own_ms = [r["plugin_own"] * 1000 for r in warm["runs"][1]]
        gc_a = [r["gc_time"] for r in warm["runs"][0]]
        gc_b = [r["gc_time"] for r in warm["runs"][1]]
        full_a = [r["full_collections"] for r in warm["runs"][0]]
        full_b = [r["full_collections"] for r in warm["runs"][1]]
        warm_span_ms = (max(warm_a) - min(warm_a)) * 1000
        warm_verdict = (verdict(warm_ms <= 50) if warm_span_ms < 50 else
                        f"not resolvable: without the plugin alone, runs span "
                        f"{warm_span_ms:.0f} ms")
        editor_lines = editor_file.read_bytes().count(b"\n")
        sched_rows: list[str] = []
        sched_text = ""
        if editor_sched:
            paired = [(y.wall - x.wall) * 1000 for x, y in editor_sched]
            sched_ms = median(paired)
            sched_rows.append(
                f"| fresh process per run, across {len(EDITOR_BALLASTS)} schedules of the "
                f"garbage collector ({len(editor_sched) // len(EDITOR_BALLASTS)} pair(s) "
                f"each; median of the {len(paired)} paired differences) | "
                f"{fmt_spread([x.wall for x, _ in editor_sched])} | "
                f"{fmt_spread([y.wall for _, y in editor_sched])} | {sched_ms:+.0f} ms | "
                f"<= +50 ms {verdict(sched_ms <= 50)} |")
            sched_text = ("Fresh processes across the collector's schedule (ballast: "
                          "without -> with): " + schedule_line(editor_sched, "ms") + ". "
                          + SCHEDULE_NOTE)
            report.raw["editor_schedules"] = [[asdict(a), asdict(b)] for a, b in editor_sched]
            problems.extend(f"{x.label}: {x.problem}" for pair in editor_sched for x in pair
                            if x.problem)
        if timed_runs and all(r.plugin_ms for r in timed_runs):
            parts = {key: median([r.plugin_ms[key] for r in timed_runs])
                     for key in timed_runs[0].plugin_ms}
            total = median([sum(r.plugin_ms.values()) for r in timed_runs])
            sched_rows.append(
                f"| fresh process per run, the plugin's own work timed inside it "
                f"({len(timed_runs)} runs, medians): "
                + ", ".join(f"{key} {ms:.0f} ms" for key, ms in parts.items())
                + f" | - | {total:.0f} ms | {total:+.0f} ms | <= +50 ms "
                f"{verdict(total <= 50)} (the collector's schedule comes on top) |")
            report.raw["editor_timed"] = [asdict(r) for r in timed_runs]
        problems.extend(f"{r.label}: {r.problem}" for r in timed_runs if r.problem)
        report.add(
            "", "## 2. Single-file editor run (VS Code pylint extension)", "",
            f"`pylint {shlex.join(editor_cmds[1][len(EDITOR_COMMON):])}` with the file on "
            f"stdin, cwd = the unzipped wheel, `{shlex.join(EDITOR_COMMON)}` added, "
            f"PYLINTHOME in the benchmark's logs; file `{rel}` "
            f"({editor_lines} lines, {routes} route decorators: the largest module "
            f"with routes); {args.editor_repeats} run(s) each, medians.", "",
            "The extension runs pylint with `runpy` inside its long-lived language server, "
            "so a save pays neither interpreter start-up nor imports: the *per save* row "
            "is that (one process, a first run of each configuration, then A B, B A, A B, "
            "...). Wall time of a whole run varies by tenths of a second here, more than the "
            "budget (the first row is judged only when the runs without the plugin span "
            "less than the budget), so the second row times only the plugin's own work in "
            "those runs. "
            "The *fresh process* rows start `python -m pylint` per run, as a command "
            "line, pre-commit or vim's ALE does; they also pay importing the plugin. In a "
            "process that lints a buffer again, the plugin keeps the trees of the modules a "
            "handler's helpers live in (astroid's, when pylint's own checkers built them; "
            "else outlines: pylint_stateless/analysis/outline.py), with the summaries of "
            "those helpers; and a run on one file stores the summaries in PYLINTHOME for "
            "the next process that lints the same file "
            "(pylint_stateless/analysis/persist.py), checked against the modification "
            "times of every file they read. So only the first process ever on a file (or "
            "after a file its helpers read changed) walks them all: the rows *nothing "
            "stored* measure that case, once. Each fresh run gets a buffer with a line "
            "added (`# save N`), as an edit would.", "",
            "| run | without plugin | with plugin | added | budget |",
            "|---|---|---|---|---|",
            f"| per save, warm process | {fmt_spread(warm_a)} | {fmt_spread(warm_b)} | "
            f"{warm_ms:+.0f} ms ({(median(warm_b) / median(warm_a) - 1) * 100:+.0f} %) | "
            f"<= +50 ms {warm_verdict} |",
            f"| per save, the plugin's own time (timers around `register` and the "
            f"checker's hooks) | - | {median(own_ms):.0f} ms ({min(own_ms):.0f}-"
            f"{max(own_ms):.0f}) | {median(own_ms):+.0f} ms | <= +50 ms "
            f"{verdict(median(own_ms) <= 50)} |",
            f"| per save, the garbage collector in the same runs: full collections, time "
            f"(medians; part of the wall time of the first row) | {median(full_a):g}, "
            f"{median(gc_a):.2f} s | {median(full_b):g}, {median(gc_b):.2f} s | "
            f"{(median(gc_b) - median(gc_a)) * 1000:+.0f} ms | not judged: spreads "
            f"{(max(gc_a) - min(gc_a)) * 1000:.0f} ms without the plugin |",
            f"| the plugin's own time on the first save of an editor session (warm-up run, "
            f"not in the rows above), with what earlier processes stored | - | "
            f"{first_ms:.0f} ms | {first_ms:+.0f} ms | <= +50 ms {verdict(first_ms <= 50)} |",
            f"| the same, second save (first timed run; every save's own time: "
            f"{', '.join(f'{ms:.0f}' for ms in own_ms)} ms) | - | {own_ms[0]:.0f} ms | "
            f"{own_ms[0]:+.0f} ms | <= +50 ms {verdict(own_ms[0] <= 50)} |",
            f"| fresh process per run, with what earlier runs stored | "
            f"{fmt_spread([s.wall for s in without])} | "
            f"{fmt_spread([s.wall for s in with_])} | {diff_ms:+.0f} ms "
            f"({(b / a - 1) * 100:+.0f} %) | <= +50 ms {verdict(diff_ms <= 50)} |",
            *sched_rows,
            f"| nothing stored: the plugin's own time on the first save of the first "
            f"session on the file | - | {cold_own_ms:.0f} ms | {cold_own_ms:+.0f} ms | "
            f"once per file (and after a file its helpers read changes) |",
            f"| nothing stored: the first fresh process on the file (one run each) | "
            f"{cold_pair[0].wall:.2f} s | {cold_pair[1].wall:.2f} s | {cold_ms:+.0f} ms | "
            f"once per file (and after a file its helpers read changes) |", "",
            f"Peak RSS of the fresh processes "
            f"{median([s.maxrss_kb / 1024 for s in without]):.0f} MB without, "
            f"{median([s.maxrss_kb / 1024 for s in with_]):.0f} MB with; plugin messages "
            f"{median([s.plugin_messages for s in with_]):.0f} (fresh), "
            f"{median([r['plugin_messages'] for r in warm['runs'][1]]):.0f} (warm).")
        if sched_text:
            report.add("", sched_text)
        for sample in (*cold_pair, *without, *with_):
            if sample.problem:
                problems.append(f"{sample.label}: {sample.problem}")
        if len({s.plugin_messages for s in (cold_pair[1], *with_)}) > 1:
            problems.append("editor, fresh processes: the plugin's messages differ with and "
                            "without stored summaries")
        if len({warm["cold"]["plugin_messages"], warm["first"][1]["plugin_messages"]}) > 1:
            problems.append("editor, warm process: the plugin's messages differ with and "
                            "without stored summaries")
        if any(r["traceback"] for runs in warm["runs"] for r in runs):
            problems.append("editor, warm process: traceback on stderr")
        if len({r["messages"] for r in warm["runs"][1]}) > 1:
            problems.append("editor, warm process: the plugin's runs differ in messages")

    # 3. corpus ------------------------------------------------------------------------
    if "corpus" not in args.skip:
        rows = []
        report.raw["corpus"] = {}
        for size in args.sizes:
            info = write_corpus(cache / "corpus" / f"n{size}", size, DEFAULT_SEED)
            print(f"[3/3] corpus of {size} modules ({info.lines} lines)", file=sys.stderr,
                  flush=True)
            cbase = [*COMMON, "--recursive=y", "--output-format=json2", "--score=n",
                     "--disable=all"]
            pair = {f"n={size}": ([*cbase, f"--enable={INTERNAL}", "corpus_app"],
                                  [*cbase, f"--load-plugins={PLUGIN}",
                                   f"--enable=stateless,{INTERNAL}", "corpus_app"])}
            res = interleave(pair, args.repeats, info.root, logs / "corpus", "corpus")
            floor, plugin = res[f"n={size}"]
            a, b = median([s.wall for s in floor]), median([s.wall for s in plugin])
            msgs = median([s.plugin_messages for s in plugin])
            rows.append((size, info, a, b, msgs,
                         median([s.maxrss_kb / 1024 for s in floor]),
                         median([s.maxrss_kb / 1024 for s in plugin])))
            report.raw["corpus"][size] = {
                "info": {k: (str(v) if isinstance(v, Path) else v)
                         for k, v in asdict(info).items()},
                "without": [asdict(s) for s in floor], "with": [asdict(s) for s in plugin]}
            for sample in (*floor, *plugin):
                if sample.problem:
                    problems.append(f"{sample.label}: {sample.problem}")
        report.add(
            "", "## 3. Generated corpus (benchmarks/corpus.py, seed "
            f"{DEFAULT_SEED})", "",
            "Floor = `--disable=all` without the plugin; plugin = `--disable=all "
            "--enable=stateless` with it. Planted = mutating statements reachable from a "
            "route (a message is reported per call site, so messages >= planted is "
            "expected).", "",
            "| modules | lines | routes | floor | plugin | ratio | added | added per module "
            "| peak RSS floor / plugin | plugin messages | planted |",
            "|---|---|---|---|---|---|---|---|---|---|---|")
        for size, info, a, b, msgs, rss_a, rss_b in rows:
            report.add(
                f"| {size} | {info.lines:,} | {info.routes} | {fmt_s(a)} | {fmt_s(b)} | "
                f"{b / a:.2f} | {b - a:+.2f} s | {(b - a) / size * 1000:.1f} ms | "
                f"{rss_a:.0f} / {rss_b:.0f} MB | {msgs:.0f} | {info.reachable_mutations} |")
        if len(rows) >= 3:
            (n0, _, a0, b0, *_), (n1, _, a1, b1, *_), (n2, _, a2, b2, *_) = rows[-3:]
            slope1 = ((b1 - a1) - (b0 - a0)) / (n1 - n0)
            slope2 = ((b2 - a2) - (b1 - a1)) / (n2 - n1)
            fixed = (b0 - a0) - slope1 * n0
            if slope1 > 0:
                report.add(
                    "", f"Marginal cost of the plugin per extra module: "
                    f"{slope1 * 1000:.1f} ms from {n0} to {n1} modules, "
                    f"{slope2 * 1000:.1f} ms from {n1} to {n2} (ratio "
                    f"{slope2 / slope1:.2f}; linear if about 1, budget <= 1.5: "
                    f"{verdict(slope2 / slope1 <= 1.5)}). Fixed cost (the added time "
                    f"extrapolated to 0 modules): {fixed:.1f} s.")
            else:
                report.add("", "Marginal cost per module not computable (the added time "
                           f"did not grow from {n0} to {n1} modules: noise?).")
        elif len(rows) == 2:
            (n0, _, a0, b0, *_), (n1, _, a1, b1, *_) = rows
            slope = ((b1 - a1) - (b0 - a0)) / (n1 - n0)
            report.add("", f"Marginal cost of the plugin per extra module from {n0} to "
                       f"{n1}: {slope * 1000:.1f} ms (three sizes are needed to judge "
                       "linearity).")

    load_end = os.getloadavg()
    minutes = (datetime.datetime.now(datetime.timezone.utc) - started).total_seconds() / 60
    report.add(
        "", f"Load average (1 min) {load_start[0]:.2f} at start, {load_end[0]:.2f} at end; "
        f"benchmark took {minutes:.1f} min. Other jobs on the machine inflate and scatter "
        "the figures: compare ratios within one run, not seconds across runs.")
    if problems:
        report.add("", "**Problems** (logs in the cache directory):", "",
                   *(f"- {p}" for p in problems))
    report.add("", "pylint commands (`python -m pylint ...`):", "")
    if "service" not in args.skip:
        for key, (cmd_a, cmd_b) in modes.items():
            report.add(f"- {key}, without: `{shlex.join(cmd_a)}`",
                       f"- {key}, with: `{shlex.join(cmd_b)}`")
    if "editor" not in args.skip:
        report.add(f"- editor, with: `{shlex.join(editor_cmds[1])}` < file")
    report.raw["problems"] = problems

    text = report.text()
    print(text)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    args.output.with_suffix(".json").write_text(
        json.dumps(report.raw, indent=1, default=str), encoding="utf-8")
    print(f"written: {args.output} and {args.output.with_suffix('.json').name}",
          file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
