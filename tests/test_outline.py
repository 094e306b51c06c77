"""Outlines: trees of project modules built for the plugin alone (editor runs)."""

from __future__ import annotations

import os

import astroid
from astroid import nodes

from pylint_stateless.analysis import outline, session
from pylint_stateless.analysis.session import Trees

SOURCE = '''"""A helper module."""
from collections import defaultdict

CACHE = defaultdict(list)


class Service:
    def __init__(self, client):
        self.client = client
        self.seen = set()

    @staticmethod
    def make(other):
        other.flag = True

    def remember(self, key):
        self.last = key
        CACHE[key].append(key)


def helper(service):
    service.extra = 1
'''


def test_an_outline_is_a_tree_astroid_never_sees(tmp_path) -> None:
    path = tmp_path / "helpers_outline_a.py"
    path.write_text(SOURCE, encoding="utf-8")
    trees = Trees()
    module = trees.tree(str(path), "helpers_outline_a")
    assert isinstance(module, nodes.Module)
    assert module.name == "helpers_outline_a" and module.file == str(path)
    assert {"CACHE", "Service", "helper", "defaultdict"} <= set(module.locals)
    assert "helpers_outline_a" not in astroid.MANAGER.astroid_cache
    # ``self.x = ...`` in methods are instance attributes, as astroid records them by
    # inference; assignments to other objects are not.
    service = module.locals["Service"][0]
    assert set(service.instance_attrs) == {"client", "seen", "last"}
    assert str(path) in trees.paths() and trees.holds(module)
    assert outline.build(str(path), "helpers_outline_a") is not module  # built anew


def test_an_outline_is_kept_until_its_file_changes(tmp_path) -> None:
    path = tmp_path / "helpers_outline_b.py"
    path.write_text(SOURCE, encoding="utf-8")
    trees = Trees()
    first = trees.tree(str(path), "helpers_outline_b")
    assert trees.tree(str(path), "helpers_outline_b") is first
    path.write_text(SOURCE + "\n\nLATER = {}\n", encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    second = trees.tree(str(path), "helpers_outline_b")
    assert second is not first and "LATER" in second.locals
    assert not trees.holds(first)


def test_no_outline_for_broken_or_missing_files(tmp_path) -> None:
    broken = tmp_path / "broken_outline.py"
    broken.write_text("def f(:\n", encoding="utf-8")
    trees = Trees()
    assert trees.tree(str(broken), "broken_outline") is None
    assert trees.tree(str(tmp_path / "missing.py"), "missing") is None


def test_clear_drops_every_tree(tmp_path) -> None:
    path = tmp_path / "helpers_outline_c.py"
    path.write_text(SOURCE, encoding="utf-8")
    trees = Trees()
    module = trees.tree(str(path), "helpers_outline_c")
    trees.clear()
    assert str(path) not in trees.paths() and not trees.holds(module)


def test_astroid_tree_of_this_run_is_kept_until_its_file_changes(tmp_path) -> None:
    path = tmp_path / "helpers_outline_d.py"
    path.write_text(SOURCE, encoding="utf-8")
    built = astroid.MANAGER.ast_from_file(str(path), "helpers_outline_d")
    trees = Trees()
    assert trees.tree(str(path), "helpers_outline_d", built) is built
    assert trees.holds(built)
    # a later run: astroid's cache was cleared; the kept tree is what the plugin reads
    astroid.MANAGER.astroid_cache.pop("helpers_outline_d", None)
    assert trees.tree(str(path), "helpers_outline_d") is built
    path.write_text(SOURCE + "\n\nLATER = {}\n", encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    again = trees.tree(str(path), "helpers_outline_d")
    assert again is not built and "LATER" in again.locals and not trees.holds(built)


def test_the_least_recently_read_tree_goes_first(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(session, "MAX_TREES", 2)
    trees = Trees()
    paths = []
    for name in ("lru_a", "lru_b", "lru_c"):
        path = tmp_path / f"{name}.py"
        path.write_text(SOURCE, encoding="utf-8")
        paths.append(path)
    first = trees.tree(str(paths[0]), "lru_a")
    trees.tree(str(paths[1]), "lru_b")
    assert trees.tree(str(paths[0]), "lru_a") is first  # read again: most recent
    trees.tree(str(paths[2]), "lru_c")
    assert trees.paths() >= {str(paths[0]), str(paths[2])}
    assert str(paths[1]) not in trees.paths()
