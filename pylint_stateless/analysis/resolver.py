"""What an expression on the request path refers to.

:class:`Resolver` maps expressions met while walking request-serving code to
references (:data:`.model.Ref`): a state or something stored in it, a project module,
a class, or a per-request ``self``. Names are resolved through astroid's scope lookup
(so aliases, ``global``, imports and parameters bound by the caller are all followed to
the defining assignment); what the defining assignment holds is decided by
:mod:`.shapes`. The resolver is the hub of one linted module's analysis: it owns the
project's modules (:mod:`.project`), value shapes, states and the application model,
which call back into it.
"""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

from astroid import nodes

from pylint_stateless import knowledge as tables
from pylint_stateless.analysis import astutil
from pylint_stateless.analysis.application import Application
from pylint_stateless.analysis.attributes import Attributes
from pylint_stateless.analysis.calls import Callee, Calls
from pylint_stateless.analysis.flow import Flow
from pylint_stateless.analysis.model import (
    MAX_ALIAS_DEPTH,
    ClassRef,
    Env,
    Ref,
    Shape,
    StateRef,
)
from pylint_stateless.analysis.objects import Objects
from pylint_stateless.analysis.names import GlobalKey, Lookup, Names
from pylint_stateless.analysis.project import Project, imported_name
from pylint_stateless.analysis.shapes import Shapes
from pylint_stateless.analysis.states import States

if TYPE_CHECKING:
    from pylint_stateless.analysis.session import Trees
    from pylint_stateless.knowledge import Knowledge

# Builtins that return a new container of the same elements, or one element.
_VIEW_BUILTINS = frozenset(
    {"list", "tuple", "sorted", "reversed", "filter", "set", "frozenset", "dict", "next"}
)
# ``copy.copy(items)``, ``items.copy()``: a new container of the same elements.
_COPIES = frozenset({"copy.copy"})



@dataclass
class Taint:
    """Bumped whenever an answer depends on which module is being linted (``module``:
    its tree, an import of it) or on its setup of the application object only (``app``):
    the walker shares across modules only summaries computed without a bump."""

    module: int = 0
    app: int = 0

T = TypeVar("T")


class _Memo(Generic[T]):
    """Answers of the resolver kept per node, bindings of the caller and depth. An answer
    that depended on the linted module (or on its setup of the application) bumps the
    taint again when it is reused, as computing it did, so that the walker shares across
    modules only what it would have shared without the memo."""

    def __init__(self, taint: Taint) -> None:
        self._taint = taint
        self._known: dict[tuple[nodes.NodeNG, Env, int], tuple[T, int, int]] = {}

    def answer(self, key: tuple[nodes.NodeNG, Env, int], compute: Callable[[], T]) -> T:
        """``compute()``, once per ``key``."""
        known = self._known.get(key)
        if known is not None:
            value, module_bump, app_bump = known
            self._taint.module += module_bump
            self._taint.app += app_bump
            return value
        module_taint, app_taint = self._taint.module, self._taint.app
        value = compute()
        self._known[key] = (value, int(self._taint.module != module_taint),
                            int(self._taint.app != app_taint))
        return value


class Resolver:  # pylint: disable=too-many-instance-attributes
    """Resolves expressions to references for one linted module; caches per module."""

    def __init__(
        self,
        current: nodes.Module,
        knowledge: Knowledge,
        global_lookups: dict[GlobalKey, Lookup],
        trees: Trees | None = None,
    ) -> None:
        self.current = current
        self.knowledge = knowledge
        self.taint = Taint()
        self.names = Names(global_lookups)
        self.project = Project(self, trees, self.taint)
        self.shapes = Shapes(self)
        self.states = States(self)
        self.app = Application(self, self.taint)
        self.flow = Flow(self)
        self.objects = Objects(self)
        self.calls = Calls(self)
        self.attributes = Attributes(self)
        # What local bindings and calls resolve to.
        self._memo: _Memo[Ref | None] = _Memo(self.taint)
        # Scripts a framework runs per session, by module name, and the globals of one
        # being resolved (a guard against ``items = items + [...]``).
        self._scripts: dict[str, bool | set[str]] = {}

    def runs_per_session(self, module: nodes.Module) -> bool:
        """Whether a framework runs the top level of ``module`` per session (a script)."""
        known = self._scripts.get(module.name)
        if known is None:
            known = self._scripts[module.name] = (
                set() if self.knowledge.runs_per_session(module) else False
            )
        return known is not False

    def close(self) -> None:
        """Drop the parts, which refer back to the resolver: freed without a collection."""
        del self.project, self.shapes, self.states, self.app, self.flow, self.objects
        del self.calls, self.attributes

    def resolve(self, expr: nodes.NodeNG, env: Env, depth: int = 0) -> Ref | None:
        """What ``expr``, evaluated in a function walked with ``env``, refers to."""
        if depth > MAX_ALIAS_DEPTH:
            return None
        if isinstance(expr, nodes.Name):
            return self._name(expr, env, depth)
        if isinstance(expr, nodes.Attribute):
            return self.attributes.resolve(expr, env, depth)
        if isinstance(expr, nodes.Subscript):
            base = self.resolve(expr.value, env, depth + 1)
            if isinstance(expr.slice, nodes.Slice):
                return view_of(base)  # ``items[:]``: a new list of the same elements
            member = self.app.keyed_member(base, expr.slice)
            return StateRef(member) if member is not None else element_of(base)
        if isinstance(expr, (nodes.Dict, nodes.List, nodes.Tuple, nodes.Set)):
            return self._unpacked(expr, env, depth)
        if isinstance(expr, nodes.Call):
            return self._memo.answer((expr, env, depth), lambda: self._call(expr, env, depth))
        if isinstance(expr, (nodes.ListComp, nodes.SetComp, nodes.GeneratorExp)):
            inner = self.resolve(expr.elt, env, depth + 1)
            if isinstance(inner, StateRef) and inner.element:
                return StateRef(inner.state, view=True)
            return None
        if isinstance(expr, nodes.NamedExpr):
            return self.resolve(expr.value, env, depth + 1)
        return None

    # -- callables (answered by :mod:`.calls`) ----------------------------------------

    def callee(self, func: nodes.NodeNG, env: Env, depth: int = 0) -> Callee | None:
        """The project function a call's ``func`` names: :meth:`.Calls.callee`."""
        return self.calls.callee(func, env, depth)

    def method_of(self, expr: nodes.NodeNG, name: str, env: Env) -> Callee | None:
        """The project method ``name`` called on what ``expr`` is: :meth:`.Calls.method_of`."""
        return self.calls.method_of(expr, name, env)

    def named_callable(self, name: nodes.Name) -> nodes.NodeNG | None:
        """The project function or class a name is bound to."""
        return self.calls.named_callable(name)

    # -- names ----------------------------------------------------------------------

    def _name(self, expr: nodes.Name, env: Env, depth: int) -> Ref | None:
        scope, bindings = self.names.lookup(expr)
        if not bindings:
            return None
        if isinstance(scope, nodes.Module):
            return self.resolve_module_binding(scope, expr.name, bindings)
        if not isinstance(scope, (nodes.FunctionDef, nodes.Lambda, nodes.ComprehensionScope)):
            return None
        if scope is not expr.scope() and not isinstance(scope, nodes.ComprehensionScope):
            # A variable of an enclosing function: what the caller that defined the inner
            # function bound it to, else what it holds when the inner function runs on
            # its own (a route defined in a factory or in a server's method).
            outer = env.get(expr.name)
            if outer is not None:
                return outer
            env = Env()
            binding = bindings[-1]
            if isinstance(binding, nodes.AssignName) and isinstance(binding.parent,
                                                                     nodes.Arguments):
                return self.flow.closure(binding, depth)
        for binding in reversed(bindings):
            ref = self._local_binding(binding, env, depth, expr.name)
            if ref is not None:
                return ref
        return None

    def _local_binding(
        self, binding: nodes.NodeNG, env: Env, depth: int, name: str
    ) -> Ref | None:
        """What a local binding holds, memoised: a local read many times in a function
        (``item = store.get(key)`` then ``item.x``, ``item.y``...) is resolved once per
        binding, bindings of the caller and depth."""
        return self._memo.answer((binding, env, depth),
                                 lambda: self._local_value(binding, env, depth, name))

    def _local_value(
        self, binding: nodes.NodeNG, env: Env, depth: int, name: str
    ) -> Ref | None:
        if isinstance(binding, (nodes.Import, nodes.ImportFrom)):
            return self.import_ref(binding, name)  # an import inside the function
        if not isinstance(binding, nodes.AssignName):
            return None
        parent = binding.parent
        if isinstance(parent, nodes.Arguments):
            return env.get(binding.name)
        loop = _loop_of_target(binding)
        if loop is not None:
            return element_of(self.resolve(loop.iter, env, depth + 1))
        value = astutil.assigned_value(binding)
        if value is None:
            return None
        return self.resolve(value, env, depth + 1)

    def resolve_module_binding(
        self, module: nodes.Module, name: str, bindings: list[nodes.NodeNG]
    ) -> Ref | None:
        """What the top level of ``module`` binds to ``name`` (its defining binding)."""
        binding = astutil.defining_binding(bindings)
        if isinstance(binding, (nodes.Import, nodes.ImportFrom)):
            return self.import_ref(binding, name)
        if isinstance(binding, nodes.ClassDef):
            return ClassRef(binding) if astutil.is_project_node(binding, self.current) else None
        if isinstance(binding, nodes.AssignName):
            if not astutil.is_project_module(module, self.current):
                return None
            if self.runs_per_session(module):
                return self._run_variable(module, binding, name)
            state = self.states.module_state(module, name)
            return StateRef(state) if state is not None else None
        return None

    def _run_variable(self, module: nodes.Module, binding: nodes.AssignName,
                      name: str) -> Ref | None:
        """A global of a script the framework runs per session: a variable of one run,
        which refers to state only through what it was assigned (``store =
        get_shared_store()``)."""
        resolving = self._scripts.get(module.name)
        if not isinstance(resolving, set) or name in resolving:
            return None  # ``items = items + [...]``: what it refers to is already known
        resolving.add(name)
        try:
            return self._local_binding(binding, Env(), 1, name)
        finally:
            resolving.discard(name)

    def import_ref(self, node: nodes.Import | nodes.ImportFrom, name: str) -> Ref | None:
        """What the name ``name`` bound by the import ``node`` refers to: a project module,
        class or state (None for a library)."""
        try:
            if isinstance(node, nodes.Import):
                project = self.project
                for modname, alias in node.names:
                    if alias == name:
                        return project.module_ref(project.import_project_module(node, modname))
                    if alias is None and modname.split(".")[0] == name:
                        return project.module_ref(project.import_project_module(node, name))
                return None
            imported = imported_name(node, name)
            if imported is None:
                return None
            qname = f"{node.modname}.{imported}"
            if qname in self.knowledge.app_globals:
                return StateRef(self.app.root(name))
            if qname in tables.PROCESS_GLOBALS:
                return StateRef(self.states.process_global(qname))
            module = self.project.import_project_module(node, node.modname)
            if module is None:
                return None
            bindings = module.locals.get(imported)
            if bindings and not self._imports_own_submodule(astutil.defining_binding(bindings),
                                                            module):
                return self.resolve_module_binding(module, imported, bindings)
            # ``from package import submodule``
            return self.project.module_ref(self.project.submodule(module, imported))
        except Exception:  # pylint: disable=broad-exception-caught
            return None

    @staticmethod
    def _imports_own_submodule(binding: nodes.NodeNG, package: nodes.Module) -> bool:
        """``from . import store`` in ``pkg/__init__.py``: the name is the submodule."""
        if not isinstance(binding, nodes.ImportFrom) or not package.package:
            return False
        if binding.root() is not package:
            return False
        try:
            absolute = (package.relative_to_absolute_name(binding.modname, binding.level)
                        if binding.level else binding.modname)
        except Exception:  # pylint: disable=broad-exception-caught
            return False
        return bool(absolute == package.name)

    def _unpacked(self, expr: nodes.NodeNG, env: Env, depth: int) -> Ref | None:
        """``{**settings}``, ``[*items]``: a copy of the container unpacked in it."""
        for element in (
            [value for key, value in expr.items if isinstance(key, nodes.DictUnpack)]
            if isinstance(expr, nodes.Dict)
            else [e.value for e in expr.elts if isinstance(e, nodes.Starred)]
        ):
            view = view_of(self.resolve(element, env, depth + 1))
            if view is not None:
                return view
        return None

    # -- calls ----------------------------------------------------------------------

    def _call(self, expr: nodes.Call, env: Env, depth: int) -> Ref | None:
        func = expr.func
        if (isinstance(func, (nodes.Name, nodes.Attribute)) and astutil.last_name(func) == "cast"
                and len(expr.args) == 2 and astutil.import_qname(func) == "typing.cast"):
            # ``cast("KernelManager", self.settings["kernel_manager"])``: the value, typed
            return self.objects.typed(self.resolve(expr.args[1], env, depth + 1), expr.args[0],
                                   expr.root())
        if isinstance(func, nodes.Name) and func.name in _VIEW_BUILTINS and expr.args:
            if astutil.import_qname(func) == f"builtins.{func.name}":
                source = expr.args[-1] if func.name == "filter" else expr.args[0]
                inner = self.resolve(source, env, depth + 1)
                if func.name == "next":
                    return element_of(inner)
                if isinstance(inner, StateRef) and (
                    inner.view or inner.element or inner.state.shape is Shape.CONTAINER
                ):
                    return StateRef(inner.state, view=True)
                return None
        if (isinstance(func, nodes.Attribute) and func.attrname == "copy" and not expr.args) or (
            astutil.import_qname(func) in _COPIES and expr.args
        ):
            source = func.expr if not expr.args else expr.args[0]
            return view_of(self.resolve(source, env, depth + 1))
        if isinstance(func, nodes.Attribute) and func.attrname == "get" and expr.args:
            singleton = self.objects.singleton(expr.args[0], env)
            if singleton is not None:
                return singleton  # ``injector.get(Service)`` for a ``@singleton`` class
        if isinstance(func, nodes.Attribute) and (
            func.attrname in tables.ELEMENT_METHODS or func.attrname in tables.VIEW_METHODS
        ):
            base = self.resolve(func.expr, env, depth + 1)
            if func.attrname in {"get", "setdefault"} and expr.args and (
                    astutil.const_str(expr.args[0]) is not None):
                # ``settings.get("cookie_options", {})``: the entry, as ``settings[...]``
                member = self.app.keyed_member(base, expr.args[0])
                if member is not None:
                    return StateRef(member)
            if isinstance(base, StateRef) and (
                base.element or base.state.shape is Shape.CONTAINER
            ):
                return StateRef(base.state, element=True)
            if (
                isinstance(base, StateRef)
                and func.attrname in tables.ELEMENT_METHODS
                and base.state.shape in (Shape.APP, Shape.NAMESPACE)
                and not base.view
            ):
                # ``current_app.config.setdefault("sessions", {})``: an entry of the
                # application's own mapping, shared like the mapping itself
                return StateRef(base.state, element=True)
        return self.flow.returned(expr, env, depth)


def view_of(ref: Ref | None) -> Ref | None:
    """A new container of the elements of what ``ref`` refers to (a copy): changing it
    changes no shared state, changing its elements does."""
    if isinstance(ref, StateRef) and (
        ref.element or ref.view or ref.state.shape is Shape.CONTAINER
    ):
        return StateRef(ref.state, view=True)
    return None


def element_of(ref: Ref | None) -> Ref | None:
    """Something stored in what ``ref`` refers to, if that is a container of state."""
    if isinstance(ref, StateRef) and (
        ref.element or ref.view or ref.state.shape is Shape.CONTAINER
    ):
        return StateRef(ref.state, element=True)
    return None


def _loop_of_target(binding: nodes.AssignName) -> nodes.For | nodes.Comprehension | None:
    """The loop whose target (or an element of a tuple target) is ``binding``."""
    node: nodes.NodeNG = binding
    while isinstance(node.parent, (nodes.Tuple, nodes.List, nodes.Starred)):
        node = node.parent
    parent = node.parent
    if isinstance(parent, (nodes.For, nodes.Comprehension)) and parent.target is node:
        return parent
    return None
