"""Run pylint with the plugin in a subprocess and read its json2 output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLUGIN_ONLY = ["--rcfile=/dev/null", "--persistent=n", "--load-plugins=pylint_stateless",
               "--disable=all", "--enable=stateless"]


def run_pylint(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pylint", *args],
        capture_output=True, text=True, check=False, cwd=cwd or ROOT,
    )


def messages(*args: str, cwd: Path | None = None) -> list[dict]:
    """Plugin messages (json2) for ``args``; fails on a traceback or an empty stdout."""
    run = run_pylint(*PLUGIN_ONLY, "--output-format=json2", *args, cwd=cwd)
    assert "Traceback" not in run.stderr, run.stderr
    return json.loads(run.stdout)["messages"]
