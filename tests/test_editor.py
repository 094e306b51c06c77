"""The editor path: VS Code's pylint extension runs ``pylint --from-stdin <path>`` with
``--output-format=json2`` and underlines each message's range; it must cover the
mutating expression, and the unsaved buffer (stdin) must be what is analysed."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import astroid
import pytest

from helpers import ROOT, lint_buffer, messages

pytestmark = pytest.mark.slow
from pylint_stateless.analysis import outline
from pylint_stateless.analysis.session import SESSION
from pylint_stateless.checker import runs_once

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


# --- one file from an editor: other modules are outlines, summaries are kept -----------

# Multi-module apps: each module linted from a buffer must get the messages it gets when
# the whole app is linted (where other modules are built by astroid, not outlined).
APPS = ["tests/shared_app", "tests/inventory_app", "examples/shop",
        "tests/functional/cross_module"]


def _key(message: dict) -> tuple:
    return (message["line"], message["column"], message["symbol"], message["message"])


@pytest.mark.parametrize("app", APPS)
def test_a_buffer_gets_the_messages_of_a_whole_project_run(app: str) -> None:
    whole = messages("--recursive=y", app)
    assert whole, "the app must have findings for the comparison to mean something"
    for path in sorted((ROOT / app).rglob("*.py")):
        expected = sorted(_key(m) for m in whole if (ROOT / m["path"]) == path)
        got = sorted(map(_key, _lint_stdin(str(path), path.read_text(encoding="utf-8"))))
        assert got == expected, path


def _lint_in_process(path: Path, text: str, cwd: Path, *checkers: str) -> list[dict]:
    """What the VS Code extension does: pylint run in its own long-lived process."""
    found = lint_buffer(path, text, cwd, "--persistent=n",
                        *(checkers or ("--disable=all", "--enable=stateless")),
                        "--clear-cache-post-run=y")
    return [m for m in found if m["messageId"].startswith("W67")]


@pytest.fixture(name="app_copy")
def _app_copy(tmp_path: Path) -> Path:
    # The extension's process starts each run with astroid's caches empty
    # (``--clear-cache-post-run``); so does this test, whatever ran before it in-process.
    astroid.MANAGER.clear_cache()
    SESSION.reset()
    shutil.copytree(ROOT / "tests" / "shared_app", tmp_path / "app")
    return tmp_path / "app"


def _states(found: list[dict]) -> set[tuple[int, str]]:
    return {(m["line"], m["message"].split("'")[1]) for m in found}


def test_kept_summaries_are_reused_and_give_the_same_messages(app_copy, walked) -> None:
    orders = app_copy / "shared_pkg" / "orders.py"
    text = orders.read_text(encoding="utf-8")
    first = _lint_in_process(orders, text, app_copy)
    first_walked, walked[:] = list(walked), []
    second = _lint_in_process(orders, text, app_copy)
    # ``walk_tree`` calls itself: a recursion that closes where it began is all in its
    # summary, which does not depend on who called it.
    kept = {"shared_pkg.store.remember", "shared_pkg.store.record", "shared_pkg.store.walk_tree"}
    assert kept <= set(first_walked)
    assert not kept & set(walked)  # their summaries were kept
    # Walked again: the buffer's own functions, and helpers whose summary depends on it
    # (``put`` of its ``ORDERS``, ``jobs`` importing it).
    assert {"shared_pkg.orders.create", "shared_pkg.store.put",
            "shared_pkg.jobs.cancel"} <= set(walked)
    assert sorted(map(_key, second)) == sorted(map(_key, first))
    assert (21, "SESSIONS") in _states(first)


def test_a_module_changed_on_disk_is_read_again(app_copy) -> None:
    """``users.py`` reaches ``orders.forget`` through ``jobs.cancel``; the summary of
    ``jobs.cancel`` is kept, but ``orders.py`` changes on disk: it must be read again."""
    users = app_copy / "shared_pkg" / "users.py"
    text = users.read_text(encoding="utf-8")
    assert "AUDIT" in {s for _, s in _states(_lint_in_process(users, text, app_copy))}
    orders = app_copy / "shared_pkg" / "orders.py"
    orders.write_text(
        orders.read_text(encoding="utf-8").replace(
            "    AUDIT.append(order_id)", "    return order_id in AUDIT"
        ),
        encoding="utf-8",
    )
    assert "AUDIT" not in {s for _, s in _states(_lint_in_process(users, text, app_copy))}


def test_a_module_read_from_disk_then_edited_in_a_buffer_is_the_buffer(app_copy) -> None:
    """``users.py`` reaches ``orders.forget`` through ``jobs``: that summary read
    ``orders.py`` from disk. Then ``orders.py`` is edited (unsaved): its run must see the
    buffer, where ``forget`` no longer writes ``AUDIT``."""
    users = app_copy / "shared_pkg" / "users.py"
    orders = app_copy / "shared_pkg" / "orders.py"
    assert "AUDIT" in {s for _, s in _states(
        _lint_in_process(users, users.read_text(encoding="utf-8"), app_copy))}
    buffer = orders.read_text(encoding="utf-8").replace(
        "    AUDIT.append(order_id)", "    return order_id in AUDIT"
    )
    assert "AUDIT" not in {s for _, s in _states(_lint_in_process(orders, buffer, app_copy))}


def test_saves_with_pylints_checkers_give_the_same_messages(
    app_copy, walked, monkeypatch
) -> None:
    """With pylint's own checkers on, the first save takes the trees they built, and
    keeps them past astroid's cache (cleared after each run): later saves build no tree
    of those modules and walk none of the helpers in them again; same messages."""
    built: list[str] = []
    real_build = outline.build

    def spy(path: str, modname: str):  # type: ignore[no-untyped-def]
        built.append(modname)
        return real_build(path, modname)

    monkeypatch.setattr(outline, "build", spy)
    users = app_copy / "shared_pkg" / "users.py"
    text = users.read_text(encoding="utf-8")
    saves, builds, walks = [], [], []
    for _ in range(3):
        found = _lint_in_process(users, text, app_copy, "--enable=all")
        saves.append(sorted(map(_key, found)))
        builds.append(list(built))
        walks.append(list(walked))
        built[:], walked[:] = [], []
    assert saves[0] and saves[0] == saves[1] == saves[2]
    assert saves[0] == sorted(map(_key, _lint_stdin(str(users), text)))
    assert "shared_pkg.store" not in builds[0]  # pylint's checkers built it
    assert not builds[1] and not builds[2]
    kept = {"shared_pkg.store.remember", "shared_pkg.store.record"}
    assert kept <= set(walks[0]) and not kept & (set(walks[1]) | set(walks[2]))


def test_an_absolute_import_is_not_a_project_file_of_the_same_name(tmp_path) -> None:
    """``import redis`` in ``cache/auth.py`` is the installed package (Python 3 imports
    are absolute), not the project's ``cache/redis.py`` beside it."""
    package = tmp_path / "cache"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "redis.py").write_text(
        "STORE = {}\n\n\ndef set(key, value):\n    STORE[key] = value\n", encoding="utf-8"
    )
    auth = package / "auth.py"
    auth.write_text(
        "import redis\nfrom flask import Flask\n\napp = Flask(__name__)\n\n\n"
        '@app.post("/x")\ndef x():\n    redis.set("k", 1)\n    return ""\n',
        encoding="utf-8",
    )
    assert not messages("--recursive=y", str(tmp_path), cwd=tmp_path)
    assert not _lint_stdin(str(auth), auth.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("argv", "once"),
    [
        (["/venv/bin/python", "/venv/bin/pylint", "--from-stdin", "a.py"], True),
        (["python3", "-m", "pylint", "--from-stdin", "a.py"], True),
        (["python3", "-X", "dev", "-mpylint", "a.py"], True),
        (["python3", "-W", "error", "-I", "-m", "pylint", "a.py"], True),
        (["C:\\Python\\python.exe", "C:\\venv\\Scripts\\pylint.exe", "a.py"], True),
        # Hosts that may run pylint again in the same process.
        (["python", "/ext/bundled/tool/lsp_server.py"], False),
        (["python", "-m", "pytest", "tests"], False),
        (["python", "-c", "import pylint; pylint.run_pylint()"], False),
        (["python"], False),
    ],
)
def test_runs_once_recognises_a_process_started_to_run_pylint(argv, once) -> None:
    assert runs_once(argv) is once


def test_a_process_that_runs_pylint_once_keeps_no_tree(app_copy, monkeypatch) -> None:
    """``pylint --from-stdin`` started per lint (ALE, pre-commit): what a language server
    would keep for its next save is let go with astroid's cache, not at the
    interpreter's shutdown."""
    users = app_copy / "shared_pkg" / "users.py"
    text = users.read_text(encoding="utf-8")
    kept = _lint_in_process(users, text, app_copy)
    assert SESSION.trees.paths() and SESSION.complete  # a long-lived host: kept for the next save
    SESSION.reset()
    monkeypatch.setattr(sys, "orig_argv", [sys.executable, "-m", "pylint"])
    once = _lint_in_process(users, text, app_copy)
    assert not SESSION.trees.paths() and not SESSION.complete
    assert once and sorted(map(_key, once)) == sorted(map(_key, kept))
