#!/usr/bin/env python
"""Pathological inputs: how much time does pylint-stateless add in the worst case?

Generates the programs of ``tests/pathological_cases.py`` (the ones the robustness
tests use, and a few heavier variants) into a temporary directory and times, for each:

* ``bare``   -- ``pylint --disable=all`` without the plugin (parsing only),
* ``plugin`` -- ``pylint --disable=all --enable=stateless`` with the plugin,
* ``default``-- pylint's default checkers without the plugin (for scale;
  skipped with ``--no-default``),

and prints the plugin's overhead (``plugin - bare``) and the ratio
``plugin / bare``.  A run that exceeds ``--timeout`` is killed and shown as
``>T``.  Each figure is the best of ``--repeat`` runs, the modes interleaved.  Times
are wall seconds, or with ``--clock cpu`` the child's CPU seconds (user + system),
which other work on a shared machine disturbs less.

    python benchmarks/pathological.py
    python benchmarks/pathological.py --cases fanout_5,chain_200 --repeat 3
    python benchmarks/pathological.py --no-default --cases 'one_state_*,states_*'
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from pathological_cases import (  # noqa: E402  (the programs the robustness tests use)
    APP,
    DEEP,
    DEEP_PRELUDE,
    chain,
    many_functions,
    many_routes,
    mutual_recursion,
    route_with,
    routes_over_states,
    write_cyclic_package,
    write_routes_package,
)


def write_evil(root: Path) -> list[Path]:
    """A module whose import would create ``root/marker``."""
    marker = root / "marker"
    evil = root / "evil.py"
    evil.write_text(
        f'open({str(marker)!r}, "w").write("x")\n' + APP
        + '\n@app.get("/e")\ndef route(key: str):\n    registry[key] = 1\n'
    )
    return [evil]


def write_cyclic(root: Path) -> list[Path]:
    return list(write_cyclic_package(root))


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
    "mutual_50_ring": (_single(mutual_recursion(50, 1)), ()),
    "mutual_50_fanout2": (_single(mutual_recursion(50, 2)), ()),
    "fanout_5": (_single(mutual_recursion(50, 5)), ()),
    "fanout_10": (_single(mutual_recursion(50, 10)), ()),
    "fanout_20": (_single(mutual_recursion(50, 20)), ()),
    "fanout_49_complete": (_single(mutual_recursion(50, 49)), ()),
    **{
        f"double_calls_chain_depth{depth}": (
            _single(chain(depth + 1, calls_per_step=2, every_helper_mutates=True)),
            (f"--stateless-max-depth={depth}",),
        )
        for depth in (5, 15, 20, 30)
    },
    "cyclic_modules": (write_cyclic, ()),
    "functions_5000": (_single(many_functions(5000)), ()),
    "routes_1000": (_single(many_routes(1000)), ()),
    "deep_method_chain_160": (_single(route_with("registry[key] = key" + ".strip()" * 160)), ()),
    **{
        f"deep_{name}": (_single(route_with(body, prelude=DEEP_PRELUDE)), ())
        for name, body in DEEP.items()
    },
    "evil_import": (write_evil, ()),
    # Issue 17: N routes of one module each writing one state, STORE["kN"] = ...
    **{
        f"one_state_{routes}_routes": (_single(routes_over_states(routes)), ())
        for routes in (500, 1000, 2000, 20000)
    },
    "one_state_20000_routes_every_site_inventory": (
        _single(routes_over_states(20000)),
        ("--stateless-report-every-site=y", "--stateless-inventory=inventory.json"),
    ),
    "states_100_20000_routes": (_single(routes_over_states(20000, 100)), ()),
    "one_state_20000_routes_50_modules": (
        lambda root: write_routes_package(root, modules=50, routes=20000), ()
    ),
}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(files: list[Path], cwd: Path, mode: str, extra: tuple[str, ...], timeout: float,
        debug: bool, clock: str = "wall") -> tuple[float | None, dict]:
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
    start, cpu = time.perf_counter(), _children_cpu()
    try:
        proc = subprocess.run([*cmd, *map(str, files)], cwd=cwd, env=env, capture_output=True,
                              text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return None, {}
    elapsed = time.perf_counter() - start if clock == "wall" else _children_cpu() - cpu
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
    parser.add_argument("--cases", default="", help="comma-separated names or patterns "
                        "('one_state_*') of: " + ",".join(CASES))
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--no-default", action="store_true", help="skip pylint's default checkers")
    parser.add_argument("--debug", action="store_true", help="PYLINT_STATELESS_DEBUG=1")
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                        help="wall time, or the pylint process's CPU time")
    args = parser.parse_args()
    patterns = [p for p in args.cases.split(",") if p]
    names = [n for n in CASES if any(fnmatch.fnmatchcase(n, p) for p in patterns)] \
        if patterns else list(CASES)
    if not names:
        parser.error(f"no case matches {args.cases!r}")
    print(f"times: {args.clock} seconds, best of {args.repeat}")
    header = (f"{'case':<44}{'bare(s)':>9}{'plugin(s)':>11}{'overhead':>10}{'ratio':>8}"
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
            timed_out: set[str] = set()
            for _ in range(args.repeat):
                for mode in modes:
                    if mode in timed_out:
                        continue
                    elapsed, info = run(files, root, mode, extra, args.timeout, args.debug,
                                        args.clock)
                    infos[mode] = info
                    if elapsed is None:
                        timed_out.add(mode)
                        times[mode] = None
                        continue
                    best = times.get(mode)
                    times[mode] = elapsed if best is None else min(best, elapsed)
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
            default = fmt(times["default"], args.timeout) if "default" in times else "-"
            print(f"{name:<44}{fmt(bare, args.timeout):>9}{fmt(plugin, args.timeout):>11}"
                  f"{overhead:>10}{ratio:>8}{default:>12}  "
                  f"{infos.get('plugin', {})}", flush=True)
            marker = root / "marker"
            if marker.exists():
                print(f"  !! {name}: the analysed code was EXECUTED ({marker} exists)")
    print(f"\nworst plugin/bare ratio: {worst[0]:.2f} ({worst[1]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
