#!/usr/bin/env python
"""Crash run: lint large real code bases with only pylint-stateless enabled.

Goal (issue "never a crash, bounded time, nothing executed"): the plugin must
never make pylint report ``astroid-error`` or ``fatal``, never print a
traceback, and never hang, on any real code.

Targets are the CPython standard library and the installed sources of a few
big web frameworks / libraries.  Files are linted in batches (one pylint
process per batch, ``--output-format=json2``) so that one pathological file
cannot hide the rest: a batch that dies, times out or prints unparsable
output is bisected down to the guilty file(s).

Every ``astroid-error``/``fatal``/traceback/timeout is then *attributed*: the
offending file is re-linted alone, with the plugin and without it
(``--load-plugins`` dropped).  A problem that also happens without the plugin
is pylint's or astroid's, not ours.  The script exits 1 when any problem is
attributable to the plugin, 0 otherwise.

Examples::

    python scripts/crash_run.py --debug --limit 300          # fast bug hunt
    python scripts/crash_run.py --targets django,flask       # full run, subset
    nohup python scripts/crash_run.py --out /work/crash/full > /work/crash/full.log 2>&1 &

``--debug`` sets ``PYLINT_STATELESS_DEBUG=1`` so that the plugin re-raises its
internal exceptions (they become pylint ``fatal``/``astroid-error`` messages,
with the traceback in pylint's crash report, which this script collects).
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

PLUGIN = "pylint_stateless"
PROBLEM_SYMBOLS = frozenset({"astroid-error", "fatal"})
PLUGIN_MSGID_RE = re.compile(r"^W67(0[1-9]|10)$")
DEFAULT_TARGETS = ("stdlib", "django", "flask", "fastapi", "starlette", "aiohttp", "sqlalchemy")
TRACEBACK_MARK = "Traceback (most recent call last)"
CRASH_BLOCK_RE = re.compile(r"```python\n(Traceback.*?)```", re.S)


# --- targets ---------------------------------------------------------------------------


def target_root(name: str) -> Path | None:
    """Directory of a target: the stdlib, or an installed package's sources."""
    if name == "stdlib":
        return Path(sysconfig.get_paths()["stdlib"])
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0])


def target_files(name: str, root: Path) -> list[Path]:
    files = []
    for path in root.rglob("*.py"):
        rel = path.relative_to(root).parts
        if name == "stdlib" and rel and rel[0] in {"site-packages", "dist-packages"}:
            continue
        if "__pycache__" in rel:
            continue
        files.append(path)
    return sorted(files)


def sample(files: Sequence[Path], limit: int | None) -> list[Path]:
    """``limit`` files spread evenly over the sorted list (deterministic)."""
    if not limit or len(files) <= limit:
        return list(files)
    step = len(files) / limit
    return [files[int(i * step)] for i in range(limit)]


# --- running pylint --------------------------------------------------------------------


@dataclasses.dataclass
class RunResult:
    files: list[str]
    returncode: int | None  # None: timed out
    messages: list[dict]
    stderr: str
    crash_reports: list[str]  # tracebacks from pylint's crash report files
    ok_output: bool  # stdout was valid json2
    seconds: float

    @property
    def timed_out(self) -> bool:
        return self.returncode is None

    @property
    def died(self) -> bool:
        """The process itself failed: signal, timeout, no/unparsable JSON."""
        return self.timed_out or (self.returncode or 0) < 0 or not self.ok_output

    @property
    def stderr_tracebacks(self) -> int:
        return self.stderr.count(TRACEBACK_MARK)


def pylint_command(files: Iterable[str], with_plugin: bool) -> list[str]:
    enable = "stateless,astroid-error,fatal,syntax-error" if with_plugin else (
        "astroid-error,fatal,syntax-error"
    )
    cmd = [
        sys.executable,
        "-m",
        "pylint",
        "--rcfile=/dev/null",
        "--persistent=n",
        "--recursive=n",
        "--output-format=json2",
        "--score=n",
        "--disable=all",
        f"--enable={enable}",
    ]
    if with_plugin:
        cmd.insert(4, f"--load-plugins={PLUGIN}")
    return [*cmd, *files]


def run_pylint(
    files: list[str], *, with_plugin: bool, debug: bool, timeout: float, workdir: Path
) -> RunResult:
    home = Path(tempfile.mkdtemp(prefix="pylinthome-", dir=workdir))
    env = dict(os.environ)
    env["PYLINTHOME"] = str(home)
    env.pop("PYLINT_STATELESS_DEBUG", None)
    if debug:
        env["PYLINT_STATELESS_DEBUG"] = "1"
    start = time.perf_counter()
    # Run from the work dir so no pylintrc/pyproject.toml of a cwd is picked up, and
    # put stdout in a file: a batch can produce a lot of JSON.
    out_path = home / "stdout.json"
    err_path = home / "stderr.txt"
    with open(out_path, "w", encoding="utf-8") as out, open(err_path, "w", encoding="utf-8") as err:
        proc = subprocess.Popen(  # pylint: disable=consider-using-with
            pylint_command(files, with_plugin),
            stdout=out,
            stderr=err,
            cwd=workdir,
            env=env,
            start_new_session=True,
        )
        try:
            returncode: int | None = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            proc.wait()
            returncode = None
    seconds = time.perf_counter() - start
    stdout = out_path.read_text(encoding="utf-8", errors="replace")
    stderr = err_path.read_text(encoding="utf-8", errors="replace")
    messages: list[dict] = []
    ok_output = False
    try:
        messages = json.loads(stdout)["messages"]
        ok_output = True
    except (ValueError, KeyError, TypeError):
        pass
    crash_reports = []
    for report in sorted(home.glob("pylint-crash-*.txt")):
        text = report.read_text(encoding="utf-8", errors="replace")
        crash_reports.extend(CRASH_BLOCK_RE.findall(text))
    shutil.rmtree(home, ignore_errors=True)
    return RunResult(files, returncode, messages, stderr, crash_reports, ok_output, seconds)


# --- per-target run with bisection -----------------------------------------------------


@dataclasses.dataclass
class Problem:
    """One astroid-error / fatal / traceback / dead process, for one file if known."""

    target: str
    kind: str  # astroid-error | fatal | traceback | timeout | died
    path: str
    detail: str
    tracebacks: list[str] = dataclasses.field(default_factory=list)
    plugin_frames: bool = False  # pylint_stateless appears in a traceback
    alone_with_plugin: str = "?"  # reproduces when the file is linted alone?
    without_plugin: str = "?"  # reproduces without the plugin?
    ours: bool | None = None


@dataclasses.dataclass
class TargetStats:
    target: str
    files: int = 0
    plugin_messages: int = 0
    astroid_errors: int = 0
    fatals: int = 0
    tracebacks: int = 0
    timeouts: int = 0
    syntax_errors: int = 0
    seconds: float = 0.0
    by_symbol: dict[str, int] = dataclasses.field(default_factory=dict)
    problems: list[Problem] = dataclasses.field(default_factory=list)


def _problems_of(result: RunResult, target: str) -> list[Problem]:
    problems = []
    for msg in result.messages:
        if msg.get("symbol") in PROBLEM_SYMBOLS:
            problems.append(
                Problem(target, msg["symbol"], msg.get("absolutePath") or msg.get("path", "?"),
                        msg.get("message", "")[:500])
            )
    if result.stderr_tracebacks:
        # Which file? Unknown in a batch; the bisection below pins single files.
        path = result.files[0] if len(result.files) == 1 else "<batch>"
        problems.append(Problem(target, "traceback", path, result.stderr[-3000:]))
    if result.timed_out:
        path = result.files[0] if len(result.files) == 1 else "<batch>"
        problems.append(Problem(target, "timeout", path, f"after {result.seconds:.0f}s"))
    elif result.died:
        path = result.files[0] if len(result.files) == 1 else "<batch>"
        problems.append(
            Problem(target, "died", path, f"rc={result.returncode}; stderr: {result.stderr[-2000:]}")
        )
    for problem in problems:
        problem.tracebacks = list(result.crash_reports)
        if problem.kind == "traceback":
            problem.tracebacks.append(result.stderr)
        problem.plugin_frames = any(PLUGIN in tb for tb in problem.tracebacks)
    return problems


def lint_batch(
    files: list[str], args: argparse.Namespace, target: str, stats: TargetStats, log
) -> None:
    """Lint ``files`` in one process; bisect when the process itself fails."""
    result = run_pylint(
        files,
        with_plugin=True,
        debug=args.debug,
        timeout=args.batch_timeout if len(files) > 1 else args.file_timeout,
        workdir=args.workdir,
    )
    if len(files) > 1 and (result.died or result.stderr_tracebacks):
        log(f"  batch of {len(files)} failed (rc={result.returncode}, "
            f"{result.seconds:.0f}s, tracebacks={result.stderr_tracebacks}): bisecting")
        middle = len(files) // 2
        lint_batch(files[:middle], args, target, stats, log)
        lint_batch(files[middle:], args, target, stats, log)
        return
    stats.seconds += result.seconds
    for msg in result.messages:
        symbol = msg.get("symbol", "?")
        if PLUGIN_MSGID_RE.match(msg.get("messageId", "")):
            stats.plugin_messages += 1
            stats.by_symbol[symbol] = stats.by_symbol.get(symbol, 0) + 1
        elif symbol == "astroid-error":
            stats.astroid_errors += 1
        elif symbol == "fatal":
            stats.fatals += 1
        elif symbol == "syntax-error":
            stats.syntax_errors += 1
    stats.tracebacks += result.stderr_tracebacks
    if result.timed_out:
        stats.timeouts += 1
    elif result.died and not result.stderr_tracebacks:
        stats.tracebacks += 1  # a dead process counts as a crash
    stats.problems.extend(_problems_of(result, target))


def attribute(problem: Problem, args: argparse.Namespace, log) -> None:
    """Decide whether the plugin is to blame, by relinting the file alone."""
    if not problem.path or problem.path.startswith("<"):
        problem.ours = problem.plugin_frames or None
        return

    def reproduces(result: RunResult) -> bool:
        if problem.kind in PROBLEM_SYMBOLS:
            return any(m.get("symbol") == problem.kind for m in result.messages)
        if problem.kind == "traceback":
            return bool(result.stderr_tracebacks)
        if problem.kind == "timeout":
            return result.timed_out
        return result.died

    alone = run_pylint([problem.path], with_plugin=True, debug=args.debug,
                       timeout=args.file_timeout, workdir=args.workdir)
    bare = run_pylint([problem.path], with_plugin=False, debug=False,
                      timeout=args.file_timeout, workdir=args.workdir)
    problem.alone_with_plugin = "yes" if reproduces(alone) else "no"
    problem.without_plugin = "yes" if reproduces(bare) else "no"
    if not problem.tracebacks:
        problem.tracebacks = alone.crash_reports + (
            [alone.stderr] if alone.stderr_tracebacks else []
        )
    elif alone.crash_reports:
        problem.tracebacks = alone.crash_reports
    problem.plugin_frames = problem.plugin_frames or any(PLUGIN in tb for tb in problem.tracebacks)
    problem.ours = problem.without_plugin == "no"
    log(f"  attributed {problem.kind} in {problem.path}: alone={problem.alone_with_plugin} "
        f"without-plugin={problem.without_plugin} plugin-frames={problem.plugin_frames} "
        f"-> {'PLUGIN' if problem.ours else 'not ours'}")


def run_target(name: str, args: argparse.Namespace, log) -> TargetStats | None:
    root = target_root(name)
    if root is None or not root.is_dir():
        log(f"[{name}] not installed, skipped")
        return None
    files = sample(target_files(name, root), args.limit)
    stats = TargetStats(name, files=len(files))
    log(f"[{name}] {len(files)} files under {root}")
    wall = time.perf_counter()
    for start in range(0, len(files), args.batch_size):
        batch = [str(p) for p in files[start:start + args.batch_size]]
        lint_batch(batch, args, name, stats, log)
        log(f"  [{name}] {min(start + args.batch_size, len(files))}/{len(files)} files, "
            f"{stats.plugin_messages} msgs, {stats.astroid_errors} astroid-error, "
            f"{stats.fatals} fatal, {stats.tracebacks} tb, {time.perf_counter() - wall:.0f}s")
    stats.seconds = time.perf_counter() - wall
    for problem in stats.problems:
        attribute(problem, args, log)
    return stats


# --- reporting -------------------------------------------------------------------------


def print_summary(all_stats: list[TargetStats], out=sys.stdout) -> None:
    header = (f"{'target':<12}{'files':>7}{'msgs':>7}{'astroid-err':>12}{'fatal':>7}"
              f"{'tracebk':>8}{'timeout':>8}{'syntax':>7}{'time(s)':>9}{'ours':>6}")
    print(header, file=out)
    print("-" * len(header), file=out)
    for s in all_stats:
        ours = sum(1 for p in s.problems if p.ours)
        print(f"{s.target:<12}{s.files:>7}{s.plugin_messages:>7}{s.astroid_errors:>12}"
              f"{s.fatals:>7}{s.tracebacks:>8}{s.timeouts:>8}{s.syntax_errors:>7}"
              f"{s.seconds:>9.1f}{ours:>6}", file=out)
    for s in all_stats:
        if s.by_symbol:
            parts = ", ".join(f"{k}={v}" for k, v in sorted(s.by_symbol.items()))
            print(f"  {s.target}: {parts}", file=out)
    problems = [p for s in all_stats for p in s.problems]
    if problems:
        print("\nProblems:", file=out)
    for p in problems:
        verdict = "PLUGIN" if p.ours else ("not ours" if p.ours is False else "unknown")
        print(f"- [{verdict}] {p.target} {p.kind} {p.path} (alone={p.alone_with_plugin}, "
              f"without-plugin={p.without_plugin}, plugin-frames={p.plugin_frames})", file=out)
        for tb in p.tracebacks[:1]:
            print("    " + tb.strip().replace("\n", "\n    "), file=out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--targets", default=",".join(DEFAULT_TARGETS),
                        help=f"comma-separated subset of {','.join(DEFAULT_TARGETS)}")
    parser.add_argument("--limit", type=int, default=None,
                        help="at most N files per target, spread evenly over the sorted list")
    parser.add_argument("--debug", action="store_true",
                        help="set PYLINT_STATELESS_DEBUG=1: the plugin re-raises its errors")
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--batch-timeout", type=float, default=3600.0,
                        help="seconds before a batch is killed and bisected")
    parser.add_argument("--file-timeout", type=float, default=600.0,
                        help="seconds before a single-file run counts as a hang")
    parser.add_argument("--out", type=Path, default=None,
                        help="directory for summary.json/summary.txt (default: none)")
    parsed = parser.parse_args(argv)
    targets = [t.strip() for t in parsed.targets.split(",") if t.strip()]
    unknown = set(targets) - set(DEFAULT_TARGETS)
    if unknown:
        parser.error(f"unknown targets: {', '.join(sorted(unknown))}")
    parsed.workdir = Path(tempfile.mkdtemp(prefix="crash_run-"))

    def log(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    log(f"pylint crash run: targets={targets} limit={parsed.limit} debug={parsed.debug} "
        f"batch={parsed.batch_size}")
    all_stats = []
    try:
        for name in targets:
            stats = run_target(name, parsed, log)
            if stats is not None:
                all_stats.append(stats)
    finally:
        shutil.rmtree(parsed.workdir, ignore_errors=True)
    print_summary(all_stats)
    if parsed.out is not None:
        parsed.out.mkdir(parents=True, exist_ok=True)
        with open(parsed.out / "summary.txt", "w", encoding="utf-8") as fh:
            print_summary(all_stats, fh)
        (parsed.out / "summary.json").write_text(
            json.dumps([dataclasses.asdict(s) for s in all_stats], indent=2), encoding="utf-8"
        )
    ours = [p for s in all_stats for p in s.problems if p.ours]
    return 1 if ours else 0


if __name__ == "__main__":
    sys.exit(main())
