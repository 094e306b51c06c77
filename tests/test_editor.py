"""The editor path: VS Code's pylint extension runs ``pylint --from-stdin <path>`` with
``--output-format=json2`` and underlines each message's range; it must cover the
mutating expression, and the unsaved buffer (stdin) must be what is analysed."""

from __future__ import annotations

import json
import subprocess
import sys

from helpers import ROOT

BUFFER = '''"""Unsaved editor buffer."""
from fastapi import FastAPI

app = FastAPI()
carts = {}
seen = []


@app.post("/cart/{uid}")
def add(uid: str, item: str):
    """Add."""
    carts[uid] = item
    seen.append(
        uid,
    )
    return carts
'''


def _lint_stdin(path: str, text: str) -> list[dict]:
    run = subprocess.run(
        [sys.executable, "-m", "pylint", "--rcfile=/dev/null", "--persistent=n",
         "--reports=n", "--output-format=json2", "--load-plugins=pylint_stateless",
         "--disable=all", "--enable=stateless", "--from-stdin", path],
        input=text, capture_output=True, text=True, check=False, cwd=ROOT,
    )
    assert "Traceback" not in run.stderr, run.stderr
    return json.loads(run.stdout)["messages"]


def _text_at(source: str, message: dict) -> str:
    lines = source.splitlines()
    start, end = message["line"] - 1, message["endLine"] - 1
    if start == end:
        return lines[start][message["column"]:message["endColumn"]]
    parts = [lines[start][message["column"]:], *lines[start + 1:end],
             lines[end][:message["endColumn"]]]
    return "\n".join(parts)


def test_ranges_cover_the_mutating_expression(tmp_path) -> None:
    path = tmp_path / "service.py"
    path.write_text('"""On disk: nothing to report."""\n', encoding="utf-8")
    messages = _lint_stdin(str(path), BUFFER)
    spans = sorted((m["line"], _text_at(BUFFER, m)) for m in messages)
    assert spans == [
        (12, "carts[uid]"),
        (13, "seen.append(\n        uid,\n    )"),
    ]
    assert {m["path"] for m in messages} == {str(path)}
