"""The analysed project's modules and classes, read from the source.

Which module an import names (project code only: the standard library and installed
packages are located but never built), its tree (astroid's, or an outline kept between
an editor's runs: :mod:`.outline`), the functions and classes it defines, and the
project's classes in method resolution order.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import astroid
from astroid import nodes

from pylint_stateless.analysis import astutil
from pylint_stateless.analysis.model import ClassRef, Env, ModuleRef

if TYPE_CHECKING:
    from pylint_stateless.analysis.resolver import Resolver, Taint
    from pylint_stateless.analysis.session import Trees

_STDLIB = frozenset(getattr(sys, "stdlib_module_names", ()))
_MAX_MRO = 32


class Project:
    """Modules and classes of the project, as the linted module's analysis sees them."""

    def __init__(self, resolver: Resolver, trees: Trees | None, taint: Taint) -> None:
        self._resolver = resolver
        self.current = resolver.current
        # Other project modules are read through the kept trees (outlines, or astroid's
        # if pylint built them) for runs where pylint lints only the current module
        # (``--from-stdin``); ``None``: astroid's trees.
        self._trees = trees
        self._taint = taint
        self._imports: dict[str, nodes.Module | None] = {}
        self._mros: dict[int, list[nodes.ClassDef]] = {}

    # -- modules ------------------------------------------------------------------------

    def import_project_module(
        self, node: nodes.Import | nodes.ImportFrom, modname: str
    ) -> nodes.Module | None:
        """The module an import names, if it is project code."""
        root = node.root()
        level = getattr(node, "level", None)
        try:
            absolute = root.relative_to_absolute_name(modname, level) if level else modname
        except Exception:  # pylint: disable=broad-exception-caught
            return None
        return self.module(absolute)

    def module(self, absolute: str) -> nodes.Module | None:
        """The project module named ``absolute``.

        Looked up on ``sys.path`` only, as Python 3 imports: an ``import redis`` next to a
        ``redis.py`` of the project is the installed package, not that file.
        """
        if absolute == self.current.name:
            self._taint.module += 1
            return self.current
        if absolute in self._imports:
            return self._imports[absolute]
        module: nodes.Module | None = None
        if absolute.split(".", 1)[0] not in _STDLIB:
            try:
                spec = astroid.MANAGER.file_from_module_name(absolute, None)
                location = getattr(spec, "location", None)
                if location and not astutil.is_external_file(location):
                    module = self._build(absolute, location)
            except Exception as exc:  # pylint: disable=broad-exception-caught
                astutil.forget_traceback(exc)
                module = None
            if module is not None and not astutil.is_project_module(module, self.current):
                module = None
        self._imports[absolute] = module
        return module

    def _build(self, absolute: str, location: str) -> nodes.Module:
        """The tree of a project module: one kept between runs (:class:`.session.Trees`)
        while its file is unchanged, else astroid's if pylint's own checkers built it in
        this run, else an outline; or astroid's when trees are not kept."""
        if self._trees is not None and location.endswith(".py"):
            built = astroid.MANAGER.astroid_cache.get(absolute)
            if built is not None and built.file != location:
                built = None
            module = self._trees.tree(location, absolute, built)
            if module is not None:
                return module
        return astroid.MANAGER.ast_from_module_name(absolute)

    def submodule(self, package: nodes.Module, name: str) -> nodes.Module | None:
        """``from package import submodule``: the submodule, if it is project code."""
        if not package.package:
            return None
        return self.module(f"{package.name}.{name}")

    def module_ref(self, module: nodes.Module | None) -> ModuleRef | None:
        if module is None or not astutil.is_project_module(module, self.current):
            return None
        return ModuleRef(module)

    def module_callable(
        self, module: nodes.Module, name: str, depth: int = 0
    ) -> nodes.NodeNG | None:
        """The function or class ``module`` binds to ``name``, through re-exports."""
        bindings = module.locals.get(name)
        if not bindings or depth > 3:
            return None
        binding = astutil.defining_binding(bindings)
        if isinstance(binding, (nodes.FunctionDef, nodes.ClassDef)):
            return binding
        if isinstance(binding, nodes.ImportFrom):  # a re-export
            for imported, alias in binding.names:
                if (alias or imported) == name:
                    other = self.import_project_module(binding, binding.modname)
                    if other is not None:
                        return self.module_callable(other, imported, depth + 1)
        return None

    def imported_function(self, node: nodes.ImportFrom, name: str) -> nodes.NodeNG | None:
        imported = imported_name(node, name)
        module = self.import_project_module(node, node.modname) if imported else None
        return self.module_callable(module, imported) if module and imported else None

    # -- classes, read from the source --------------------------------------------------

    def mro(self, cls: nodes.ClassDef) -> list[nodes.ClassDef]:
        """``cls`` and its base classes that belong to the project, nearest first.

        Bases are resolved by scope lookup and imports, not inference, so that a model
        deriving from a library class never makes astroid build that library.
        """
        cached = self._mros.get(id(cls))
        if cached is not None:
            return cached
        order: list[nodes.ClassDef] = []
        stack = [cls]
        while stack and len(order) < _MAX_MRO:
            klass = stack.pop(0)
            if any(k is klass for k in order):
                continue
            order.append(klass)
            for base in klass.bases:
                ref = self._resolver.resolve(base, Env())
                if isinstance(ref, ClassRef):
                    stack.append(ref.cls)
        self._mros[id(cls)] = order
        return order

    def find_method(self, cls: nodes.ClassDef, name: str, after: nodes.ClassDef | None = None
                    ) -> nodes.FunctionDef | None:
        """The method ``name`` of ``cls`` (from the classes after ``after`` in its MRO: a
        ``super()`` call), also when the class body aliases it (``run = _run``)."""
        mro = self.mro(cls)
        if after is not None:
            mro = mro[next((i + 1 for i, k in enumerate(mro) if k is after), len(mro)):]
        for klass in mro:
            bindings = klass.locals.get(name)
            if bindings:
                return _method_binding(klass, bindings[0])
        return None

    def class_defining(self, cls: nodes.ClassDef, attr: str) -> nodes.ClassDef | None:
        """The project class whose body assigns ``attr`` (None for methods), or whose
        methods set it on the class (``Server.current = self``, ``cls._instance = ...``)."""
        mro = self.mro(cls)
        for klass in mro:
            bindings = klass.locals.get(attr)
            if bindings:
                # ``attr = ...`` in the body, or ``Cls.attr = ...`` (astroid records it too)
                if any(isinstance(b, (nodes.AssignName, nodes.AssignAttr)) for b in bindings):
                    return klass
                return None
        for klass in mro:
            if class_writes(klass, attr):
                return klass
        return None

    def instance_attr_decls(self, cls: nodes.ClassDef, attr: str) -> list[nodes.AssignAttr]:
        """The assignments of ``attr`` on instances of ``cls`` (or of a class of its MRO)
        in the module of the class that declares it. astroid also records assignments
        through instances in other modules, but only in those it has built: which ones
        depends on what the process linted before (``-j 1`` against ``-j 2``), so they are
        left out, and the answer is the same in every process."""
        for klass in self.mro(cls):
            home = klass.root()
            decls = [d for d in klass.instance_attrs.get(attr, ())
                     if isinstance(d, nodes.AssignAttr) and d.root() is home]
            if decls:
                return decls
        return []


def class_writes(cls: nodes.ClassDef, attr: str) -> list[nodes.AssignAttr]:
    """Assignments of ``attr`` on the class itself inside its methods (through ``cls`` or
    the class's name)."""
    found = []
    for node in cls.nodes_of_class(nodes.AssignAttr):
        if node.attrname != attr or not isinstance(node.expr, nodes.Name):
            continue
        method = node.frame()
        params = ([*method.args.posonlyargs, *method.args.args]
                  if isinstance(method, nodes.FunctionDef) else [])
        through_cls = (isinstance(method, nodes.FunctionDef) and method.type == "classmethod"
                       and params and params[0].name == node.expr.name)
        if through_cls or node.expr.name == cls.name:
            found.append(node)
    return found


def _method_binding(cls: nodes.ClassDef, node: nodes.NodeNG) -> nodes.FunctionDef | None:
    if isinstance(node, nodes.FunctionDef):
        return node
    value = astutil.assigned_value(node) if isinstance(node, nodes.AssignName) else None
    if isinstance(value, nodes.Name):  # ``start = _start``
        for alias in cls.locals.get(value.name, ()):
            if isinstance(alias, nodes.FunctionDef):
                return alias
    return None


def imported_name(node: nodes.ImportFrom, name: str) -> str | None:
    """The name in the imported module that ``from ... import`` binds to ``name``."""
    for imported, alias in node.names:
        if (alias or imported) == name:
            return str(imported)
    return None
