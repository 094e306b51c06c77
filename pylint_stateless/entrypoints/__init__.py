"""Find the functions that serve requests, from the framework tables.

Candidates are collected during pylint's own walk of the module (decorated
functions, classes with bases, calls whose name could register a handler), so
the module is never walked twice; :meth:`Discovery.entry_points` then decides,
cheapest test first: the name must be one the tables know, then astroid
inference must resolve it to a framework object; when inference fails (the
framework is not importable), the import statements and the shape of the call
decide, at lower confidence. Decorators, classes and registration calls each have
their module here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from astroid import nodes
from pylint.interfaces import INFERENCE, INFERENCE_FAILURE

from pylint_stateless.analysis import astutil
from pylint_stateless.entrypoints.classes import Classes
from pylint_stateless.entrypoints.decorators import Decorators
from pylint_stateless.entrypoints.labels import confidence_of
from pylint_stateless.entrypoints.model import EntryPoint
from pylint_stateless.entrypoints.registrations import Registrations

if TYPE_CHECKING:
    from pylint_stateless.analysis.resolver import Resolver
    from pylint_stateless.knowledge import Knowledge


class Discovery:
    """Collects candidates during the pylint walk; resolves them on demand."""

    def __init__(self, module: nodes.Module, knowledge: Knowledge, resolver: Resolver) -> None:
        self.module = module
        self.knowledge = knowledge
        self.resolver = resolver
        self.functions: list[nodes.FunctionDef] = []
        self.classes: list[nodes.ClassDef] = []
        self.calls: list[nodes.Call] = []
        self.wrappers: list[nodes.Assign] = []
        self._decorators = Decorators(knowledge, resolver)
        self._classes = Classes(knowledge, resolver)
        self._registrations = Registrations(
            module, knowledge, resolver, self._decorators, self._classes
        )

    # -- collection (called from the checker's visit methods) ---------------------------

    def add_function(self, node: nodes.FunctionDef) -> None:
        if node.decorators is not None or isinstance(node.parent, nodes.Module):
            self.functions.append(node)

    def add_class(self, node: nodes.ClassDef) -> None:
        if node.bases or "__call__" in node.locals or (
            node.decorators is not None and any(
                astutil.last_name(d.func if isinstance(d, nodes.Call) else d)
                in self.knowledge.class_decorator_names
                for d in node.decorators.nodes
            )
        ):
            self.classes.append(node)

    def add_call(self, node: nodes.Call) -> None:
        """A call whose name could register a handler, or that applies a decorator
        factory's result (``app.event("x")(handler)``)."""
        if isinstance(node.func, nodes.Call):
            if _passes_non_literal(node) and (
                astutil.last_name(node.func.func) in self.knowledge.decorator_names
            ):
                self.calls.append(node)
            return
        name = astutil.last_name(node.func)
        if name is None:
            return
        if not _passes_non_literal(node) and name not in self.knowledge.named_registration_names:
            return
        if name in self.knowledge.registration_names or any(
            pattern.match(name) for pattern, _ in self.knowledge.registration_patterns
        ):
            self.calls.append(node)

    def add_assign(self, node: nodes.Assign) -> None:
        """``app.wsgi_app = Middleware(app.wsgi_app)``: a middleware wraps the application."""
        if isinstance(node.value, nodes.Call) and any(
            isinstance(t, nodes.AssignAttr) and t.attrname in self.knowledge.middleware_attributes
            for t in node.targets
        ):
            self.wrappers.append(node)

    # -- resolution ---------------------------------------------------------------------

    def entry_points(self) -> list[EntryPoint]:
        """Every entry point the module declares, once each, in the order of the source."""
        found: list[EntryPoint] = list(self._from_module())
        for func in self.functions:
            found.extend(self._from_function(func))
        for cls in self.classes:
            found.extend(self._classes.entry_points(cls, cls))
        for call in self.calls:
            found.extend(self._registrations.entry_points(call))
        for assign in self.wrappers:
            found.extend(self._registrations.wrapper(assign))
        unique: dict[tuple[int, int | None], EntryPoint] = {}
        for entry in found:
            key = (id(entry.func), id(entry.self_state) if entry.self_state else None)
            unique.setdefault(key, entry)
        return sorted(
            unique.values(), key=lambda e: (e.anchor.fromlineno or 0, e.func.lineno or 0)
        )

    def _from_module(self) -> Iterator[EntryPoint]:
        """The top level of a module a framework runs per session (a script), as one entry
        point: a function whose body is the module's statements (definitions aside)."""
        module = self.module
        for framework, convention in self.knowledge.module_conventions:
            try:
                entry = convention(module)
            except Exception:  # pylint: disable=broad-exception-caught
                entry = None  # a framework's hook must not break the analysis
            if entry is None:
                continue
            confidence = confidence_of(entry.evidence) if entry.evidence else INFERENCE_FAILURE
            anchor = module.body[0] if module.body else module
            yield EntryPoint(script_function(module), entry.role, entry.label, anchor,
                             confidence, remedy=framework.remedy)
            return

    def _from_function(self, func: nodes.FunctionDef) -> Iterator[EntryPoint]:
        for decorator in func.decorators.nodes if func.decorators else ():
            result = self._decorators.classify(decorator)
            if result is None:
                continue
            role, label, confidence, remedy = result
            lifetime, shared = self._classes.method_lifetime(func)
            yield EntryPoint(func, role, label, func, confidence, lifetime, shared,
                             remedy=remedy)
            return
        for fw in self.knowledge.frameworks:
            if fw.function_convention is None:
                continue
            convention = fw.function_convention(func)
            if convention is not None:
                yield EntryPoint(func, convention.role, convention.label, func,
                                 INFERENCE_FAILURE, remedy=fw.remedy)
                return
        configured = self.knowledge.configured_handler
        if configured is not None and _is_configured(func, self.knowledge.handler_names):
            # Named by the configuration, as an in-house decorator or base class is.
            yield EntryPoint(func, configured.role, configured.label, func, INFERENCE,
                             remedy=self.knowledge.configured_remedy)


def _is_configured(func: nodes.FunctionDef, names: frozenset[str]) -> bool:
    """Whether a configured name (``handler``, ``app.handler``, ``src/app.handler``) names
    the module-level function ``func``: the one is the other or ends with it, since the
    configuration's folder and the module's name as pylint sees it (from the folder it
    runs in) need not start at the same place."""
    if not names or not isinstance(func.parent, nodes.Module):
        return False
    qname = func.qname()
    for name in names:
        dotted = name.replace("/", ".")
        if qname == dotted or qname.endswith(f".{dotted}") or dotted.endswith(f".{qname}"):
            return True
    return False


def script_function(module: nodes.Module) -> nodes.FunctionDef:
    """A function standing for one run of ``module``'s top level: its body is the module's
    statements but its definitions, which stay children of the module (their names
    resolve in the module, as when the script runs)."""
    name = module.name.rsplit(".", 1)[-1]
    func = nodes.FunctionDef(name, 0, 0, module, end_lineno=None, end_col_offset=None)
    arguments = nodes.Arguments(None, None, func)
    arguments.postinit(args=[], defaults=[], kwonlyargs=[], kw_defaults=[], annotations=[],
                       posonlyargs=[], kwonlyargs_annotations=[], posonlyargs_annotations=[])
    func.postinit(arguments, [node for node in module.body
                              if not isinstance(node, (nodes.FunctionDef, nodes.ClassDef))])
    return func


def _passes_non_literal(call: nodes.Call) -> bool:
    """Whether an argument of ``call`` could name a handler. A registration registers one
    of its arguments (a function, a class, an instance, or a list of them); a call with
    only literal arguments (``request.args.get("page")``, ``Flask()``) registers nothing,
    and most calls named ``get`` or ``append`` are such."""
    return any(not isinstance(arg, nodes.Const) for arg in call.args) or any(
        not isinstance(keyword.value, nodes.Const) for keyword in call.keywords or ()
    )


__all__ = ["Discovery", "EntryPoint"]
