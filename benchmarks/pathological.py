#!/usr/bin/env python
"""Pathological inputs: how much time does pylint-stateless add in the worst case?

Generates the pathological cases of ``tests/test_robustness.py`` (and a few
heavier variants) into a temporary directory and times, for each:

* ``bare``   -- ``pylint --disable=all`` without the plugin (parsing only),
* ``plugin`` -- ``pylint --disable=all --enable=stateless`` with the plugin,
* ``default``-- pylint's default checkers without the plugin (for scale;
  skipped with ``--no-default``),

and prints the plugin's overhead (``plugin - bare``) and the ratio
``plugin / bare``.  A run that exceeds ``--timeout`` is killed and shown as
``>T``.  Each figure is the best of ``--repeat`` runs.

    python benchmarks/pathological.py
    python benchmarks/pathological.py --cases fanout_5,chain_200 --repeat 3
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

APP = """\
from fastapi import FastAPI

app = FastAPI()
registry = {}
"""


def chain(length: int, calls_per_step: int = 1) -> str:
    lines = [APP]
    for index in range(1, length + 1):
        lines.append(f"def helper_{index}(key):")
        if index == length:
            lines.append("    registry[key] = 1")
        else:
            lines += [f"    helper_{index + 1}(key)"] * calls_per_step
    lines += ['@app.get("/chain")', "def route(key: str):", "    helper_1(key)", ""]
    return "\n".join(lines)


def chain_mutating(length: int, calls_per_step: int) -> str:
    """Every helper mutates *and* calls the next one ``calls_per_step`` times."""
    lines = [APP]
    for index in range(1, length + 1):
        lines += [f"def helper_{index}(key):", f"    registry[key] = {index}"]
        if index < length:
            lines += [f"    helper_{index + 1}(key)"] * calls_per_step
    lines += ['@app.get("/chain")', "def route(key: str):", "    helper_1(key)", ""]
    return "\n".join(lines)


def mutual(count: int, fan_out: int) -> str:
    lines = [APP]
    for index in range(count):
        lines += [f"def helper_{index}(key, depth=0):", f"    registry[key] = {index}"]
        for step in range(1, fan_out + 1):
            lines.append(f"    helper_{(index + step) % count}(key, depth + 1)")
    lines += ['@app.get("/rec")', "def route(key: str):", "    helper_0(key)", ""]
    return "\n".join(lines)


def many_functions(count: int) -> str:
    lines = [APP]
    for index in range(count):
        if index % 10 == 0:
            lines.append(f'@app.get("/r{index}")')
        lines.append(f"def f_{index}(key: str = 'k'):")
        if index % 7 == 0:
            lines.append(f"    registry[key] = {index}")
        lines.append(f"    return f_{(index + 1) % count}(key)")
    return "\n".join(lines) + "\n"


def many_routes(count: int) -> str:
    """``count`` routes, each calling the same 20 helpers (memoisation across entries)."""
    lines = [APP]
    for index in range(20):
        lines += [f"def helper_{index}(key):", f"    registry[key] = {index}"]
        if index < 19:
            lines.append(f"    helper_{index + 1}(key)")
    for index in range(count):
        lines += [f'@app.get("/r{index}")', f"def route_{index}(key: str):",
                  "    helper_0(key)", "    helper_10(key)"]
    return "\n".join(lines) + "\n"


def deep(expression: str) -> str:
    return APP + '\n@app.get("/deep")\ndef route(key: str):\n    ' + expression + "\n"


def write_cyclic(root: Path) -> list[Path]:
    package = root / "cyclic"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    a = package / "a.py"
    b = package / "b.py"
    a.write_text(textwrap.dedent("""\
        from fastapi import FastAPI
        from cyclic import b
        from cyclic.b import shared_b

        app = FastAPI()
        state_a = {}

        def helper_a(key, depth=0):
            state_a[key] = depth
            b.helper_b(key, depth + 1)
            shared_b.append(key)

        @app.get("/a")
        def route_a(key: str):
            helper_a(key)
            b.helper_b(key)
        """))
    b.write_text(textwrap.dedent("""\
        from fastapi import FastAPI
        from cyclic import a
        from cyclic.a import state_a

        app = FastAPI()
        shared_b = []

        def helper_b(key, depth=0):
            shared_b.append(key)
            a.helper_a(key, depth + 1)
            state_a.pop(key, None)

        @app.post("/b")
        def route_b(key: str):
            helper_b(key)
            a.helper_a(key)
        """))
    return [a, b]


def write_evil(root: Path) -> list[Path]:
    marker = root / "marker"
    evil = root / "evil.py"
    evil.write_text(
        f'open({str(marker)!r}, "w").write("x")\n' + APP
        + '\n@app.get("/e")\ndef route(key: str):\n    registry[key] = 1\n'
    )
    return [evil]


# name -> (writer(root) -> files, extra pylint args)
def _single(code: str) -> Callable[[Path], list[Path]]:
    def writer(root: Path) -> list[Path]:
        path = root / "case.py"
        path.write_text(code)
        return [path]
    return writer


CASES: dict[str, tuple[Callable[[Path], list[Path]], tuple[str, ...]]] = {
    "chain_200": (_single(chain(200)), ()),
    "chain_200_depth30": (_single(chain(200)), ("--stateless-max-depth=30",)),
    "mutual_50_ring": (_single(mutual(50, 1)), ()),
    "mutual_50_fanout2": (_single(mutual(50, 2)), ()),
    "fanout_5": (_single(mutual(50, 5)), ()),
    "fanout_10": (_single(mutual(50, 10)), ()),
    "fanout_20": (_single(mutual(50, 20)), ()),
    "fanout_49_complete": (_single(mutual(50, 49)), ()),
    "double_calls_chain_depth5": (_single(chain_mutating(6, 2)), ()),
    "double_calls_chain_depth15": (_single(chain_mutating(16, 2)), ("--stateless-max-depth=15",)),
    "double_calls_chain_depth20": (_single(chain_mutating(21, 2)), ("--stateless-max-depth=20",)),
    "double_calls_chain_depth30": (_single(chain_mutating(31, 2)), ("--stateless-max-depth=30",)),
    "cyclic_modules": (write_cyclic, ()),
    "functions_5000": (_single(many_functions(5000)), ()),
    "routes_1000": (_single(many_routes(1000)), ()),
    "deep_parentheses_150": (_single(deep("registry[key] = " + "(" * 150 + "key" + ")" * 150)), ()),
    "deep_binops_300": (_single(deep("registry[key] = " + " + ".join(["key"] * 300))), ()),
    "deep_calls_100": (_single(deep("registry[key] = " + "str(" * 100 + "key" + ")" * 100)), ()),
    "deep_method_chain_160": (_single(deep("registry[key] = key" + ".strip()" * 160)), ()),
    "deep_method_chain_200": (_single(deep("registry[key] = key" + ".strip()" * 200)), ()),
    "deep_chain_200_as_key": (_single(deep("registry[key" + ".strip()" * 200 + "] = 1")), ()),
    "deep_chain_200_in_if_test": (_single(deep("global registry\n    if key" + ".strip()" * 200
                                              + ":\n        registry = {}")), ()),
    "deep_chain_200_app_object": (_single(deep("key" + ".strip()" * 200 + ".app[key] = 1")), ()),
    "deep_binop_360_as_key": (_single(deep("registry[" + " + ".join(["key"] * 360) + "] = 1")), ()),
    "deep_subscript_target_300": (_single(deep("registry" + "[key]" * 300 + " = 1")), ()),
    "evil_import": (write_evil, ()),
}


def run(files: list[Path], cwd: Path, mode: str, extra: tuple[str, ...], timeout: float,
        debug: bool) -> tuple[float | None, dict]:
    cmd = [sys.executable, "-m", "pylint", "--rcfile=/dev/null", "--persistent=n",
           "--recursive=n", "--output-format=json2", "--score=n"]
    if mode == "plugin":
        cmd += ["--load-plugins=pylint_stateless", "--disable=all",
                "--enable=stateless,astroid-error,fatal,syntax-error", *extra]
    elif mode == "bare":
        cmd += ["--disable=all", "--enable=astroid-error,fatal,syntax-error"]
    env = {**os.environ, "PYLINTHOME": str(cwd / ".pylinthome")}
    env.pop("PYLINT_STATELESS_DEBUG", None)
    if debug and mode == "plugin":
        env["PYLINT_STATELESS_DEBUG"] = "1"
    start = time.perf_counter()
    try:
        proc = subprocess.run([*cmd, *map(str, files)], cwd=cwd, env=env, capture_output=True,
                              text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return None, {}
    elapsed = time.perf_counter() - start
    info: dict = {"rc": proc.returncode, "tracebacks": proc.stderr.count("Traceback")}
    try:
        messages = json.loads(proc.stdout)["messages"]
        info["plugin_msgs"] = sum(m["messageId"].startswith("W67") for m in messages)
        info["crashes"] = sum(m["symbol"] in {"astroid-error", "fatal"} for m in messages)
    except (ValueError, KeyError):
        info["bad_output"] = True
    return elapsed, info


def fmt(value: float | None, timeout: float) -> str:
    return f">{timeout:.0f}" if value is None else f"{value:.2f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--cases", default="", help="comma-separated subset of: " + ",".join(CASES))
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--no-default", action="store_true", help="skip pylint's default checkers")
    parser.add_argument("--debug", action="store_true", help="PYLINT_STATELESS_DEBUG=1")
    args = parser.parse_args()
    names = [n for n in args.cases.split(",") if n] or list(CASES)
    header = (f"{'case':<28}{'bare(s)':>9}{'plugin(s)':>11}{'overhead':>10}{'ratio':>8}"
              f"{'default(s)':>12}  plugin run")
    print(header)
    print("-" * len(header))
    worst: tuple[float, str] = (0.0, "")
    for name in names:
        writer, extra = CASES[name]
        with tempfile.TemporaryDirectory(prefix=f"patho-{name}-") as tmp:
            root = Path(tmp)
            files = writer(root)
            times: dict[str, float | None] = {}
            infos: dict[str, dict] = {}
            modes = ["bare", "plugin"] + ([] if args.no_default else ["default"])
            for mode in modes:
                best: float | None = None
                for _ in range(args.repeat):
                    elapsed, info = run(files, root, mode, extra, args.timeout, args.debug)
                    infos[mode] = info
                    if elapsed is None:
                        best = None
                        break
                    best = elapsed if best is None else min(best, elapsed)
                times[mode] = best
            bare, plugin = times["bare"], times["plugin"]
            if bare is not None and plugin is not None:
                overhead = f"{plugin - bare:.2f}"
                ratio = f"{plugin / bare:.2f}"
                if plugin / bare > worst[0]:
                    worst = (plugin / bare, name)
            else:
                overhead = ratio = "n/a"
                if plugin is None:
                    worst = (float("inf"), name)
            print(f"{name:<28}{fmt(bare, args.timeout):>9}{fmt(plugin, args.timeout):>11}"
                  f"{overhead:>10}{ratio:>8}{fmt(times.get('default'), args.timeout):>12}  "
                  f"{infos.get('plugin', {})}", flush=True)
            marker = root / "marker"
            if marker.exists():
                print(f"  !! {name}: the analysed code was EXECUTED ({marker} exists)")
    print(f"\nworst plugin/bare ratio: {worst[0]:.2f} ({worst[1]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
