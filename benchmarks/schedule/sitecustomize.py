"""Start-up hooks for benchmark children (benchmarks/run.py): schedule and timers.

``benchmarks/run.py`` puts this directory on ``PYTHONPATH`` of the children it measures
across schedules, with ``BENCH_BALLAST=N``: Python imports this module at start-up, which
creates N empty lists kept until the process exits. Nothing reads them; they only move
the points at which CPython scans its whole heap (a full collection runs when the
objects moved to the old generation since the last one exceed a quarter of those that
survived it). At exit it writes the number of full collections to stderr as
``BENCH_GC <n>``.

With ``BENCH_TIME_PLUGIN=1`` it also times the plugin in that process: importing it
(after the pylint modules it imports, which pylint loads anyway), ``register`` and the
checker's hooks, written at exit as ``BENCH_PLUGIN import=<ms> register=<ms>
hooks=<ms>``.
"""

import atexit
import gc
import os
import sys
import time

_BALLAST = [[] for _ in range(int(os.environ.get("BENCH_BALLAST") or 0))]
_TIMES = {"import": 0.0, "register": 0.0, "hooks": 0.0}


def _time_plugin() -> None:
    # pylint: disable=import-outside-toplevel,unused-import
    import pylint.checkers
    import pylint.lint  # noqa: F401

    start = time.perf_counter()
    import pylint_stateless.checker  # noqa: F401

    _TIMES["import"] = time.perf_counter() - start
    from plugin_timers import time_plugin  # beside this file, on PYTHONPATH

    time_plugin(_TIMES)


def _report() -> None:
    sys.stderr.write(f"BENCH_GC {gc.get_stats()[2]['collections']}\n")
    if os.environ.get("BENCH_TIME_PLUGIN") == "1":
        sys.stderr.write("BENCH_PLUGIN " + " ".join(
            f"{key}={value * 1000:.1f}" for key, value in _TIMES.items()) + "\n")


if os.environ.get("BENCH_TIME_PLUGIN") == "1":
    _time_plugin()
atexit.register(_report)
