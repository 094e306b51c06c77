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

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from astroid import nodes

from pylint_stateless import knowledge as tables
from pylint_stateless.analysis import astutil
from pylint_stateless.analysis.application import Application
from pylint_stateless.analysis.flow import Flow
from pylint_stateless.analysis.model import (
    ClassRef,
    Env,
    ModuleRef,
    Ref,
    SelfRef,
    Shape,
    StateRef,
)
from pylint_stateless.analysis.names import GlobalKey, Lookup, Names
from pylint_stateless.analysis.project import Project, imported_name
from pylint_stateless.analysis.shapes import Shapes
from pylint_stateless.analysis.states import States

if TYPE_CHECKING:
    from pylint_stateless.analysis.session import Trees
    from pylint_stateless.knowledge import Knowledge

_MAX_ALIAS_DEPTH = 6
# Builtins that return a new container of the same elements, or one element.
_VIEW_BUILTINS = frozenset(
    {"list", "tuple", "sorted", "reversed", "filter", "set", "frozenset", "dict", "next"}
)
# ``copy.copy(items)``, ``items.copy()``: a new container of the same elements.
_COPIES = frozenset({"copy.copy"})
# ``request.app``, ``self.request.app``, ``self.application``: the request reaching the app.
_REQUEST_LIKE = re.compile(r"^(self\.)?(request|req|websocket|ws|scope|connection|conn|self)$")
_PROCESS_GLOBAL_ATTRS = frozenset(q.rsplit(".", 1)[-1] for q in tables.PROCESS_GLOBALS)

Callee = tuple[nodes.FunctionDef, Ref | None, bool]


@dataclass
class Taint:
    """Bumped whenever an answer depends on which module is being linted (``module``:
    its tree, an import of it) or on its setup of the application object only (``app``):
    the walker shares across modules only summaries computed without a bump."""

    module: int = 0
    app: int = 0


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
        # Classes known to be request-handler classes, by class (answers memoised).
        self._handler_classes: dict[nodes.ClassDef, bool] = {}
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
        del self.project, self.shapes, self.states, self.app, self.flow

    def resolve(self, expr: nodes.NodeNG, env: Env, depth: int = 0) -> Ref | None:
        """What ``expr``, evaluated in a function walked with ``env``, refers to."""
        if depth > _MAX_ALIAS_DEPTH:
            return None
        if isinstance(expr, nodes.Name):
            return self._name(expr, env, depth)
        if isinstance(expr, nodes.Attribute):
            return self._attribute(expr, env, depth)
        if isinstance(expr, nodes.Subscript):
            base = self.resolve(expr.value, env, depth + 1)
            if isinstance(expr.slice, nodes.Slice):
                return view_of(base)  # ``items[:]``: a new list of the same elements
            member = self.app.keyed_member(base, expr.slice)
            return StateRef(member) if member is not None else element_of(base)
        if isinstance(expr, (nodes.Dict, nodes.List, nodes.Tuple, nodes.Set)):
            return self._unpacked(expr, env, depth)
        if isinstance(expr, nodes.Call):
            return self._call(expr, env, depth)
        if isinstance(expr, (nodes.ListComp, nodes.SetComp, nodes.GeneratorExp)):
            inner = self.resolve(expr.elt, env, depth + 1)
            if isinstance(inner, StateRef) and inner.element:
                return StateRef(inner.state, view=True)
            return None
        if isinstance(expr, nodes.NamedExpr):
            return self.resolve(expr.value, env, depth + 1)
        return None

    # -- callables ------------------------------------------------------------------

    def callee(self, func: nodes.NodeNG, env: Env, depth: int = 0) -> Callee | None:
        """The project function a call's ``func`` names, read from the source.

        Returns (function, what ``self``/``cls`` is bound to, whether it is a method
        call); None when the callee is not project code or cannot be told without
        inference: a method of a local or of a parameter, a library call.
        """
        if isinstance(func, nodes.Name):
            return self._named_callee(func)
        if not isinstance(func, nodes.Attribute):
            return None
        if isinstance(func.expr, nodes.Call) and isinstance(func.expr.func, nodes.Name) and (
            func.expr.func.name == "super"
        ):
            return self._super_method(func, env)
        if depth > _MAX_ALIAS_DEPTH:
            return None
        base = self.resolve(func.expr, env, depth + 1)
        name = func.attrname
        if base is None and isinstance(func.expr, nodes.Call):
            made = self.callee(func.expr.func, env, depth + 1)  # ``Service().method()``
            if made is not None and isinstance(made[1], SelfRef) and made[0].name == "__init__":
                base = made[1]
            elif isinstance(func.expr.func, nodes.Name):
                cls = self.named_callable(func.expr.func)
                base = SelfRef(cls) if isinstance(cls, nodes.ClassDef) else None
        if isinstance(base, ModuleRef):
            target = self.project.module_callable(base.module, name)
            if isinstance(target, nodes.FunctionDef):
                return target, None, False
            if isinstance(target, nodes.ClassDef):
                init = self.project.find_method(target, "__init__")
                if init is not None:
                    return init, SelfRef(target), True
            return None
        return self._method(base, name)

    def method_of(self, expr: nodes.NodeNG, name: str, env: Env) -> Callee | None:
        """The project method ``name`` of what ``expr`` evaluates to, called on it:
        ``self.lock`` or ``Tracker(key)`` as the context manager of a ``with``."""
        base = self.resolve(expr, env)
        if base is None and isinstance(expr, nodes.Call):
            made = self.callee(expr.func, env)
            if made is not None and isinstance(made[1], SelfRef) and made[0].name == "__init__":
                base = made[1]
            elif isinstance(expr.func, nodes.Name):
                cls = self.named_callable(expr.func)  # a class without its own ``__init__``
                base = SelfRef(cls) if isinstance(cls, nodes.ClassDef) else None
        if isinstance(base, ClassRef):
            return None  # the class itself, not an instance of it
        return self._method(base, name)

    def _super_method(self, func: nodes.Attribute, env: Env) -> Callee | None:
        """``super().name(...)`` in a method: the next class's method, on the same object."""
        method = func.scope()
        cls = method.parent if isinstance(method, nodes.FunctionDef) else None
        if not isinstance(cls, nodes.ClassDef) or method.type != "method":
            return None
        params = [*method.args.posonlyargs, *method.args.args]
        if not params:
            return None
        target = self.project.find_method(cls, func.attrname, after=cls)
        if target is None or not astutil.is_project_node(target, self.current):
            return None
        return target, env.get(params[0].name) or SelfRef(cls), True

    def _named_callee(self, func: nodes.Name) -> Callee | None:
        target = self.named_callable(func)
        if isinstance(target, nodes.FunctionDef):
            return target, None, False
        if isinstance(target, nodes.ClassDef):
            init = self.project.find_method(target, "__init__")
            if init is not None and astutil.is_project_node(init, self.current):
                return init, SelfRef(target), True
        return None

    def _method(self, base: Ref | None, name: str) -> Callee | None:
        cls: nodes.ClassDef | None = None
        if isinstance(base, (ClassRef, SelfRef)):
            cls = base.cls
        elif isinstance(base, StateRef) and not base.element and base.state.shape in (
            Shape.INSTANCE, Shape.APP
        ):
            cls = base.state.cls
        elif isinstance(base, StateRef) and base.element and not base.view:
            cls = self.states.element_class(base.state)  # ``REGISTRY[name].run()``
        if cls is None:
            return None
        method = self.project.find_method(cls, name)
        if method is None or not astutil.is_project_node(method, self.current):
            return None
        if method.type == "staticmethod":
            return method, None, False
        if method.type == "classmethod":
            owner = method.parent if isinstance(method.parent, nodes.ClassDef) else cls
            return method, ClassRef(owner), True
        if isinstance(base, ClassRef):
            return method, None, True  # ``Cls.method(obj)``: self is the first argument
        return method, base, True

    def named_callable(self, name: nodes.Name) -> nodes.NodeNG | None:
        """The project function or class a name is bound to."""
        scope, bindings = self.names.lookup(name)
        if not bindings:
            return None
        binding = astutil.defining_binding(bindings)
        if isinstance(binding, (nodes.FunctionDef, nodes.ClassDef)):
            return binding if astutil.is_project_node(binding, self.current) else None
        if isinstance(binding, (nodes.Import, nodes.ImportFrom)) and isinstance(
            scope, nodes.Module
        ):
            ref = self._import(binding, name.name)
            if isinstance(ref, ClassRef):
                return ref.cls
            if isinstance(binding, nodes.ImportFrom):
                return self.project.imported_function(binding, name.name)
        return None

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
        if isinstance(binding, (nodes.Import, nodes.ImportFrom)):
            return self._import(binding, name)  # an import inside the function
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
            return self._import(binding, name)
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

    def _import(self, node: nodes.Import | nodes.ImportFrom, name: str) -> Ref | None:
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

    # -- attributes -----------------------------------------------------------------

    def _attribute(  # pylint: disable=too-many-return-statements
        self, expr: nodes.Attribute, env: Env, depth: int
    ) -> Ref | None:
        attr = expr.attrname
        holder = self.knowledge.handler_namespaces.get(attr)
        if attr in self.knowledge.app_objects or holder is not None:
            owner = self._request_like(expr.expr, env, depth)
            if owner is not None and holder is None:
                return StateRef(self.app.root(f"{owner}.{attr}"))
            if owner is not None:
                # ``self.settings``: the same namespace as ``self.application.settings``
                root = self.app.root(f"{owner}.{holder}")
                return StateRef(self.app.member(root, attr, namespace=True))
        if attr in _PROCESS_GLOBAL_ATTRS:
            qname = astutil.import_qname(expr)
            if qname in tables.PROCESS_GLOBALS:
                return StateRef(self.states.process_global(qname))
        base = self.resolve(expr.expr, env, depth + 1)
        if base is None:
            return None
        if isinstance(base, ModuleRef):
            bindings = base.module.locals.get(attr)
            if bindings:
                return self.resolve_module_binding(base.module, attr, bindings)
            return self.project.module_ref(self.project.submodule(base.module, attr))
        if isinstance(base, ClassRef):
            state = self.states.class_attr(base.cls, attr)
            return StateRef(state) if state is not None else None
        if isinstance(base, SelfRef):
            return self.self_attribute(base.cls, attr, depth) or self.flow.property_value(
                base.cls, attr, base, depth)
        return self._state_attribute(base, attr, depth)

    def _request_like(self, expr: nodes.NodeNG, env: Env, depth: int) -> str | None:
        """How ``expr`` names the request or its handler (``request``, ``self``), when it
        does: by its name, or because it is a handler passed on (``update(self)`` then
        ``app.settings`` in the callee)."""
        text = astutil.text(expr)
        if _REQUEST_LIKE.match(text):
            return text
        if isinstance(expr, nodes.Name) and depth <= _MAX_ALIAS_DEPTH:
            base = self.resolve(expr, env, depth + 1)
            if isinstance(base, SelfRef) and self._is_handler_class(base.cls):
                return "self"
        return None

    def _is_handler_class(self, cls: nodes.ClassDef) -> bool:
        """Whether ``cls`` derives from a framework's request-handler class."""
        known = self._handler_classes.get(cls)
        if known is None:
            bases = self.knowledge.entry_bases
            known = any(astutil.import_qname(base) in bases
                        for klass in self.project.mro(cls) for base in klass.bases)
            self._handler_classes[cls] = known
        return known

    def _state_attribute(self, base: StateRef, attr: str, depth: int) -> Ref | None:
        """``base.attr`` where ``base`` is (in) a piece of state."""
        if base.view:
            return None  # a method of the new container
        if base.element:
            return base
        state = base.state
        if state.shape is Shape.APP:
            if attr in self.knowledge.app_namespaces:
                return StateRef(self.app.member(state, attr, namespace=True))
            member = self.app.attribute(state, attr)
            return StateRef(member) if member is not None else None
        if state.shape is Shape.NAMESPACE:
            return StateRef(self.app.member(state, attr))
        if state.shape is Shape.INSTANCE and state.cls is not None:
            cls_ref = self.self_attribute(state.cls, attr, depth)
            if cls_ref is not None:
                return cls_ref
            if self.project.find_method(state.cls, attr) is not None:
                return self.flow.property_value(state.cls, attr, base, depth)
            attr_state = self.states.instance_attr(state, attr)
            return StateRef(attr_state) if attr_state is not None else None
        return None  # a container's method (handled by the caller), or not state

    def self_attribute(self, cls: nodes.ClassDef, attr: str, depth: int = 0) -> Ref | None:
        """``self.attr`` read through an instance: a class attribute unless shadowed, what a
        handler's setup method stored from the arguments of its route, or the piece of
        state every assignment of the attribute stores."""
        decls = self.project.instance_attr_decls(cls, attr)
        if decls:
            return self._handed_to_handler(cls, decls) or self._alias_of_shared(decls, depth)
        state = self.states.class_attr(cls, attr)
        if state is None:
            return None
        if state.shape is Shape.CONTAINER:
            return StateRef(state)
        # ``bot_manager = BotManager.instance()`` in the class body
        return self._alias_of_shared([d for d in cls.locals.get(attr, ())
                                      if isinstance(d, nodes.AssignName)], depth)

    def _alias_of_shared(self, decls: list[nodes.AssignAttr] | list[nodes.AssignName],
                         depth: int) -> Ref | None:
        """An attribute every assignment of which stores the same piece of state (``self.cache
        = CACHE``, ``self.manager = Manager.instance()``): another name for it."""
        found: StateRef | None = None
        for decl in decls:
            value = astutil.assigned_value(decl)
            if value is None:
                return None
            ref = self.resolve(value, Env(), depth + 1)
            if not isinstance(ref, StateRef) or ref.view or (found is not None and ref != found):
                return None
            found = ref
        return found

    def _handed_to_handler(
        self, cls: nodes.ClassDef, decls: list[nodes.AssignAttr]
    ) -> Ref | None:
        """``self._store = store`` in ``initialize(self, store)``: the object the route
        specification hands the handler (every assignment must agree)."""
        if not self.knowledge.route_arguments:
            return None
        found: Ref | None = None
        for decl in decls:
            value = astutil.assigned_value(decl)
            method = decl.frame()
            if not isinstance(value, nodes.Name) or not isinstance(method, nodes.FunctionDef):
                return None
            if value.name not in {p.name for p in method.args.args}:
                return None
            ref = self.flow.handler_argument(cls, method, value.name)
            if ref is None or (found is not None and found != ref):
                return None
            found = ref
        return found

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
            return self.flow.typed(self.resolve(expr.args[1], env, depth + 1), expr.args[0],
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
            singleton = self.flow.singleton(expr.args[0], env)
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
