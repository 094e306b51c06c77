"""Summaries on disk (analysis/persist.py): a process that lints one file from an editor
reads what an earlier process stored for the same file, and gets the same messages."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import astroid
import pytest

from helpers import ROOT, lint_buffer, messages

pytestmark = pytest.mark.slow
from pylint_stateless.analysis import persist
from pylint_stateless.analysis.session import SESSION

APPS = ["tests/shared_app", "tests/inventory_app", "examples/shop",
        "tests/functional/cross_module"]


def _new_process() -> None:
    """What a new process starts with: nothing kept in memory."""
    astroid.MANAGER.clear_cache()
    SESSION.reset()


def _key(message: dict) -> tuple:
    return (message["line"], message["column"], message["symbol"], message["message"],
            message["confidence"])


def _lint(path: Path, cwd: Path, *extra: str, text: str | None = None) -> list[tuple]:
    """``pylint --from-stdin`` in this process, as a fresh one: the plugin's messages."""
    _new_process()
    source = path.read_text(encoding="utf-8") if text is None else text
    found = lint_buffer(path, source, cwd, "--disable=all", "--enable=stateless", *extra)
    return sorted(map(_key, found))


@pytest.fixture(name="home")
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "pylinthome"
    monkeypatch.setenv("PYLINTHOME", str(home))
    yield home
    _new_process()


@pytest.fixture(name="app_copy")
def _app_copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "tests" / "shared_app", tmp_path / "app")
    return tmp_path / "app"


def _batches(home: Path) -> list[Path]:
    return sorted((home / "stateless").glob("*.json"))


@pytest.mark.parametrize("app", APPS)
def test_a_stored_batch_gives_the_messages_of_a_whole_project_run(app, home, walked) -> None:
    whole = messages("--recursive=y", app)
    walks = [0, 0]
    for path in sorted((ROOT / app).rglob("*.py")):
        expected = sorted(_key(m) for m in whole if (ROOT / m["path"]) == path)
        first = _lint(path, ROOT)
        first_walked, walked[:] = set(walked), []
        second = _lint(path, ROOT)
        assert first == expected, path
        assert second == expected, path
        # The second process walked only what depends on the linted module.
        assert set(walked) <= first_walked, path
        walks[0] += len(first_walked)
        walks[1] += len(set(walked))
    # Apps whose helpers live in other modules store them, and walk less the second time.
    assert bool(_batches(home)) is (app != "tests/inventory_app")
    assert walks[1] < walks[0] or not _batches(home)


def test_the_second_process_walks_no_stored_helper(app_copy, home, walked) -> None:
    orders = app_copy / "shared_pkg" / "orders.py"
    first = _lint(orders, app_copy)
    first_walked, walked[:] = list(walked), []
    second = _lint(orders, app_copy)
    stored = {"shared_pkg.store.remember", "shared_pkg.store.record",
              "shared_pkg.store.walk_tree"}
    assert stored <= set(first_walked)
    assert not stored & set(walked)
    assert {"shared_pkg.orders.create", "shared_pkg.store.put"} <= set(walked)
    assert first and second == first
    assert len(_batches(home)) == 1


def test_a_helper_changed_on_disk_is_walked_again(app_copy, home, walked) -> None:
    """``users.py`` reaches ``orders.forget`` through ``jobs.cancel``; then ``orders.py``
    changes on disk: the batch that read it is not used."""
    users = app_copy / "shared_pkg" / "users.py"
    assert "AUDIT" in str(_lint(users, app_copy))
    orders = app_copy / "shared_pkg" / "orders.py"
    changed = orders.read_text(encoding="utf-8").replace(
        "    AUDIT.append(order_id)", "    return order_id in AUDIT"
    )
    assert changed != orders.read_text(encoding="utf-8")
    orders.write_text(changed, encoding="utf-8")
    os.utime(orders, ns=(1, 1))  # a different stamp, even on a coarse clock
    walked[:] = []
    assert "AUDIT" not in str(_lint(users, app_copy))
    assert "shared_pkg.jobs.cancel" in walked


def test_persistent_n_writes_nothing(app_copy, home) -> None:
    orders = app_copy / "shared_pkg" / "orders.py"
    assert _lint(orders, app_copy, "--persistent=n")
    assert not _batches(home)


@pytest.mark.parametrize("damage", ["truncated", "not json", "wrong shape", "bad rows"])
def test_a_damaged_batch_is_ignored(app_copy, home, damage) -> None:
    orders = app_copy / "shared_pkg" / "orders.py"
    first = _lint(orders, app_copy)
    (batch,) = _batches(home)
    text = batch.read_text(encoding="utf-8")
    data = json.loads(text)
    if damage == "truncated":
        batch.write_text(text[: len(text) // 2], encoding="utf-8")
    elif damage == "not json":
        batch.write_bytes(b"\x00\xff")
    elif damage == "wrong shape":
        batch.write_text(json.dumps([1, 2, 3]), encoding="utf-8")
    else:
        data["hits"] = [[10**6, -1, False, "HIGH"]] * len(data["hits"])
        batch.write_text(json.dumps(data), encoding="utf-8")
    assert _lint(orders, app_copy) == first
    assert json.loads(batch.read_text(encoding="utf-8"))["format"] == persist.FORMAT


def test_a_batch_of_other_settings_is_not_used(app_copy, home, walked) -> None:
    orders = app_copy / "shared_pkg" / "orders.py"
    _lint(orders, app_copy)
    walked[:] = []
    _lint(orders, app_copy, "--stateless-resource-types=shared_pkg.store.Registry")
    assert "shared_pkg.store.remember" in walked


def test_a_long_lived_process_merges_the_batches_of_each_file(app_copy, home) -> None:
    """A language server lints ``orders.py`` then ``users.py``: each file's batch, stored
    by earlier processes, joins what the server keeps."""
    orders = app_copy / "shared_pkg" / "orders.py"
    users = app_copy / "shared_pkg" / "users.py"
    expected = (_lint(orders, app_copy), _lint(users, app_copy))
    _new_process()
    got = [
        sorted(map(_key, lint_buffer(path, path.read_text(encoding="utf-8"), app_copy,
                                     "--disable=all", "--enable=stateless",
                                     "--clear-cache-post-run=y")))
        for path in (orders, users, orders)
    ]
    assert got == [expected[0], expected[1], expected[0]]
    assert len(_batches(home)) == 2
    # Nothing of a run's trees is held by what the server keeps for the disk.
    assert SESSION.disk is not None and not SESSION.disk._encoded  # pylint: disable=protected-access
