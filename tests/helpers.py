"""Run pylint with the plugin (in a subprocess, or in this process as an editor's server
does) and read its json2 output."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

from pylint.lint import Run

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


def lint_buffer(path: Path, text: str, cwd: Path, *args: str) -> list[dict]:
    """``pylint --from-stdin path`` with ``text`` on stdin, run in this process (as the VS
    Code extension runs pylint in its long-lived server): every json2 message."""
    out = io.StringIO()
    stdin = io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8")
    old_cwd = os.getcwd()
    os.chdir(cwd)
    try:
        with mock.patch.object(sys, "stdin", stdin), contextlib.redirect_stdout(out):
            Run(["--rcfile=/dev/null", "--reports=n", "--output-format=json2",
                 "--load-plugins=pylint_stateless", *args, "--from-stdin", str(path)],
                exit=False)
    finally:
        os.chdir(old_cwd)
    return json.loads(out.getvalue())["messages"]
