"""Shifts the garbage collector's schedule of a benchmark child (benchmarks/run.py).

``benchmarks/run.py`` puts this directory on ``PYTHONPATH`` of the children it measures
across schedules, with ``BENCH_BALLAST=N``: Python imports this module at start-up, which
creates N empty lists kept until the process exits. Nothing reads them; they only move
the points at which CPython scans its whole heap (a full collection runs when the
objects moved to the old generation since the last one exceed a quarter of those that
survived it). At exit it writes the number of full collections to stderr as
``BENCH_GC <n>``.
"""

import atexit
import gc
import os
import sys

_BALLAST = [[] for _ in range(int(os.environ.get("BENCH_BALLAST") or 0))]


def _report() -> None:
    sys.stderr.write(f"BENCH_GC {gc.get_stats()[2]['collections']}\n")


atexit.register(_report)
