"""Cheap trees of project modules that pylint does not lint in this run.

When the plugin follows a helper into another module of the project, it needs that
module's tree. Asking astroid for it (``do_import_module``) builds it the way pylint
builds a module it lints: transforms of every brain plugin, and inference of every
``obj.attr = ...`` to record instance attributes. That inference reaches into the
libraries the module uses, so one helper module can cost astroid a whole ORM (one
privacyidea module: 850 ms, 30 ms of it its own tree). In a whole-project run the
work is shared with pylint, which builds every module anyway; in an editor run
(``--from-stdin``, one file) nobody else needs it.

:func:`outline` builds such a module for the plugin alone: parsed and rebuilt into
astroid nodes, ``self.attr = ...`` recorded as instance attributes from the source, no
transforms, no inference, and not put in astroid's cache (pylint's checkers never see
it). A module pylint's own checkers have already built in the run is not built again:
astroid's tree is taken as it is. Trees, outlines or astroid's, are kept from run to run,
keyed by path and checked against the file's size and modification time, so that a
long-lived editor server (the VS Code extension runs pylint in-process on every save, and
clears astroid's cache after each run) reads each module once; a process started to run
pylint once drops them when its run ends (``checker.runs_once``), and the next process
finds the helpers' summaries on disk instead (:mod:`.persist`).
"""

from __future__ import annotations

from collections import OrderedDict

import astroid
from astroid import nodes
from astroid.builder import AstroidBuilder, open_source_file

from pylint_stateless.analysis import astutil

# A kept tree costs about half a megabyte (privacyidea: 60 modules for its largest
# handler module, +33 MB in the editor's process); the least recently read go first.
_MAX_MODULES = 256
_NOT_METHODS = frozenset({"staticmethod", "classmethod"})
_trees: OrderedDict[str, tuple[tuple[int, int], nodes.Module]] = OrderedDict()


class _Uncached:
    """astroid's manager, except that modules built through it are not cached."""

    def __init__(self, manager: astroid.manager.AstroidManager) -> None:
        self._manager = manager

    def cache_module(self, module: nodes.Module) -> None:
        pass

    def __getattr__(self, name: str) -> object:
        return getattr(self._manager, name)


def outline(path: str, modname: str, built: nodes.Module | None = None) -> nodes.Module | None:
    """The tree of the module in ``path``: the one kept, if the file has not changed
    since; else ``built`` (astroid's tree of it, from this run), kept from now on; else
    one built for the plugin only. None on failure."""
    stamp = astutil.file_stamp(path)
    if stamp is None:
        return None
    cached = _trees.get(path)
    if cached is not None and cached[0] == stamp and cached[1].name == modname:
        _trees.move_to_end(path)
        return cached[1]
    module = built if built is not None else _build(path, modname)
    if module is None:
        return None
    _trees[path] = (stamp, module)
    while len(_trees) > _MAX_MODULES:
        _trees.popitem(last=False)
    return module


def holds(module: nodes.Module) -> bool:
    """Whether ``module`` is the tree kept for its file."""
    kept_tree = _trees.get(module.file or "")
    return kept_tree is not None and kept_tree[1] is module


def names() -> set[str]:
    """The module names of the trees kept."""
    return {tree.name for _stamp, tree in _trees.values()}


def paths() -> set[str]:
    """The files of the trees kept."""
    return set(_trees)


def forget() -> None:
    """Drop every kept tree (tests; a server that wants its memory back)."""
    _trees.clear()


def _build(path: str, modname: str) -> nodes.Module | None:
    builder = AstroidBuilder(_Uncached(astroid.MANAGER), apply_transforms=False)  # type: ignore[arg-type]
    try:
        stream, encoding, data = open_source_file(path)
        with stream:
            # pylint: disable-next=protected-access
            module, rebuilder = builder._data_build(data, modname, path)
        module.file_encoding = encoding
        # pylint: disable=protected-access
        imports_from = list(rebuilder._import_from_nodes)
        attributes = list(rebuilder._delayed_assattr)
    except Exception:  # pylint: disable=broad-exception-caught
        return None  # unreadable, a syntax error, or an astroid without these internals
    for node, global_names in imports_from:
        if node.modname == "__future__":
            module.future_imports.update(name for name, _ in node.names)
        try:
            builder.add_from_names_to_locals(node, global_names)
        except Exception:  # pylint: disable=broad-exception-caught
            continue
    for attribute in attributes:
        _record_self_attribute(attribute)
    return module


def _record_self_attribute(node: nodes.AssignAttr) -> None:
    """``self.attr = ...`` in a method: an instance attribute of the method's class
    (what astroid finds by inferring ``self``, read from the source)."""
    if not isinstance(node.expr, nodes.Name):
        return
    func = node.frame()
    if not isinstance(func, nodes.FunctionDef) or not isinstance(func.parent, nodes.ClassDef):
        return
    if func.decorators is not None and any(
        isinstance(d, nodes.Name) and d.name in _NOT_METHODS for d in func.decorators.nodes
    ):
        return
    params = [*func.args.posonlyargs, *func.args.args]
    if not params or params[0].name != node.expr.name:
        return
    decls = func.parent.instance_attrs.setdefault(node.attrname, [])
    if node not in decls:
        decls.append(node)
