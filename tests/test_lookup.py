"""The resolver shares one astroid lookup between the reads of a global in function and
class bodies of a module, and answers some locals from the tree; on real code that must be
exactly what astroid gives each read."""

from __future__ import annotations

from pathlib import Path

import astroid
import pytest
from astroid import nodes

from helpers import ROOT
from pylint_stateless.analysis.names import global_lookup_key, local_lookup

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
    loads = json.loads
    SEP = "-"
    copy = SEP

    @staticmethod
    def read(self):
        return json, SEP, COUNT, [SEP for SEP in "ab"], lambda: SEP, __name__

def name():
    return __name__
'''


def _check(module: nodes.Module) -> tuple[int, int]:
    """Every read the resolver answers without its own astroid lookup, against astroid:
    (shared global reads checked, locals checked)."""
    shared: dict[tuple, tuple] = {}
    globals_checked = locals_checked = 0
    for name in module.nodes_of_class(nodes.Name):
        key = global_lookup_key(name)
        shortcut = local_lookup(name)
        if key is None and shortcut is None:
            continue
        scope, bindings = name.lookup(name.name)
        result = (scope, list(bindings))
        where = (module.name, name.lineno, name.name)
        if shortcut is not None:
            assert shortcut == result, where
            locals_checked += 1
        if key in shared:
            assert shared[key] == result, where
            globals_checked += 1
        elif key is not None:
            shared[key] = result
    return globals_checked, locals_checked


def test_reads_answered_without_astroid_are_what_astroid_gives() -> None:
    counts = [_check(astroid.MANAGER.ast_from_file(str(path))) for path in FILES]
    assert sum(g for g, _ in counts) > 500 and sum(n for _, n in counts) > 1000


def test_globals_bound_in_branches_or_by_functions() -> None:
    module = astroid.parse(GLOBALS_IN_BRANCHES)
    _check(module)
    bump_count = [n for n in module.nodes_of_class(nodes.Name) if n.name == "COUNT"]
    assert bump_count and all(global_lookup_key(n) is None for n in bump_count)
    dunder = [n for n in module.nodes_of_class(nodes.Name) if n.name == "__name__"]
    assert len(dunder) == 2 and all(global_lookup_key(n) is None for n in dunder)
    shared = [n for n in module.nodes_of_class(nodes.Name)
              if n.name == "SEP" and global_lookup_key(n) is not None]
    # bump's print, read's tuple; not the class body's (SEP is also the class's), the
    # comprehension's, the lambda's
    assert [n.lineno for n in shared] == [18, 27]
    # a global read in a class body shares the lookup of the reads in functions
    assert [n.lineno for n in module.nodes_of_class(nodes.Name)
            if n.name == "json" and global_lookup_key(n) is not None] == [18, 21, 27]



LOCALS = '''
def params(a, b=1, *args, c, **kw):
    print(a, b, args, c, kw)
    del b
    return b

def assigned(flag):
    x = 1
    if flag:
        y = 2
        print(x, y)
    for i in range(x):
        print(i, x)
    z = z_later = 0
    w = 3; print(w, z)
    print(w, undefined)
    v = v + 1 if flag else 0
    return lambda: x, [x for _ in "ab"]

def looped(items):
    for item in items:
        print(later)
    later = 1
    return later

def shadowed(a, default=None):
    def inner(a=a, b=default):
        return a, b
    return inner
'''


def test_locals_in_branches_loops_and_defaults_are_left_to_astroid() -> None:
    module = astroid.parse(LOCALS)
    _check(module)
    taken = {(n.lineno, n.name) for n in module.nodes_of_class(nodes.Name)
             if local_lookup(n) is not None}
    # parameters, and reads after a plain top-level assignment, nested or not
    assert {(3, "a"), (3, "c"), (11, "x"), (13, "x"), (15, "z"), (16, "w")} <= taken
    # ``*args``, ``**kw`` (bound by the Arguments node); ``b``, also deleted; a read on
    # the line of its binding; a read in its own assignment; a binding later in the loop;
    # the lambda's and comprehension's own scopes; defaults of ``inner``
    assert not taken & {(3, "args"), (3, "kw"), (3, "b"), (5, "b"), (15, "w"), (17, "v"),
                        (22, "later"), (18, "x"), (27, "a"), (27, "default")}
