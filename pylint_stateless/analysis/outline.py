"""Cheap trees of project modules that pylint does not lint in this run.

When the plugin follows a helper into another module of the project, it needs that
module's tree. Asking astroid for it (``do_import_module``) builds it the way pylint
builds a module it lints: transforms of every brain plugin, and inference of every
``obj.attr = ...`` to record instance attributes. That inference reaches into the
libraries the module uses, so one helper module can cost astroid a whole ORM (one
privacyidea module: 850 ms, 30 ms of it its own tree). In a whole-project run the
work is shared with pylint, which builds every module anyway; in an editor run
(``--from-stdin``, one file) nobody else needs it.

:func:`build` makes such a module for the plugin alone: parsed and rebuilt into
astroid nodes, ``self.attr = ...`` recorded as instance attributes from the source, no
transforms, no inference, and not put in astroid's cache (pylint's checkers never see
it). A module pylint's own checkers have already built in the run is not built again:
astroid's tree is taken as it is. Trees, outlines or astroid's, are kept from run to run
by :class:`.session.Trees`, so that a long-lived editor server reads each module once.
"""

from __future__ import annotations

import astroid
from astroid import nodes
from astroid.builder import AstroidBuilder, open_source_file


_NOT_METHODS = frozenset({"staticmethod", "classmethod"})


class _Uncached:
    """astroid's manager, except that modules built through it are not cached."""

    def __init__(self, manager: astroid.manager.AstroidManager) -> None:
        self._manager = manager

    def cache_module(self, module: nodes.Module) -> None:
        pass

    def __getattr__(self, name: str) -> object:
        return getattr(self._manager, name)


def build(path: str, modname: str) -> nodes.Module | None:
    """The outline of the module in ``path``: None if unreadable or not Python."""
    builder = AstroidBuilder(_Uncached(astroid.MANAGER), apply_transforms=False)
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
