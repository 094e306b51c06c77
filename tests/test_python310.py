"""Python 3.10 is supported (``requires-python = ">=3.10"``), so it is tested.

The suite runs under the interpreter that runs pytest (CI: the README's command, one
Python). When that is not 3.10 and a Python 3.10 is on the machine, this test makes a
virtual environment with it (kept in pytest's cache directory while ``pyproject.toml``
is unchanged), installs the project with its test extra there, and runs the tests most
tied to the Python version in it: the functional tests (every message, astroid's trees
of 3.10's grammar) and the SARIF tests (whose schema comes from elsewhere on 3.10).
Syntax warnings are errors there: the suite's own programs must not cause any.

A Python 3.10 is looked for as ``$STATELESS_PYTHON310``, ``python3.10`` on ``PATH``, and
under pyenv's and the system's usual places; none found, the test is skipped.
"""

from __future__ import annotations

import glob
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT

TESTS = ("tests/test_functional.py", "tests/test_sarif.py")
INSTALL_TIMEOUT = 1800  # seconds; only so that a hang fails
RUN_TIMEOUT = 1800


def _candidates() -> list[str]:
    found = [os.environ.get("STATELESS_PYTHON310", ""), shutil.which("python3.10") or ""]
    pyenv = os.environ.get("PYENV_ROOT") or str(Path.home() / ".pyenv")
    found += sorted(glob.glob(os.path.join(pyenv, "versions", "3.10*", "bin", "python3.10")),
                    reverse=True)
    found += ["/usr/local/bin/python3.10", "/usr/bin/python3.10"]
    return [path for path in dict.fromkeys(found) if path and os.path.exists(path)]


def python310() -> str | None:
    """A Python 3.10 that runs (a pyenv shim of an inactive version does not)."""
    for path in _candidates():
        try:
            process = subprocess.run(
                [path, "-c", "import sys; print(sys.version_info[:2] == (3, 10))"],
                capture_output=True, text=True, check=False, timeout=60,
            )
        except (OSError, subprocess.TimeoutExpired):
            continue
        if process.returncode == 0 and process.stdout.strip() == "True":
            return path
    return None


def _venv(python: str, folder: Path) -> Path:
    """A 3.10 environment with the project and its test extra, made again when
    pyproject.toml changes."""
    stamp = folder / "pyproject.sha256"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    venv_python = folder / "venv" / "bin" / "python"
    if venv_python.exists() and stamp.exists() and stamp.read_text() == digest:
        return venv_python
    subprocess.run([python, "-m", "venv", "--clear", str(folder / "venv")], check=True,
                   timeout=INSTALL_TIMEOUT)
    install = subprocess.run(
        [str(venv_python), "-m", "pip", "install", "--quiet", "--editable", f"{ROOT}[test]"],
        capture_output=True, text=True, check=False, timeout=INSTALL_TIMEOUT,
    )
    assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]
    stamp.write_text(digest)
    return venv_python


@pytest.mark.slow
@pytest.mark.skipif(sys.version_info[:2] == (3, 10), reason="this run is Python 3.10 already")
def test_functional_and_sarif_tests_on_python_310(
    pytestconfig: pytest.Config, tmp_path: Path
) -> None:
    python = python310()
    if python is None:
        pytest.skip("no Python 3.10 on this machine (set STATELESS_PYTHON310)")
    cache = getattr(pytestconfig, "cache", None)  # none with -p no:cacheprovider
    venv_python = _venv(python, cache.mkdir("python3.10") if cache is not None else tmp_path)
    env = {key: value for key, value in os.environ.items()
           if key not in {"PYTEST_ADDOPTS", "PYTHONPATH", "VIRTUAL_ENV"}}
    process = subprocess.run(
        [str(venv_python), "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "-W", "error::SyntaxWarning", "-r", "s", *TESTS],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=RUN_TIMEOUT,
    )
    summary = process.stdout.strip().splitlines()[-1] if process.stdout.strip() else ""
    assert process.returncode == 0, process.stdout[-5000:] + process.stderr[-2000:]
    assert " passed" in summary and "skipped" not in summary, process.stdout[-5000:]
