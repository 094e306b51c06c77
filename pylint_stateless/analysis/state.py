"""What a piece of shared state is, and what an expression on the request path refers to.

A :class:`State` is process-wide: a module-level name, an attribute of a
long-lived instance, or a class attribute.  :class:`Resolver` maps expressions
met while walking request-serving code to references (:data:`Ref`): a state or
something stored in it, a project module, a class, or a per-request ``self``.

Names are resolved through astroid's scope lookup (so aliases, ``global``,
imports and parameters bound by the caller are all followed to the defining
assignment); what the defining assignment holds is decided by inference of the
assigned value, with an import-name fallback when inference fails.
"""

from __future__ import annotations

import enum
import re
import sys
from dataclasses import dataclass, field

import astroid
from astroid import bases, nodes
from pylint.interfaces import HIGH, INFERENCE, INFERENCE_FAILURE, Confidence

from pylint_stateless import knowledge
from pylint_stateless.analysis import astutil, outline

_MAX_ALIAS_DEPTH = 6
_STDLIB = frozenset(getattr(sys, "stdlib_module_names", ()))
# Builtins that return a new container of the same elements, or one element.
_VIEW_BUILTINS = frozenset({"list", "tuple", "sorted", "reversed", "filter", "set", "next"})
# ``request.app``, ``self.request.app``, ``self.application``: the request reaching the app.
_REQUEST_LIKE = re.compile(r"^(self\.)?(request|req|websocket|ws|scope|connection|conn|self)$")
# Mutable globals of the standard library: one per process, changed for every thread.
PROCESS_GLOBALS = {"os.environ": "mapping"}
_PROCESS_GLOBAL_ATTRS = frozenset(q.rsplit(".", 1)[-1] for q in PROCESS_GLOBALS)
# Module-level objects of the frameworks that are the application, or its configuration.
APP_GLOBALS = frozenset(
    {"flask.current_app", "quart.current_app", "django.conf.settings", "sanic.Sanic.get_app"}
)


class Shape(enum.Enum):
    CONTAINER = "container"  # dict, list, set, ... created in this process
    INSTANCE = "instance"  # an instance of a class of the analysed project
    RESOURCE = "resource"  # lock, client, pool, logger: per process by design
    APP = "application"  # a framework's application object (a mapping in aiohttp)
    NAMESPACE = "namespace"  # ``app.state``, ``app.ctx``, ``app.config``: shared attributes
    OTHER = "other"  # scalars, None, library objects, unknown


class StateKind(enum.Enum):
    MODULE = "module"
    ATTRIBUTE = "attribute"
    CLASS = "class"
    APP = "app"  # the application object and what hangs off it


@dataclass(frozen=True, slots=True)
class Evidence:
    """How sure we are of a fact: the weakest step decides."""

    confidence: Confidence = HIGH

    @staticmethod
    def weakest(*confidences: Confidence) -> Confidence:
        order = (HIGH, INFERENCE, INFERENCE_FAILURE)
        return max(confidences, key=order.index, default=HIGH)


@dataclass(eq=False, slots=True)
class State:
    """One piece of process-wide state."""

    kind: StateKind
    name: str  # as shown to users: 'users', 'service.carts', 'Registry.items'
    module: str  # qualified name of the module that defines it
    line: int
    shape: Shape
    type_name: str  # 'dict', 'defaultdict', 'CartService instance', ...
    key: tuple[str, ...]
    confidence: Confidence = HIGH
    decl: nodes.NodeNG | None = None  # the defining assignment target
    cls: nodes.ClassDef | None = None  # for INSTANCE: the instance's class
    owner: State | None = None  # for ATTRIBUTE: the shared instance
    qualified_type: str | None = None  # e.g. 'cachetools.TTLCache'
    values: tuple[nodes.NodeNG, ...] = ()  # expressions assigned where it is defined
    leaf: str = ""  # the last name: 'carts' for 'service.carts', 'ws' for "app['ws']"
    # Read from disk (analysis/persist.py), without the nodes: what they would tell,
    # (annotation text, class name, whether the framework holds the instance).
    stored: tuple[str, str, bool] | None = None

    def __hash__(self) -> int:
        return hash(self.key)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, State) and other.key == self.key

    @property
    def attr(self) -> str:
        return self.leaf or self.name.rsplit(".", 1)[-1]

    def annotation(self) -> str:
        """The annotation of the defining assignment (``users: dict[str, WebSocket] = {}``)."""
        if self.stored is not None:
            return self.stored[0]
        parent = getattr(self.decl, "parent", None)
        if isinstance(parent, nodes.AnnAssign):
            return astutil.text(parent.annotation)
        return ""

    def class_name(self) -> str:
        """For an instance: the name of its class."""
        if self.stored is not None:
            return self.stored[1]
        return self.cls.name if self.cls is not None else ""

    def held_by_framework(self) -> bool:
        """An instance the framework creates and shares (declared by its class)."""
        if self.stored is not None:
            return self.stored[2]
        return isinstance(self.decl, nodes.ClassDef)


# --- references ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StateRef:
    """The state itself, or (``element``) something stored inside it, or (``view``) a new
    container whose elements are stored in it (``[t for t in tasks if ...]``)."""

    state: State
    element: bool = False
    view: bool = False


@dataclass(frozen=True, slots=True)
class ModuleRef:
    module: nodes.Module


@dataclass(frozen=True, slots=True)
class ClassRef:
    cls: nodes.ClassDef


@dataclass(frozen=True, slots=True)
class SelfRef:
    """``self`` of an instance that is not shared: only class attributes are state."""

    cls: nodes.ClassDef


Ref = StateRef | ModuleRef | ClassRef | SelfRef


@dataclass(frozen=True, slots=True)
class Env:
    """What the caller bound to the parameters of the function being walked."""

    bindings: tuple[tuple[str, Ref], ...] = ()

    def get(self, name: str) -> Ref | None:
        for key, value in self.bindings:
            if key == name:
                return value
        return None

    @staticmethod
    def of(mapping: dict[str, Ref]) -> Env:
        return Env(tuple(sorted(mapping.items(), key=lambda item: item[0])))


@dataclass(eq=False, repr=False)
class Resolver:
    """Resolves expressions to references; caches per linted module."""

    current: nodes.Module
    extra_resources: frozenset[str] = frozenset()
    app_classes: frozenset[str] = frozenset()  # application classes of enabled frameworks
    app_objects: frozenset[str] = frozenset()  # ``request.<name>`` reaching the application
    app_namespaces: frozenset[str] = frozenset()  # ``app.<name>`` holding shared attributes
    # Other project modules are read through :mod:`.outline` (trees kept between runs,
    # astroid's only if pylint built them): for runs where pylint lints only the current
    # module (``--from-stdin``).
    outlines: bool = False
    # Bumped whenever an answer depends on which module is being linted (the application
    # object's setup in it, an import of it): the walker shares across modules only
    # summaries computed without a bump (see walker.SummaryStore).
    taint: int = 0
    # Bumped whenever an answer depends on the linted module's setup of the application
    # object only (``app['ws'] = WeakSet()``): see :meth:`app_setup_signature`.
    app_taint: int = 0
    _app_setup: dict[str, list[nodes.NodeNG]] | None = None
    module_states: dict[tuple[str, str], State | None] = field(default_factory=dict)
    attr_states: dict[tuple[str, ...], State | None] = field(default_factory=dict)
    shapes: dict[int, tuple[Shape, str, Confidence, nodes.ClassDef | None, str | None]] = field(
        default_factory=dict
    )
    mros: dict[int, list[nodes.ClassDef]] = field(default_factory=dict)
    imports: dict[str, nodes.Module | None] = field(default_factory=dict)
    # astroid's scope lookups, a pure function of the trees: of each name node for this
    # module's walk, and of each global read in a top-level function or class body
    # (:func:`global_lookup_key`) for every module's resolver in a run (the checker
    # passes one dict for the run). Only the second kind outlives the module: the
    # per-node answers are many and rarely asked again from another module.
    lookups: dict[nodes.NodeNG, tuple[nodes.NodeNG | None, list]] = field(default_factory=dict)
    global_lookups: dict[tuple[nodes.Module, str], tuple[nodes.NodeNG | None, list]] = field(
        default_factory=dict
    )

    # -- public ---------------------------------------------------------------------

    def resolve(self, expr: nodes.NodeNG, env: Env, depth: int = 0) -> Ref | None:
        """What ``expr``, evaluated in a function walked with ``env``, refers to."""
        if depth > _MAX_ALIAS_DEPTH:
            return None
        if isinstance(expr, nodes.Name):
            return self._resolve_name(expr, env, depth)
        if isinstance(expr, nodes.Attribute):
            return self._resolve_attribute(expr, env, depth)
        if isinstance(expr, nodes.Subscript):
            base = self.resolve(expr.value, env, depth + 1)
            member = self.keyed_member(base, expr.slice)
            return StateRef(member) if member is not None else _element_of(base)
        if isinstance(expr, nodes.Call):
            return self._resolve_call(expr, env, depth)
        if isinstance(expr, (nodes.ListComp, nodes.SetComp, nodes.GeneratorExp)):
            inner = self.resolve(expr.elt, env, depth + 1)
            if isinstance(inner, StateRef) and inner.element:
                return StateRef(inner.state, view=True)
            return None
        if isinstance(expr, nodes.Await):
            return None
        if isinstance(expr, nodes.NamedExpr):
            return self.resolve(expr.value, env, depth + 1)
        return None

    def module_state(self, module: nodes.Module, name: str) -> State | None:
        """The state bound to ``name`` at the top level of ``module`` (None if not state)."""
        key = (module.name, name)
        if key in self.module_states:
            return self.module_states[key]
        self.module_states[key] = None  # guards against recursive definitions
        state = self._build_module_state(module, name)
        self.module_states[key] = state
        return state

    def instance_attr_state(self, owner: State, attr: str) -> State | None:
        """``owner.attr`` where ``owner`` is a shared instance of a project class."""
        cls = owner.cls
        if cls is None:
            return None
        key = (*owner.key, "." + attr)
        if key in self.attr_states:
            return self.attr_states[key]
        decls = self.instance_attr_decls(cls, attr)
        shape, type_name, confidence, _, qtype = self._shape_of_decls(decls)
        first = decls[0] if decls else None
        state = State(
            kind=StateKind.ATTRIBUTE,
            name=f"{owner.name}.{attr}",
            module=owner.module,
            line=first.lineno if first is not None else owner.line,
            shape=shape,
            type_name=type_name,
            key=key,
            confidence=confidence,
            decl=first,
            owner=owner,
            qualified_type=qtype,
            values=tuple(v for d in decls if (v := astutil.assigned_value(d)) is not None)
            if decls
            else (),
        )
        self.attr_states[key] = state
        return state

    def class_attr_state(self, cls: nodes.ClassDef, attr: str) -> State | None:
        """``Cls.attr`` when ``attr`` is defined in the body of ``cls`` or a project base."""
        owner = self.class_defining(cls, attr)
        if owner is None or not astutil.is_project_node(owner, self.current):
            return None
        key = ("class", owner.qname(), attr)
        if key in self.attr_states:
            return self.attr_states[key]
        decls = [n for n in owner.locals.get(attr, []) if isinstance(n, nodes.AssignName)]
        shape, type_name, confidence, _, qtype = self._shape_of_decls(decls)
        state = State(
            kind=StateKind.CLASS,
            name=f"{owner.name}.{attr}",
            module=owner.root().name,
            line=decls[0].lineno if decls else owner.lineno,
            shape=shape,
            type_name=type_name,
            key=key,
            confidence=confidence,
            decl=decls[0] if decls else None,
            qualified_type=qtype,
            values=tuple(v for d in decls if (v := astutil.assigned_value(d)) is not None),
        )
        self.attr_states[key] = state
        return state

    def _pseudo_state(self, key: tuple[str, ...], **fields: object) -> State:
        """A state that no single assignment defines, made once per key."""
        state = self.attr_states.get(key)
        if state is None:
            state = self.attr_states[key] = State(key=key, **fields)  # type: ignore[arg-type]
        return state

    def process_global(self, qname: str) -> State:
        """A mutable global of the standard library, such as ``os.environ``."""
        return self._pseudo_state(
            ("process", qname), kind=StateKind.MODULE, name=qname,
            module=qname.rsplit(".", 1)[0], line=0, shape=Shape.CONTAINER,
            type_name=PROCESS_GLOBALS[qname], confidence=HIGH, leaf=qname,
        )

    def memoised_state(self, func: nodes.FunctionDef) -> State:
        """The result that ``@lru_cache`` keeps for a function without parameters."""
        return self._pseudo_state(
            ("memoised", func.root().name, func.qname()), kind=StateKind.MODULE,
            name=func.name, module=func.root().name, line=func.lineno, shape=Shape.OTHER,
            type_name="cached result", decl=func,
        )

    def shared_instance_state(self, cls: nodes.ClassDef, label: str) -> State:
        """A pseudo-state for an instance the framework keeps for the whole process."""
        return self._pseudo_state(
            ("instance", cls.qname(), label), kind=StateKind.MODULE, name=label,
            module=cls.root().name, line=cls.lineno, shape=Shape.INSTANCE,
            type_name=f"{cls.name} instance", confidence=INFERENCE, decl=cls, cls=cls,
        )

    def value_shape(
        self, value: nodes.NodeNG
    ) -> tuple[Shape, str, Confidence, nodes.ClassDef | None, str | None]:
        """Shape of the object an expression creates, with display and qualified type."""
        cached = self.shapes.get(id(value))
        if cached is not None:
            return cached
        result = self._value_shape(value, 0)
        self.shapes[id(value)] = result
        return result

    # -- classes, read from the source ------------------------------------------------

    def project_mro(self, cls: nodes.ClassDef) -> list[nodes.ClassDef]:
        """``cls`` and its base classes that belong to the project, nearest first.

        Bases are resolved by scope lookup and imports, not inference, so that a model
        deriving from a library class never makes astroid build that library.
        """
        cached = self.mros.get(id(cls))
        if cached is not None:
            return cached
        order: list[nodes.ClassDef] = []
        stack = [cls]
        while stack and len(order) < 32:
            klass = stack.pop(0)
            if any(k is klass for k in order):
                continue
            order.append(klass)
            for base in klass.bases:
                ref = self.resolve(base, Env())
                if isinstance(ref, ClassRef):
                    stack.append(ref.cls)
        self.mros[id(cls)] = order
        return order

    def find_method(self, cls: nodes.ClassDef, name: str) -> nodes.FunctionDef | None:
        for klass in self.project_mro(cls):
            bindings = klass.locals.get(name)
            if bindings:
                node = bindings[0]
                return node if isinstance(node, nodes.FunctionDef) else None
        return None

    def class_defining(self, cls: nodes.ClassDef, attr: str) -> nodes.ClassDef | None:
        """The project class whose body assigns ``attr`` (None for methods)."""
        for klass in self.project_mro(cls):
            bindings = klass.locals.get(attr)
            if bindings:
                if any(isinstance(b, nodes.AssignName) for b in bindings):
                    return klass
                return None
        return None

    def instance_attr_decls(self, cls: nodes.ClassDef, attr: str) -> list[nodes.AssignAttr]:
        for klass in self.project_mro(cls):
            decls = klass.instance_attrs.get(attr)
            if decls:
                return [d for d in decls if isinstance(d, nodes.AssignAttr)]
        return []

    def callee(
        self, func: nodes.NodeNG, env: Env
    ) -> tuple[nodes.FunctionDef, Ref | None, bool] | None:
        """The project function a call's ``func`` names, read from the source.

        Returns (function, what ``self``/``cls`` is bound to, whether it is a method
        call); None when the callee is not project code or cannot be told without
        inference: a method of a local or of a parameter, a library call.
        """
        if isinstance(func, nodes.Name):
            target = self._named_callable(func)
            if isinstance(target, nodes.FunctionDef):
                return target, None, False
            if isinstance(target, nodes.ClassDef):
                init = self.find_method(target, "__init__")
                if init is not None and astutil.is_project_node(init, self.current):
                    return init, SelfRef(target), True
            return None
        if not isinstance(func, nodes.Attribute):
            return None
        base = self.resolve(func.expr, env)
        name = func.attrname
        if base is None and isinstance(func.expr, nodes.Call):
            made = self.callee(func.expr.func, env)  # ``Service().method()``
            if made is not None and isinstance(made[1], SelfRef) and made[0].name == "__init__":
                base = made[1]
            elif isinstance(func.expr.func, nodes.Name):
                cls = self._named_callable(func.expr.func)
                base = SelfRef(cls) if isinstance(cls, nodes.ClassDef) else None
        if isinstance(base, ModuleRef):
            target = self._module_callable(base.module, name)
            if isinstance(target, nodes.FunctionDef):
                return target, None, False
            if isinstance(target, nodes.ClassDef):
                init = self.find_method(target, "__init__")
                if init is not None:
                    return init, SelfRef(target), True
            return None
        cls: nodes.ClassDef | None = None
        receiver: Ref | None = base
        if isinstance(base, ClassRef):
            cls = base.cls
        elif isinstance(base, SelfRef):
            cls = base.cls
        elif isinstance(base, StateRef) and not base.element and base.state.shape is Shape.INSTANCE:
            cls = base.state.cls
        if cls is None:
            return None
        method = self.find_method(cls, name)
        if method is None or not astutil.is_project_node(method, self.current):
            return None
        if method.type == "staticmethod":
            return method, None, False
        if method.type == "classmethod":
            owner = method.parent if isinstance(method.parent, nodes.ClassDef) else cls
            return method, ClassRef(owner), True
        if isinstance(base, ClassRef):
            return method, None, True  # ``Cls.method(obj)``: self is the first argument
        return method, receiver, True

    def _named_callable(self, name: nodes.Name) -> nodes.NodeNG | None:
        scope, bindings = self.lookup(name)
        if not bindings:
            return None
        binding = bindings[-1]
        if isinstance(binding, (nodes.FunctionDef, nodes.ClassDef)):
            return binding if astutil.is_project_node(binding, self.current) else None
        if isinstance(binding, (nodes.Import, nodes.ImportFrom)) and isinstance(
            scope, nodes.Module
        ):
            ref = self._resolve_import(binding, name.name)
            if isinstance(ref, ClassRef):
                return ref.cls
            if isinstance(binding, nodes.ImportFrom):
                return self._imported_function(binding, name.name)
        return None

    def _imported_function(self, node: nodes.ImportFrom, name: str) -> nodes.NodeNG | None:
        imported = _imported_name(node, name)
        module = self.import_project_module(node, node.modname) if imported else None
        return self._module_callable(module, imported) if module and imported else None

    def _module_callable(self, module: nodes.Module, name: str, depth: int = 0) -> nodes.NodeNG | None:
        bindings = module.locals.get(name)
        if not bindings or depth > 3:
            return None
        binding = bindings[-1]
        if isinstance(binding, (nodes.FunctionDef, nodes.ClassDef)):
            return binding
        if isinstance(binding, nodes.ImportFrom):  # a re-export
            for imported, alias in binding.names:
                if (alias or imported) == name:
                    other = self.import_project_module(binding, binding.modname)
                    if other is not None:
                        return self._module_callable(other, imported, depth + 1)
        return None

    # -- the application object -------------------------------------------------------

    def app_root(self, label: str) -> State:
        """The application object reached as ``label`` (``request.app``, ``current_app``)."""
        self.app_taint += 1
        return self._pseudo_state(
            ("app", label), kind=StateKind.APP, name=label, module=self.current.name, line=0,
            shape=Shape.APP, type_name="application object", confidence=INFERENCE_FAILURE,
            leaf=label.rsplit(".", 1)[-1],
        )

    def app_member(  # pylint: disable=too-many-arguments,too-many-positional-arguments
        self, parent: State, member: str, namespace: bool = False, keyed: bool = False,
        quoted: bool = True,
    ) -> State:
        """``app.state`` (a namespace), ``app.state.visits`` or ``app['ws']`` (a member)."""
        self.app_taint += 1
        if keyed:
            name = f"{parent.name}[{member!r}]" if quoted else f"{parent.name}[{member}]"
        else:
            name = f"{parent.name}.{member}"
        key = (*parent.key, member)
        state = self.attr_states.get(key)
        if state is not None:
            return state
        if namespace:
            shape, type_name, confidence, qtype = Shape.NAMESPACE, "namespace", HIGH, None
        else:
            shape, type_name, confidence, qtype = self._app_member_shape(member)
        state = State(
            kind=StateKind.APP, name=name, module=parent.module, line=0, shape=shape,
            type_name=type_name, key=key, confidence=Evidence.weakest(
                parent.confidence, confidence
            ),
            owner=parent, qualified_type=qtype, leaf=member,
        )
        self.attr_states[key] = state
        return state

    def keyed_member(self, base: Ref | None, key: nodes.NodeNG) -> State | None:
        """``app['ws']`` or ``current_app.config['DEBUG']``: the member under a literal key."""
        if not isinstance(base, StateRef) or base.element:
            return None
        if base.state.shape not in (Shape.APP, Shape.NAMESPACE):
            return None
        member = astutil.const_str(key)
        if member is None and isinstance(key, (nodes.Name, nodes.Attribute)):
            # ``request.app[ws_key]`` with a typed ``web.AppKey``: named by the expression
            return self.app_member(base.state, astutil.text(key), keyed=True, quoted=False)
        if member is None:
            return None
        return self.app_member(base.state, member, keyed=True)

    def _app_member_shape(self, member: str) -> tuple[Shape, str, Confidence, str | None]:
        """What a member of the application holds: from where the module sets it up,
        else from its name."""
        for value in self._app_setup_values().get(member, []):
            shape, type_name, confidence, _, qtype = self.value_shape(value)
            if shape is not Shape.OTHER:
                return shape, type_name, confidence, qtype
        if knowledge.DATA_NAME_RE.search(member) and not knowledge.RESOURCE_NAME_RE.search(
            member
        ):
            return Shape.CONTAINER, "container", INFERENCE_FAILURE, None
        return Shape.OTHER, "value", HIGH, None

    def _app_setup_values(self) -> dict[str, list[nodes.NodeNG]]:
        """``app['ws'] = WeakSet()`` and ``app.state.cache = {}`` anywhere in the module."""
        self.app_taint += 1
        if self._app_setup is None:
            found: dict[str, list[nodes.NodeNG]] = {}
            for assign in self.current.nodes_of_class(nodes.Assign):
                for target in assign.targets:
                    if isinstance(target, nodes.Subscript):
                        member = astutil.const_str(target.slice)
                    elif isinstance(target, nodes.AssignAttr) and isinstance(
                        target.expr, nodes.Attribute
                    ) and target.expr.attrname in self.app_namespaces:
                        member = target.attrname
                    else:
                        member = None
                    if member is not None:
                        found.setdefault(member, []).append(assign.value)
            self._app_setup = found
        return self._app_setup

    def app_setup_signature(self) -> str:
        """The application setup of the linted module, as text: what a summary that reads
        only that setup depends on."""
        setup = self._app_setup_values()
        return repr((self.current.name, sorted(
            (member, [astutil.text(v) for v in values]) for member, values in setup.items()
        )))

    # -- names ----------------------------------------------------------------------

    def lookup(self, name: nodes.Name | nodes.AssignName) -> tuple[nodes.NodeNG | None, list]:
        """astroid's scope lookup of a name, once per node (once per module and name for
        a global read in a function body: see :func:`global_lookup_key`)."""
        cached = self.lookups.get(name)
        if cached is None:
            key = global_lookup_key(name)
            cached = self.global_lookups.get(key) if key is not None else local_lookup(name)
            if cached is None:
                try:
                    scope, bindings = name.lookup(name.name)
                    cached = (scope, list(bindings))
                except Exception:  # pylint: disable=broad-exception-caught
                    cached = (None, [])
                if key is not None:
                    self.global_lookups[key] = cached
            self.lookups[name] = cached
        return cached

    def _resolve_name(self, expr: nodes.Name, env: Env, depth: int) -> Ref | None:
        scope, bindings = self.lookup(expr)
        if not bindings:
            return None
        if isinstance(scope, nodes.Module):
            return self._resolve_module_binding(scope, expr.name, bindings)
        if not isinstance(scope, (nodes.FunctionDef, nodes.Lambda, nodes.ComprehensionScope)):
            return None
        if scope is not expr.scope() and not isinstance(scope, nodes.ComprehensionScope):
            # A closure variable of an enclosing function: per-request unless it
            # resolves to state itself.
            env = Env()
        for binding in reversed(bindings):
            ref = self._resolve_local_binding(binding, env, depth, expr.name)
            if ref is not None:
                return ref
        return None

    def _resolve_local_binding(
        self, binding: nodes.NodeNG, env: Env, depth: int, name: str
    ) -> Ref | None:
        if isinstance(binding, (nodes.Import, nodes.ImportFrom)):
            return self._resolve_import(binding, name)  # an import inside the function
        if not isinstance(binding, nodes.AssignName):
            return None
        parent = binding.parent
        if isinstance(parent, nodes.Arguments):
            return env.get(binding.name)
        loop = _loop_of_target(binding)
        if loop is not None:
            return _element_of(self.resolve(loop.iter, env, depth + 1))
        value = astutil.assigned_value(binding)
        if value is None:
            return None
        return self.resolve(value, env, depth + 1)

    def _resolve_module_binding(
        self, module: nodes.Module, name: str, bindings: list[nodes.NodeNG]
    ) -> Ref | None:
        binding = bindings[-1]
        if isinstance(binding, (nodes.Import, nodes.ImportFrom)):
            return self._resolve_import(binding, name)
        if isinstance(binding, nodes.ClassDef):
            return ClassRef(binding) if astutil.is_project_node(binding, self.current) else None
        if isinstance(binding, nodes.AssignName):
            if not astutil.is_project_module(module, self.current):
                return None
            state = self.module_state(module, name)
            return StateRef(state) if state is not None else None
        return None

    def _resolve_import(self, node: nodes.Import | nodes.ImportFrom, name: str) -> Ref | None:
        try:
            if isinstance(node, nodes.Import):
                for modname, alias in node.names:
                    if alias == name:
                        return self._module_ref(self.import_project_module(node, modname))
                    if alias is None and modname.split(".")[0] == name:
                        return self._module_ref(self.import_project_module(node, name))
                return None
            imported = _imported_name(node, name)
            if imported is None:
                return None
            qname = f"{node.modname}.{imported}"
            if qname in APP_GLOBALS:
                return StateRef(self.app_root(name))
            if qname in PROCESS_GLOBALS:
                return StateRef(self.process_global(qname))
            module = self.import_project_module(node, node.modname)
            if module is None:
                return None
            if imported in module.locals:
                return self._resolve_module_binding(module, imported, module.locals[imported])
            # ``from package import submodule``
            return self._module_ref(self._submodule(module, imported))
        except Exception:  # pylint: disable=broad-exception-caught
            return None

    def import_project_module(
        self, node: nodes.Import | nodes.ImportFrom, modname: str
    ) -> nodes.Module | None:
        """The module an import names, if it is project code; None for the standard
        library and installed packages, which are located but never built."""
        root = node.root()
        level = getattr(node, "level", None)
        try:
            absolute = root.relative_to_absolute_name(modname, level) if level else modname
        except Exception:  # pylint: disable=broad-exception-caught
            return None
        return self.project_module(absolute)

    def project_module(self, absolute: str) -> nodes.Module | None:
        """The project module named ``absolute``.

        Looked up on ``sys.path`` only, as Python 3 imports: an ``import redis`` next to a
        ``redis.py`` of the project is the installed package, not that file.
        """
        if absolute == self.current.name:
            self.taint += 1
            return self.current
        if absolute in self.imports:
            return self.imports[absolute]
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
        self.imports[absolute] = module
        return module

    def _build(self, absolute: str, location: str) -> nodes.Module | None:
        """The tree of a project module: astroid's, or one kept by :mod:`.outline`.

        With outlines on, the tree kept from an earlier run of the process is taken
        while its file is unchanged; else astroid's, if pylint's own checkers built it in
        this run; else an outline. Kept trees outlive astroid's cache, and with them the
        summaries read from them (walker.SummaryStore).
        """
        if self.outlines and location.endswith(".py"):
            built = astroid.MANAGER.astroid_cache.get(absolute)
            if built is not None and built.file != location:
                built = None
            module = outline.outline(location, absolute, built)
            if module is not None:
                return module
        return astroid.MANAGER.ast_from_module_name(absolute)

    def _submodule(self, package: nodes.Module, name: str) -> nodes.Module | None:
        """``from package import submodule``: the submodule, if it is project code."""
        if not package.package:
            return None
        return self.project_module(f"{package.name}.{name}")

    def _module_ref(self, module: nodes.Module | None) -> ModuleRef | None:
        if module is None or not astutil.is_project_module(module, self.current):
            return None
        return ModuleRef(module)

    # -- attributes -----------------------------------------------------------------

    def _resolve_attribute(  # pylint: disable=too-many-return-statements
        self, expr: nodes.Attribute, env: Env, depth: int
    ) -> Ref | None:
        attr = expr.attrname
        if attr in self.app_objects and _REQUEST_LIKE.match(astutil.text(expr.expr)):
            return StateRef(self.app_root(astutil.text(expr)))
        if attr in _PROCESS_GLOBAL_ATTRS and astutil.import_qname(expr) in PROCESS_GLOBALS:
            return StateRef(self.process_global(astutil.import_qname(expr) or ""))
        base = self.resolve(expr.expr, env, depth + 1)
        if base is None:
            return None
        if isinstance(base, ModuleRef):
            module = base.module
            bindings = module.locals.get(attr)
            if bindings:
                return self._resolve_module_binding(module, attr, bindings)
            return self._module_ref(self._submodule(module, attr))
        if isinstance(base, ClassRef):
            state = self.class_attr_state(base.cls, attr)
            return StateRef(state) if state is not None else None
        if isinstance(base, SelfRef):
            return self._self_attribute(base.cls, attr)
        if base.view:
            return None  # a method of the new container
        if base.element:
            return base
        state = base.state
        if state.shape is Shape.APP:
            if attr in self.app_namespaces:
                return StateRef(self.app_member(state, attr, namespace=True))
            return None
        if state.shape is Shape.NAMESPACE:
            return StateRef(self.app_member(state, attr))
        if state.shape is Shape.INSTANCE and state.cls is not None:
            cls_ref = self._self_attribute(state.cls, attr)
            if cls_ref is not None:
                return cls_ref
            if self.find_method(state.cls, attr) is not None:
                return None
            attr_state = self.instance_attr_state(state, attr)
            return StateRef(attr_state) if attr_state is not None else None
        if state.shape is Shape.CONTAINER:
            return None  # a method of the container, handled by the caller
        return None

    def _self_attribute(self, cls: nodes.ClassDef, attr: str) -> Ref | None:
        """``self.attr`` read through an instance: a class attribute unless shadowed."""
        if self.instance_attr_decls(cls, attr):
            return None
        state = self.class_attr_state(cls, attr)
        if state is None or state.shape is not Shape.CONTAINER:
            return None
        return StateRef(state)

    # -- calls ----------------------------------------------------------------------

    def _resolve_call(self, expr: nodes.Call, env: Env, depth: int) -> Ref | None:
        func = expr.func
        if isinstance(func, nodes.Name) and func.name in _VIEW_BUILTINS and expr.args:
            if astutil.import_qname(func) == f"builtins.{func.name}":
                source = expr.args[-1] if func.name == "filter" else expr.args[0]
                inner = self.resolve(source, env, depth + 1)
                if func.name == "next":
                    return _element_of(inner)
                if isinstance(inner, StateRef) and (
                    inner.view or inner.element or inner.state.shape is Shape.CONTAINER
                ):
                    return StateRef(inner.state, view=True)
                return None
        if isinstance(func, nodes.Attribute) and (
            func.attrname in knowledge.ELEMENT_METHODS
            or func.attrname in knowledge.VIEW_METHODS
        ):
            base = self.resolve(func.expr, env, depth + 1)
            if isinstance(base, StateRef) and (
                base.element or base.state.shape is Shape.CONTAINER
            ):
                return StateRef(base.state, element=True)
            if (
                isinstance(base, StateRef)
                and func.attrname in knowledge.ELEMENT_METHODS
                and base.state.shape in (Shape.APP, Shape.NAMESPACE)
                and not base.view
            ):
                # ``current_app.config.setdefault("sessions", {})``: an entry of the
                # application's own mapping, shared like the mapping itself
                return StateRef(base.state, element=True)
        return None

    # -- what a definition holds ------------------------------------------------------

    def _build_module_state(self, module: nodes.Module, name: str) -> State | None:
        decls = [n for n in module.locals.get(name, []) if isinstance(n, nodes.AssignName)]
        if not decls:
            return None
        shape, type_name, confidence, cls, qtype = self._shape_of_decls(decls)
        module_level = [d for d in decls if d.scope() is module] or decls
        return State(
            kind=StateKind.MODULE,
            name=name,
            module=module.name,
            line=module_level[0].lineno,
            shape=shape,
            type_name=type_name,
            key=("module", module.name, name),
            confidence=confidence,
            decl=module_level[0],
            cls=cls,
            qualified_type=qtype,
            values=tuple(v for d in decls if (v := astutil.assigned_value(d)) is not None),
        )

    def _shape_of_decls(
        self, decls: list[nodes.AssignName]
    ) -> tuple[Shape, str, Confidence, nodes.ClassDef | None, str | None]:
        """The strongest shape among every assignment of a name: container wins."""
        results = []
        for decl in decls:
            parent = decl.parent
            value = astutil.assigned_value(decl)
            if value is not None:
                results.append(self.value_shape(value))
            elif isinstance(parent, nodes.AnnAssign):
                results.append(self._annotation_shape(parent.annotation))
        for wanted in (Shape.CONTAINER, Shape.APP, Shape.INSTANCE, Shape.RESOURCE):
            for result in results:
                if result[0] is wanted:
                    return result
        return (Shape.OTHER, "value", HIGH, None, None)

    def _annotation_shape(
        self, annotation: nodes.NodeNG
    ) -> tuple[Shape, str, Confidence, nodes.ClassDef | None, str | None]:
        node = annotation.value if isinstance(annotation, nodes.Subscript) else annotation
        qname = astutil.import_qname(node)
        if qname:
            qname = knowledge.CONTAINER_ALIASES.get(qname, qname)
            if qname in knowledge.CONTAINER_TYPES:
                return (Shape.CONTAINER, knowledge.CONTAINER_TYPES[qname], INFERENCE, None, qname)
            if qname in {"typing.Dict", "typing.List", "typing.Set", "typing.MutableMapping"}:
                return (Shape.CONTAINER, qname.rsplit(".", 1)[-1].lower(), INFERENCE, None, None)
        return (Shape.OTHER, "value", HIGH, None, None)

    def _value_shape(
        self, value: nodes.NodeNG, depth: int
    ) -> tuple[Shape, str, Confidence, nodes.ClassDef | None, str | None]:
        other = (Shape.OTHER, "value", HIGH, None, None)
        if isinstance(value, (nodes.Dict, nodes.DictComp)):
            return (Shape.CONTAINER, "dict", HIGH, None, "builtins.dict")
        if isinstance(value, (nodes.List, nodes.ListComp)):
            return (Shape.CONTAINER, "list", HIGH, None, "builtins.list")
        if isinstance(value, (nodes.Set, nodes.SetComp)):
            return (Shape.CONTAINER, "set", HIGH, None, "builtins.set")
        if isinstance(value, (nodes.Const, nodes.Tuple, nodes.JoinedStr, nodes.Lambda)):
            return other
        if isinstance(value, (nodes.BoolOp, nodes.IfExp)) and depth < 3:
            # ``_lock or threading.Lock()``, ``a if cond else b``: the strongest operand.
            operands = value.values if isinstance(value, nodes.BoolOp) else [value.body, value.orelse]
            shapes = [self._value_shape(operand, depth + 1) for operand in operands]
            for wanted in (Shape.CONTAINER, Shape.INSTANCE, Shape.RESOURCE):
                for shape in shapes:
                    if shape[0] is wanted:
                        return shape
            return other
        if isinstance(value, nodes.BinOp) and depth < 3:
            # ``[] * n``, ``{} | other``
            left = self._value_shape(value.left, depth + 1)
            return left if left[0] is Shape.CONTAINER else other
        if isinstance(value, nodes.Name) and depth < 3:
            try:
                _, bindings = value.lookup(value.name)
            except Exception:  # pylint: disable=broad-exception-caught
                return other
            for binding in bindings:
                if isinstance(binding, nodes.AssignName):
                    inner = astutil.assigned_value(binding)
                    if inner is not None and inner is not value:
                        return self._value_shape(inner, depth + 1)
            return other
        if isinstance(value, nodes.Await):
            value = value.value
        if not isinstance(value, nodes.Call):
            return other
        return self._call_shape(value)

    def _call_shape(
        self, call: nodes.Call
    ) -> tuple[Shape, str, Confidence, nodes.ClassDef | None, str | None]:
        """What a call creates: from the import name of the callee first, inference of
        the call only for project functions whose result the source cannot tell."""
        other = (Shape.OTHER, "value", HIGH, None, None)
        qname = astutil.import_qname(call.func)
        if qname:
            qname = knowledge.CONTAINER_ALIASES.get(qname, qname)
            confidence = HIGH if qname.startswith("builtins.") else (
                INFERENCE if astutil.is_importable(qname) else INFERENCE_FAILURE
            )
            if qname in knowledge.CONTAINER_TYPES:
                return (Shape.CONTAINER, knowledge.CONTAINER_TYPES[qname], confidence, None,
                        qname)
            if (
                qname in knowledge.RESOURCE_CALLS
                or qname in knowledge.RESOURCE_TYPES
                or qname in self.extra_resources
            ):
                return (Shape.RESOURCE, qname.rsplit(".", 1)[-1], confidence, None, qname)
            if qname in self.app_classes:
                return (Shape.APP, "application object", confidence, None, qname)
        found = self.callee(call.func, Env())
        if found is not None and found[0].name == "__init__" and isinstance(found[1], SelfRef):
            return self._project_class_shape(found[1].cls)
        if found is None and isinstance(call.func, nodes.Name):
            cls = self._named_callable(call.func)
            if isinstance(cls, nodes.ClassDef):  # a project class without ``__init__``
                return self._project_class_shape(cls)
        name = astutil.last_name(call.func)
        if found is None:
            # A library call or a method of something the source does not tell: its name
            # is all there is (inferring it could cost more than the whole module).
            if name and knowledge.RESOURCE_NAME_RE.search(name):
                return (Shape.RESOURCE, name, INFERENCE_FAILURE, None, qname)
            return other
        inferred = astutil.infer_one(call)  # a project function: what does it return?
        if isinstance(inferred, (nodes.Dict, nodes.DictComp)):
            return (Shape.CONTAINER, "dict", INFERENCE, None, "builtins.dict")
        if isinstance(inferred, nodes.List):
            return (Shape.CONTAINER, "list", INFERENCE, None, "builtins.list")
        if isinstance(inferred, nodes.Set):
            return (Shape.CONTAINER, "set", INFERENCE, None, "builtins.set")
        if isinstance(inferred, bases.Instance) and not isinstance(inferred, bases.BoundMethod):
            cls = inferred._proxied  # pylint: disable=protected-access
            if isinstance(cls, nodes.ClassDef):
                return self._class_shape(cls)
        if inferred is None and name and knowledge.RESOURCE_NAME_RE.search(name):
            return (Shape.RESOURCE, name, INFERENCE_FAILURE, None, None)
        return other

    def _project_class_shape(
        self, cls: nodes.ClassDef
    ) -> tuple[Shape, str, Confidence, nodes.ClassDef | None, str | None]:
        """An instance of a project class: a resource or container if a base says so."""
        if cls.qname() in self.extra_resources:
            return (Shape.RESOURCE, cls.name, HIGH, cls, cls.qname())
        for klass in self.project_mro(cls):
            for base in klass.bases:
                qname = astutil.import_qname(base)
                if not qname:
                    continue
                qname = knowledge.CONTAINER_ALIASES.get(qname, qname)
                if qname in knowledge.RESOURCE_TYPES or qname in self.extra_resources:
                    return (Shape.RESOURCE, cls.name, INFERENCE, cls, qname)
                if qname in knowledge.CONTAINER_TYPES:
                    return (Shape.CONTAINER, cls.name, INFERENCE, cls, qname)
                if qname in self.app_classes:
                    return (Shape.APP, "application object", INFERENCE, cls, qname)
        return (Shape.INSTANCE, f"{cls.name} instance", INFERENCE, cls, cls.qname())

    def _class_shape(
        self, cls: nodes.ClassDef
    ) -> tuple[Shape, str, Confidence, nodes.ClassDef | None, str | None]:
        qnames = astutil.class_qnames(cls)
        for qname in (cls.qname(), *sorted(qnames)):
            if qname in knowledge.RESOURCE_TYPES or qname in self.extra_resources:
                return (Shape.RESOURCE, cls.name, INFERENCE, cls, qname)
        if cls.qname() in knowledge.CONTAINER_TYPES:
            return (
                Shape.CONTAINER,
                knowledge.CONTAINER_TYPES[cls.qname()],
                INFERENCE,
                None,
                cls.qname(),
            )
        if qnames & self.app_classes:
            return (Shape.APP, "application object", INFERENCE, cls, cls.qname())
        if astutil.is_project_node(cls, self.current):
            for qname in sorted(qnames):
                if qname in knowledge.CONTAINER_TYPES:
                    return (Shape.CONTAINER, cls.name, INFERENCE, cls, qname)
            return (Shape.INSTANCE, f"{cls.name} instance", INFERENCE, cls, cls.qname())
        for qname in sorted(qnames):
            if qname in knowledge.CONTAINER_TYPES:
                return (Shape.CONTAINER, knowledge.CONTAINER_TYPES[qname], INFERENCE, None, qname)
        if knowledge.RESOURCE_NAME_RE.search(cls.name):
            return (Shape.RESOURCE, cls.name, INFERENCE, cls, cls.qname())
        return (Shape.OTHER, cls.name, INFERENCE, cls, cls.qname())


# --- helpers ---------------------------------------------------------------------------


def _element_of(ref: Ref | None) -> Ref | None:
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


def global_lookup_key(name: nodes.Name | nodes.AssignName) -> tuple[nodes.Module, str] | None:
    """(module, name) when astroid's lookup of ``name`` gives what it gives for any other
    read of the same global in a function or class body; None otherwise.

    That is a name read in the body of a function defined at the top of its module (or
    a method of a class defined there), or in the body of a class defined there, not
    bound in that function or class: astroid then looks it up among the module's
    bindings with no filter that depends on where the read is (no line cut across
    frames; no ``if``/``try`` branch holds the function or class).
    """
    if not isinstance(name, nodes.Name):
        return None
    func = name.scope()
    if not isinstance(func, (nodes.FunctionDef, nodes.ClassDef)) or name.name in func.locals:
        return None
    owner = func.parent
    if isinstance(owner, nodes.ClassDef) and isinstance(func, nodes.FunctionDef):
        owner = owner.parent
    if not isinstance(owner, nodes.Module) or name.statement() is func:
        return None  # nested, or a decorator, default or annotation of ``func``
    if any(binding.frame() is not owner for binding in owner.locals.get(name.name, ())):
        return None  # also bound by a function (``global``): depends on the branches
    if name.name in owner.scope_attrs and name.name not in owner.locals:
        return None  # ``__name__``, ``__file__``: astroid makes a new node per lookup
    return (owner, name.name)


def local_lookup(name: nodes.Name | nodes.AssignName) -> tuple[nodes.NodeNG, list] | None:
    """What astroid's lookup gives a read of a local with one binding that surely comes
    first: a parameter, or a plain ``name = ...`` statement of the function's own body
    (not in a branch, loop or ``try``) on a line before the statement of the read; None
    otherwise (astroid's lookup is then asked).

    Half the names a walk reads are such locals; astroid's flow filtering keeps a single
    binding that always runs before the read, so the answer is that binding.
    """
    if not isinstance(name, nodes.Name):
        return None
    func = name.scope()
    if not isinstance(func, nodes.FunctionDef):
        return None
    bindings = func.locals.get(name.name)
    if bindings is None or len(bindings) != 1:
        return None
    binding = bindings[0]
    if not isinstance(binding, nodes.AssignName):
        return None
    statement = name.statement()
    if statement is func:
        return None  # a decorator, default or annotation: looked up outside ``func``
    if binding.parent is func.args:
        return (func, [binding])
    if not isinstance(binding.parent, nodes.Assign) or binding.parent.parent is not func:
        return None
    # ``lineno``: what astroid compares, ``fromlineno``, is the same for these statements
    # but a cached property, which gives each node it is read on a ``__dict__`` to keep.
    if statement.lineno <= binding.parent.lineno:
        return None  # astroid cuts bindings on lines after the read's statement
    return (func, [binding])


def _imported_name(node: nodes.ImportFrom, name: str) -> str | None:
    """The name in the imported module that ``from ... import`` binds to ``name``."""
    for imported, alias in node.names:
        if (alias or imported) == name:
            return imported
    return None
