"""The plugin's own code passes mypy (strict) and pylint, as configured in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys

import pytest

from helpers import ROOT

pytestmark = pytest.mark.slow


def test_mypy_strict_on_the_package() -> None:
    run = subprocess.run([sys.executable, "-m", "mypy"], capture_output=True, text=True,
                         cwd=ROOT, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


def test_pylint_on_the_package() -> None:
    run = subprocess.run([sys.executable, "-m", "pylint", "pylint_stateless"],
                         capture_output=True, text=True, cwd=ROOT, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
