#!/usr/bin/env python
"""Does the plugin change how often Python scans the whole heap on the floor run?

CPython scans its whole heap (a full, generation-2 collection) when the objects moved to
the old generation since the last full scan exceed a quarter of those that survived it.
A pylint run keeps every module's tree, so the old generation grows all run long and a
full scan of a large project costs tenths of a second. Whether a run ends just before or
just after one more scan can be a matter of a few thousand objects, so a small change in
what a run allocates can add or save a whole scan.

This script runs the floor of ``benchmarks/run.py`` on its real service, without and with
the plugin, interleaved, each in a child that runs pylint with ``runpy`` and prints
``gc.get_stats()`` when pylint returns: the collections of each generation::

    python benchmarks/gc_schedule.py               # 2 runs of each configuration
    python benchmarks/gc_schedule.py --repeats 4
    python benchmarks/gc_schedule.py --repeats 1 --ballast 0,1000,3000,10000

``--ballast`` runs each configuration again with that many empty lists created, and kept,
in the child before pylint starts: objects that neither pylint nor the plugin ever look
at, and that only move the collector's schedule. How much the wall time of one and the
same configuration moves with them is how much of a difference between two runs can be
the schedule rather than the work (figures in benchmarks/README.md).

Nothing else is added to the child: a ``gc.callbacks`` hook that counts objects at each
collection allocates enough to move the schedule itself (on privacyidea it adds a 20th
full collection to the plugin's run that the plain child does not have).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import COMMON, INTERNAL, PLUGIN, chosen_service, service_parser  # noqa: E402  pylint: disable=wrong-import-position

# The child: pylint as ``python -m pylint`` runs it, then the collector's counters.
CHILD = """
import gc, json, os, runpy, sys
ballast = [[] for _ in range(int(os.environ.get("GC_BALLAST", "0")))]
sys.argv = ["pylint", *sys.argv[1:]]
try:
    runpy.run_module("pylint", run_name="__main__", alter_sys=True)
except SystemExit:
    pass
sys.stderr.write("GC_STATS " + json.dumps([g["collections"] for g in gc.get_stats()]) + "\\n")
"""


def main() -> int:
    parser = service_parser(__doc__)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--ballast", default="0",
                        help="comma-separated counts of empty lists the child keeps alive "
                        "before pylint starts (default: 0)")
    args = parser.parse_args()
    ballasts = [int(n) for n in args.ballast.split(",")]
    service, root = chosen_service(args)
    ignore = [f"--ignore={','.join(service.ignore)}"] if service.ignore else []
    base = [sys.executable, "-c", CHILD, *COMMON, "--recursive=y", *ignore]
    configs = {
        "without": [*base, "--disable=all", f"--enable={INTERNAL}", service.package],
        "with": [*base, f"--load-plugins={PLUGIN}", "--disable=all",
                 f"--enable=stateless,{INTERNAL}", service.package],
    }
    env = dict(os.environ)
    env.pop("PYLINT_STATELESS_DEBUG", None)
    rows: list[tuple[str, int, float, list[int]]] = []
    for rep in range(args.repeats):
        for ballast in ballasts:
            for label, cmd in configs.items():
                print(f"[{rep + 1}/{args.repeats}] {label}, ballast {ballast} ...",
                      file=sys.stderr, flush=True)
                start = time.perf_counter()
                proc = subprocess.run(cmd, cwd=root, env={**env, "GC_BALLAST": str(ballast)},
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                      text=True, check=False)
                wall = time.perf_counter() - start
                line = [ln for ln in proc.stderr.splitlines() if ln.startswith("GC_STATS ")]
                if not line:
                    raise SystemExit(f"no collector counts from the {label} run:\n"
                                     f"{proc.stderr}")
                rows.append((label, ballast, wall, json.loads(line[-1].split(" ", 1)[1])))
    print(f"`{service.name} {service.version}`, `{service.package}`, `--disable=all` floor\n")
    print("| plugin | ballast | wall s | generation-0 collections | generation 1 | "
          "full (generation 2) |")
    print("|---|---|---|---|---|---|")
    for label, ballast, wall, counts in rows:
        print(f"| {label} | {ballast:,} | {wall:.2f} | {counts[0]:,} | {counts[1]:,} | "
              f"{counts[2]} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
