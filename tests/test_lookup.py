"""The resolver shares one astroid lookup between the reads of a global in function
bodies of a module; on real code that must be exactly what astroid gives each read."""

from __future__ import annotations

from pathlib import Path

import astroid
import pytest
from astroid import nodes

from helpers import ROOT
from pylint_stateless.analysis.state import global_lookup_key

FILES = sorted(
    p for folder in ("tests/functional", "tests/shared_app", "examples", "pylint_stateless")
    for p in (ROOT / folder).rglob("*.py")
) + [Path(astroid.__file__).parent / "nodes" / "node_classes.py",
     Path(pytest.__file__).parent.parent / "_pytest" / "python.py"]

GLOBALS_IN_BRANCHES = '''
import os
try:
    import json
except ImportError:
    json = None
if os.name == "nt":
    SEP = "\\\\"
else:
    SEP = "/"
COUNT = 0

def bump():
    global COUNT
    if COUNT:
        COUNT = 1
    else:
        print(COUNT, SEP, json)

class Reader:
    def read(self):
        return json, SEP, COUNT, [SEP for SEP in "ab"], lambda: SEP, __name__

def name():
    return __name__
'''


def _check(module: nodes.Module) -> int:
    shared: dict[tuple, tuple] = {}
    checked = 0
    for name in module.nodes_of_class(nodes.Name):
        key = global_lookup_key(name)
        if key is None:
            continue
        scope, bindings = name.lookup(name.name)
        result = (scope, list(bindings))
        if key in shared:
            assert shared[key] == result, (module.name, name.lineno, name.name)
            checked += 1
        else:
            shared[key] = result
    return checked


def test_one_lookup_per_global_is_what_astroid_gives_every_read() -> None:
    checked = sum(_check(astroid.MANAGER.ast_from_file(str(path))) for path in FILES)
    assert checked > 500


def test_globals_bound_in_branches_or_by_functions() -> None:
    module = astroid.parse(GLOBALS_IN_BRANCHES)
    _check(module)
    bump_count = [n for n in module.nodes_of_class(nodes.Name) if n.name == "COUNT"]
    assert bump_count and all(global_lookup_key(n) is None for n in bump_count)
    dunder = [n for n in module.nodes_of_class(nodes.Name) if n.name == "__name__"]
    assert len(dunder) == 2 and all(global_lookup_key(n) is None for n in dunder)
    shared = [n for n in module.nodes_of_class(nodes.Name)
              if n.name == "SEP" and global_lookup_key(n) is not None]
    assert len(shared) == 2  # bump's print, read's tuple; not the comprehension's, lambda's

