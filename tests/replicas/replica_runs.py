"""Run a scenario (a small service and its tests, under scenarios/) with pytester, with
and without copies, and read what the run printed."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

SCENARIOS = Path(__file__).resolve().parent / "scenarios"
ROOT = Path(__file__).resolve().parents[2]
QUIET = ("-p", "no:cacheprovider", "-W", "ignore::DeprecationWarning")


@dataclass
class Run:
    """An inner pytest run: its outcome counts and the lines it printed."""

    result: pytest.RunResult

    @property
    def outcomes(self) -> dict[str, int]:
        return self.result.parseoutcomes()

    def count(self, outcome: str) -> int:
        return self.outcomes.get(outcome, 0)

    @property
    def text(self) -> str:
        return "\n".join(self.result.outlines)

    def summary(self) -> list[str]:
        """The lines of the ``stateless replicas`` section at the end."""
        lines = self.result.outlines
        start = next(i for i, line in enumerate(lines) if re.fullmatch(r"=+ stateless replicas =+", line))
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("====")), len(lines))
        return lines[start + 1:end]

    def breaks(self) -> dict[str, list[str]]:
        """Tests listed as passing with one process and failing replicated, with the lines
        printed under each (their requests and findings)."""
        return self._block("passed with one process and failed replicated:")

    def not_replicated(self) -> dict[str, list[str]]:
        return self._block("that were not replicated")

    def _block(self, heading: str) -> dict[str, list[str]]:
        lines = self.summary()
        start = next((i for i, line in enumerate(lines) if heading in line), None)
        found: dict[str, list[str]] = {}
        if start is None:
            return found
        current: list[str] | None = None
        for line in lines[start + 1:]:
            text = line.strip()
            if not text:
                continue
            if not line.startswith(" ") and "::" not in line:
                break  # the next heading
            if "::" in text and " " not in text:
                current = found.setdefault(text, [])
            elif current is not None:
                current.append(text)
        return found

    def header(self) -> str:
        """The first line of the summary: options, requests, copies started."""
        return next(line for line in self.summary() if line)


def copy_scenario(pytester: pytest.Pytester, name: str) -> Path:
    shutil.copytree(SCENARIOS / name, pytester.path, dirs_exist_ok=True)
    return pytester.path


def run(pytester: pytest.Pytester, *args: str, subprocess: bool = False) -> Run:
    if subprocess:
        return Run(pytester.runpytest_subprocess(*QUIET, *args))
    return Run(pytester.runpytest(*QUIET, *args))


def lifespan_events(log: Path) -> tuple[list[int], list[int]]:
    """The process ids of the copies that logged ``startup`` and ``shutdown`` (the
    scenarios' applications log ``<event> <pid> copy|test``)."""
    starts: list[int] = []
    stops: list[int] = []
    if log.exists():
        for line in log.read_text(encoding="utf-8").splitlines():
            event, pid, where = line.split()
            if where == "copy":
                (starts if event == "startup" else stops).append(int(pid))
    return starts, stops
