"""Find the functions that serve requests, from the framework tables.

Candidates are collected during pylint's own walk of the module (decorated
functions, classes with bases, calls whose name could register a handler), so
the module is never walked twice; :meth:`Discovery.entry_points` then decides,
cheapest test first: the name must be one the tables know, then astroid
inference must resolve it to a framework object; when inference fails (the
framework is not importable), the import statements and the shape of the call
decide, at lower confidence.

A function registered in the linted module but defined in another one is an
entry point of the linted module, unless its own module declares it (by a
decorator, its class, or the Django view convention): then that module reports
it, so that nothing is reported twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from astroid import bases, nodes
from pylint.interfaces import INFERENCE, INFERENCE_FAILURE, Confidence

from pylint_stateless.analysis import astutil
from pylint_stateless.analysis.state import Env, Resolver, StateRef
from pylint_stateless.frameworks import FRAMEWORKS, EntryClass, Framework, Lifetime, Role
from pylint_stateless.frameworks.base import HTTP_VERBS, Registration

_SHAPE_NEEDS_PATH = frozenset({Role.ROUTE, Role.WEBSOCKET})
_GRPC_REGISTRATION = re.compile(r"^add_\w+Servicer_to_server$")
_SOCKETIO_RECEIVER = re.compile(r"(?i)(^|\.|_)(sio|socketio|socket_io)$")
_DJANGO_PACKAGES = ("django", "rest_framework")


@dataclass(frozen=True)
class EntryPoint:
    """A function the framework calls: per request, or once at startup."""

    func: nodes.FunctionDef
    role: Role
    label: str  # 'POST /login', 'HTTP middleware', ...
    anchor: nodes.NodeNG  # where the entry is declared in the linted module
    confidence: Confidence
    lifetime: Lifetime | None = None  # for methods: lifetime of ``self``
    shared_self: nodes.ClassDef | None = None  # class whose shared instance is ``self``
    self_state: nodes.NodeNG | None = None  # expression of the instance bound to ``self``

    @property
    def name(self) -> str:
        return astutil.function_label(self.func)

    def describe(self) -> str:
        return f"'{self.name}' ({self.label})" if self.label else f"'{self.name}'"


@dataclass(frozen=True)
class Knowledge:
    """The framework tables in force, indexed for the cheap name tests."""

    frameworks: tuple[Framework, ...] = FRAMEWORKS
    extra_decorators: frozenset[str] = frozenset()
    extra_bases: tuple[tuple[str, EntryClass], ...] = ()
    decorator_names: frozenset[str] = field(init=False)
    registration_names: frozenset[str] = field(init=False)
    entry_bases: dict[str, EntryClass] = field(init=False)
    hook_lists: dict[str, Role] = field(init=False)
    app_classes: frozenset[str] = field(init=False)  # whose instances hold app state
    app_objects: frozenset[str] = field(init=False)
    app_namespaces: frozenset[str] = field(init=False)
    packages: frozenset[str] = field(init=False)  # top-level packages of the frameworks

    def __post_init__(self) -> None:
        fws = self.frameworks
        set_ = object.__setattr__
        set_(self, "decorator_names", frozenset(
            name
            for fw in fws
            for name in (
                *fw.decorator_methods, *fw.bare_decorator_methods, *fw.startup_event_methods,
                *(qname.rsplit(".", 1)[-1] for qname in fw.decorator_functions),
            )
        ) | {q.rsplit(".", 1)[-1] for q in self.extra_decorators})
        set_(self, "registration_names", frozenset(
            name
            for fw in fws
            for name in (
                *fw.registration_methods, *fw.startup_event_methods,
                *(qname.rsplit(".", 1)[-1] for qname in fw.registration_callables),
                *(qname.rsplit(".", 1)[-1] for qname in fw.app_classes),
            )
        ) | {"append"})
        entry_bases = {q: spec for fw in fws for q, spec in fw.entry_classes.items()}
        entry_bases.update(self.extra_bases)
        set_(self, "entry_bases", entry_bases)
        set_(self, "hook_lists", {n: r for fw in fws for n, r in fw.hook_lists.items()})
        set_(self, "app_classes", frozenset(
            q for fw in fws if fw.app_objects or fw.app_state_attributes for q in fw.app_classes
        ))
        set_(self, "app_objects", frozenset(n for fw in fws for n in fw.app_objects))
        set_(self, "app_namespaces", frozenset(n for fw in fws for n in fw.app_state_attributes))
        set_(self, "packages", frozenset(
            q.split(".", 1)[0]
            for fw in fws
            for q in (*fw.app_classes, *fw.entry_classes, *fw.decorator_functions,
                      *fw.registration_callables)
        ) | {q.split(".", 1)[0] for q, _ in self.extra_bases})

    @property
    def enabled(self) -> frozenset[str]:
        return frozenset(fw.name for fw in self.frameworks)

    def app_frameworks(self, qnames: set[str]) -> list[Framework]:
        return [fw for fw in self.frameworks if qnames & fw.app_classes]


@dataclass(eq=False, repr=False)
class Discovery:  # pylint: disable=too-many-instance-attributes
    """Collects candidates during the pylint walk; resolves them on demand."""

    module: nodes.Module
    knowledge: Knowledge = field(default_factory=Knowledge)
    resolver: Resolver | None = None
    functions: list[nodes.FunctionDef] = field(default_factory=list)
    classes: list[nodes.ClassDef] = field(default_factory=list)
    calls: list[nodes.Call] = field(default_factory=list)
    _is_django_module: bool | None = None

    # -- collection (called from the checker's visit methods) ---------------------------

    def add_function(self, node: nodes.FunctionDef) -> None:
        if node.decorators is not None or isinstance(node.parent, nodes.Module):
            self.functions.append(node)

    def add_class(self, node: nodes.ClassDef) -> None:
        if node.bases or "__call__" in node.locals:
            self.classes.append(node)

    def add_call(self, node: nodes.Call) -> None:
        name = astutil.last_name(node.func)
        if (name in self.knowledge.registration_names or (
            name is not None and _GRPC_REGISTRATION.match(name)
        )) and _passes_non_literal(node):
            self.calls.append(node)

    # -- resolution ---------------------------------------------------------------------

    def entry_points(self) -> list[EntryPoint]:
        found: list[EntryPoint] = []
        for func in self.functions:
            found.extend(self._from_function(func))
        for cls in self.classes:
            found.extend(self._from_class(cls, cls))
        for call in self.calls:
            found.extend(self._from_call(call))
        unique: dict[tuple[int, int | None], EntryPoint] = {}
        for entry in found:
            key = (id(entry.func), id(entry.self_state) if entry.self_state else None)
            unique.setdefault(key, entry)
        return sorted(
            unique.values(), key=lambda e: (e.anchor.fromlineno or 0, e.func.lineno or 0)
        )

    # functions --------------------------------------------------------------------------

    def _from_function(self, func: nodes.FunctionDef) -> Iterator[EntryPoint]:
        for decorator in func.decorators.nodes if func.decorators else ():
            result = self.classify_decorator(decorator)
            if result is None:
                continue
            role, label, confidence = result
            lifetime, shared = self._method_lifetime(func)
            yield EntryPoint(func, role, label, func, confidence, lifetime, shared)
            return
        if self._is_django_view(func):
            yield EntryPoint(func, Role.VIEW, "Django view", func, INFERENCE_FAILURE)

    def _method_lifetime(
        self, func: nodes.FunctionDef
    ) -> tuple[Lifetime | None, nodes.ClassDef | None]:
        """For a decorated method: how long ``self`` lives (its class may say)."""
        cls = func.parent
        if not isinstance(cls, nodes.ClassDef):
            return None, None
        match = self._entry_class(cls)
        if match is not None and match[0].lifetime is Lifetime.SHARED:
            return Lifetime.SHARED, cls
        return Lifetime.PER_REQUEST, None

    def _is_django_view(self, func: nodes.FunctionDef) -> bool:
        """``def view(request, ...)`` at the top of a Django ``views`` module."""
        if "django" not in self.knowledge.enabled or not isinstance(func.parent, nodes.Module):
            return False
        if func.name.startswith("_") or not _first_param_is(func, "request"):
            return False
        module = func.root()
        name = module.name
        if not (name == "views" or name.endswith(".views") or ".views." in name):
            return False
        return _imports_any(module, _DJANGO_PACKAGES)

    def classify_decorator(  # pylint: disable=too-many-return-statements
        self, decorator: nodes.NodeNG
    ) -> tuple[Role, str, Confidence] | None:
        """Role, label and confidence of a decorator that makes an entry point, or None.

        The source decides first (the import a decorator function comes from, the
        class an app object was constructed from); inference is used only when the
        source cannot tell, and the shape of the call is the last resort.
        """
        call = decorator if isinstance(decorator, nodes.Call) else None
        target = call.func if call is not None else decorator
        name = astutil.last_name(target)
        if name is None or name not in self.knowledge.decorator_names:
            return None
        import_name = astutil.import_qname(target)
        if import_name in self.knowledge.extra_decorators:
            return Role.ROUTE, _route_label(name, call), _confidence(import_name)
        role = self._decorator_function(import_name, name, call, _confidence(import_name))
        if role is not None:
            if role[0] is Role.HOOK and _only_outside_requests(call):
                return None
            return role
        if isinstance(target, nodes.Attribute):
            receiver = self._receiver_class(target.expr)
            if receiver is not None:
                for framework in self.knowledge.app_frameworks({receiver}):
                    role = _decorator_role(framework, name, call, _confidence(receiver))
                    if role is not None:
                        return role
                if astutil.is_importable(receiver):
                    return None  # an object of a known class that is not an app
                return self._decorator_by_shape(name, call, target.expr)  # unknown framework
        elif import_name is not None:
            return None  # a function imported from elsewhere, not a framework decorator
        inferred = astutil.infer_one(target)
        if inferred is not None:
            qname = astutil.qname_of(inferred)
            if qname in self.knowledge.extra_decorators:
                return Role.ROUTE, _route_label(name, call), INFERENCE
            if isinstance(inferred, bases.BoundMethod):
                owner = getattr(inferred.bound, "_proxied", None)
                if isinstance(owner, nodes.ClassDef):
                    for framework in self.knowledge.app_frameworks(astutil.class_qnames(owner)):
                        role = _decorator_role(framework, name, call, INFERENCE)
                        if role is not None:
                            return role
                return None
            return self._decorator_function(qname, name, call, INFERENCE)
        if isinstance(target, nodes.Attribute):
            return self._decorator_by_shape(name, call, target.expr)
        return None

    def _receiver_class(self, expr: nodes.NodeNG) -> str | None:
        """Import name of the class ``expr`` was built from: ``app = FastAPI()`` gives
        ``fastapi.FastAPI``, also through an import from another project module."""
        qname = astutil.constructor_qname(expr)
        if qname is not None:
            return qname
        ref = self.resolver.resolve(expr, Env()) if self.resolver else None
        if isinstance(ref, StateRef) and not ref.element and ref.state.decl is not None:
            for value in ref.state.values:
                if isinstance(value, nodes.Call):
                    return astutil.import_qname(value.func)
        return None

    def _decorator_function(
        self, qname: str | None, name: str, call: nodes.Call | None, confidence: Confidence
    ) -> tuple[Role, str, Confidence] | None:
        if qname is None:
            return None
        for fw in self.knowledge.frameworks:
            role = fw.decorator_functions.get(qname)
            if role is not None:
                if role in (Role.ROUTE, Role.WEBSOCKET):
                    return role, _route_label(name, call), confidence
                return role, _role_label(role, name), confidence
        return None

    def _decorator_by_shape(
        self, name: str, call: nodes.Call | None, receiver: nodes.NodeNG
    ) -> tuple[Role, str, Confidence] | None:
        """``@<something>.get("/path")`` with nothing inferable: a route, at low confidence."""
        fws = self.knowledge.frameworks
        if (
            name in {"on", "event"}
            and "socketio" in self.knowledge.enabled
            and _SOCKETIO_RECEIVER.search(astutil.text(receiver))
        ):
            # ``def init(socketio): @socketio.on("connect")``: a Socket.IO server by name.
            event = astutil.const_str(call.args[0] if call and call.args else None)
            label = f"Socket.IO event {event}" if event else "Socket.IO event"
            return Role.WEBSOCKET, label, INFERENCE_FAILURE
        if call is None:
            for fw in fws:
                role = fw.bare_decorator_methods.get(name)
                if role is Role.HOOK:
                    return role, f"{name} hook", INFERENCE_FAILURE
            return None
        first = astutil.const_str(call.args[0] if call.args else None)
        for fw in fws:
            role = fw.decorator_methods.get(name)
            if role is None:
                continue
            if role in _SHAPE_NEEDS_PATH:
                if first is None or not first.startswith("/"):
                    return None
                return role, _route_label(name, call), INFERENCE_FAILURE
            if role is Role.MIDDLEWARE and first == "http":
                return role, "HTTP middleware", INFERENCE_FAILURE
            if role is Role.ERROR_HANDLER and call.args and fw.name in {"flask", "starlette"}:
                return role, role.value, INFERENCE_FAILURE
        for fw in fws:
            events = fw.startup_event_methods.get(name)
            if events and first in events:
                return Role.STARTUP, "", INFERENCE_FAILURE
        return None

    # classes ----------------------------------------------------------------------------

    def _from_class(self, cls: nodes.ClassDef, anchor: nodes.NodeNG) -> Iterator[EntryPoint]:
        match = self._entry_class(cls)
        if match is None:
            return
        spec, confidence = match
        lifetime = spec.lifetime
        if lifetime is Lifetime.PER_REQUEST and _sets_false(cls, "init_every_request"):
            lifetime = Lifetime.SHARED
        for method in _own_methods(cls):
            if method.type in {"classmethod", "staticmethod"}:
                continue
            if not spec.serves(method.name, lifetime):
                continue
            yield EntryPoint(
                method,
                spec.role,
                spec.label or spec.role.value,
                anchor if anchor is not cls else method,
                confidence,
                lifetime=lifetime,
                shared_self=cls if lifetime is Lifetime.SHARED else None,
            )

    def _entry_class(self, cls: nodes.ClassDef) -> tuple[EntryClass, Confidence] | None:
        """The framework base class ``cls`` derives from, nearest first.

        Bases are read from the source through the project's own classes; ancestors
        are inferred only when a base comes from a framework package but is not in the
        tables (``django.views.generic.edit.FormView``).
        """
        bases_ = self.knowledge.entry_bases
        framework_bases = False
        mro = self.resolver.project_mro(cls) if self.resolver else [cls]
        for klass in mro:
            for base in klass.bases:
                qname = astutil.import_qname(base)
                if qname in bases_:
                    return bases_[qname], _confidence(qname)
                if qname and qname.split(".", 1)[0] in self.knowledge.packages:
                    framework_bases = True
        ancestors: set[str] = set()
        if framework_bases:
            for klass in astutil.class_and_ancestors(cls):  # nearest base first
                if klass is cls:
                    continue
                qname = klass.qname()
                if qname in bases_:
                    return bases_[qname], INFERENCE
                ancestors.add(qname)
        return self._entry_class_by_convention(cls, ancestors)

    def _entry_class_by_convention(
        self, cls: nodes.ClassDef, ancestors: set[str]
    ) -> tuple[EntryClass, Confidence] | None:
        enabled = self.knowledge.enabled
        if "grpc" in enabled and any(
            _is_generated_servicer(base) for base in (*cls.bases, *ancestors)
        ):
            return _SHARED_SERVICE, INFERENCE_FAILURE
        if "django" in enabled:
            init = cls.locals.get("__init__")
            if (
                init
                and isinstance(init[0], nodes.FunctionDef)
                and "__call__" in cls.locals
                and _param_names(init[0])[1:2] == ["get_response"]
            ):
                return _DJANGO_MIDDLEWARE, INFERENCE_FAILURE
        return None

    # registration calls ---------------------------------------------------------------

    def _from_call(self, call: nodes.Call) -> Iterator[EntryPoint]:
        name = astutil.last_name(call.func)
        if name is None:
            return
        if name == "append":
            yield from self._from_hook_list(call)
            return
        if _GRPC_REGISTRATION.match(name) and "grpc" in self.knowledge.enabled:
            target = call.args[0] if call.args else None
            registration = Registration(Role.ROUTE, 0, resource_methods="")
            yield from self._targets(target, registration, "gRPC method", call, INFERENCE)
            return
        qname = astutil.import_qname(call.func)
        if qname is not None and not qname.startswith("builtins."):
            # ``Route(...)``, ``path(...)``, ``Depends(...)``, ``FastAPI(lifespan=...)``
            yield from self._callable_registration(qname, call, _confidence(qname))
            return
        if not isinstance(call.func, nodes.Attribute):
            return
        receiver = self._receiver_class(call.func.expr)
        if receiver is not None:
            for framework in self.knowledge.app_frameworks({receiver}):
                yield from self._method_registration(framework, name, call, _confidence(receiver))
            return
        if not any(
            name in fw.registration_methods or name in fw.startup_event_methods
            for fw in self.knowledge.frameworks
        ):
            return
        inferred = astutil.infer_one(call.func)
        if isinstance(inferred, bases.BoundMethod):
            owner = getattr(inferred.bound, "_proxied", None)
            if isinstance(owner, nodes.ClassDef):
                for framework in self.knowledge.app_frameworks(astutil.class_qnames(owner)):
                    yield from self._method_registration(framework, name, call, INFERENCE)
            return
        if call.args and astutil.const_str(call.args[0]) is not None:
            # ``<something>.add_route("GET", "/path", handler)``: every framework that has
            # such a method is tried; only a target that is a function counts.
            for framework in self.knowledge.frameworks:
                if name in framework.registration_methods or name in (
                    framework.startup_event_methods
                ):
                    yield from self._method_registration(
                        framework, name, call, INFERENCE_FAILURE
                    )

    def _method_registration(
        self, framework: Framework, name: str, call: nodes.Call, confidence: Confidence
    ) -> Iterator[EntryPoint]:
        events = framework.startup_event_methods.get(name)
        if events is not None:
            if astutil.const_str(call.args[0] if call.args else None) in events:
                target = astutil.call_argument(call, 1, "func")
                yield from self._targets(
                    target, Registration(Role.STARTUP, 1), "", call, confidence
                )
            return
        registration = framework.registration_methods.get(name)
        if registration is None:
            return
        target = astutil.call_argument(call, registration.position, registration.keyword)
        label = _registration_label(registration.role, name, call)
        yield from self._targets(target, registration, label, call, confidence)

    def _callable_registration(
        self, qname: str, call: nodes.Call, confidence: Confidence
    ) -> Iterator[EntryPoint]:
        for fw in self.knowledge.frameworks:
            if qname in fw.app_classes:
                yield from self._startup_keywords(call, fw, confidence)
                return
            registration = fw.registration_callables.get(qname)
            if registration is not None:
                target = astutil.call_argument(call, registration.position, registration.keyword)
                label = _registration_label(registration.role, qname.rsplit(".", 1)[-1], call)
                yield from self._targets(target, registration, label, call, confidence)
                return

    def _from_hook_list(self, call: nodes.Call) -> Iterator[EntryPoint]:
        """``app.on_startup.append(fn)``."""
        func = call.func
        if not (isinstance(func, nodes.Attribute) and isinstance(func.expr, nodes.Attribute)):
            return
        role = self.knowledge.hook_lists.get(func.expr.attrname)
        if role is None or not call.args:
            return
        yield from self._targets(call.args[0], Registration(role, 0), "", call, INFERENCE_FAILURE)

    def _startup_keywords(
        self, call: nodes.Call, framework: Framework, confidence: Confidence
    ) -> Iterator[EntryPoint]:
        for keyword in call.keywords or ():
            if keyword.arg not in framework.startup_keywords:
                continue
            values = (
                keyword.value.elts
                if isinstance(keyword.value, (nodes.List, nodes.Tuple))
                else [keyword.value]
            )
            for value in values:
                yield from self._targets(
                    value, Registration(Role.STARTUP, None), "", call, confidence
                )

    # what a registration registers ------------------------------------------------------

    def _targets(  # pylint: disable=too-many-return-statements
        self,
        target: nodes.NodeNG | None,
        registration: Registration,
        label: str,
        anchor: nodes.NodeNG,
        confidence: Confidence,
    ) -> Iterator[EntryPoint]:
        if target is None:
            return
        role = registration.role
        if isinstance(target, nodes.Call) and astutil.last_name(target.func) == "as_view":
            return  # a class-based view: its class declares it, in its own module
        inferred = astutil.infer_one(target)
        if isinstance(inferred, bases.BoundMethod):
            method = astutil.function_of(inferred)
            if method is not None and self._reports_here(method):
                yield EntryPoint(method, role, label, _anchor(method, anchor, self.module),
                                 confidence, self_state=target)
            return
        if isinstance(inferred, nodes.FunctionDef):
            if self._reports_here(inferred):
                yield EntryPoint(inferred, role, label, _anchor(inferred, anchor, self.module),
                                 confidence)
            return
        if isinstance(inferred, nodes.ClassDef):
            yield from self._class_target(inferred, registration, label, anchor, confidence)
            return
        if isinstance(inferred, bases.Instance) and isinstance(
            getattr(inferred, "_proxied", None), nodes.ClassDef
        ):
            cls = inferred._proxied  # pylint: disable=protected-access
            if not astutil.is_project_node(cls, self.module):
                return
            if cls.root() is self.module and self._entry_class(cls) is not None:
                return  # its class declares it, in this module
            methods = (
                _resource_methods(cls, registration.resource_methods)
                if registration.resource_methods is not None
                else [m for m in (_method(cls, "__call__"),) if m is not None]
            )
            for method in methods:
                # One instance, created once, serves every call.
                yield EntryPoint(method, role, label, _anchor(method, anchor, self.module),
                                 confidence, lifetime=Lifetime.SHARED, shared_self=cls,
                                 self_state=target)

    def _class_target(
        self,
        cls: nodes.ClassDef,
        registration: Registration,
        label: str,
        anchor: nodes.NodeNG,
        confidence: Confidence,
    ) -> Iterator[EntryPoint]:
        if not astutil.is_project_node(cls, self.module):
            return
        if self._entry_class(cls) is not None:
            return  # its class declares it, in its own module
        if registration.role is Role.MIDDLEWARE:
            # ``add_middleware(Cls)``: one instance wraps the app for the process.
            method = _method(cls, "__call__")
            if method is not None:
                yield EntryPoint(method, registration.role, label,
                                 _anchor(method, anchor, self.module), confidence,
                                 lifetime=Lifetime.SHARED, shared_self=cls)
            return
        # A class used as a dependency or view: instantiated per call.
        init = _method(cls, "__init__")
        if init is not None and astutil.is_project_node(init, self.module):
            yield EntryPoint(init, registration.role, label, _anchor(init, anchor, self.module),
                             confidence, lifetime=Lifetime.PER_REQUEST)

    def _reports_here(self, func: nodes.FunctionDef) -> bool:
        """A registered function is reported here unless its own module declares it."""
        if not astutil.is_project_node(func, self.module):
            return False
        if func.root() is self.module:
            return True
        if func.decorators is not None and any(
            self.classify_decorator(d) is not None for d in func.decorators.nodes
        ):
            return False
        if isinstance(func.parent, nodes.ClassDef) and self._entry_class(func.parent):
            return False
        other = Discovery(func.root(), self.knowledge, self.resolver)
        return not other._is_django_view(func)  # pylint: disable=protected-access


# --- helpers ---------------------------------------------------------------------------


def _confidence(qname: str | None) -> Confidence:
    """INFERENCE when the package a name comes from can be loaded by astroid (the
    import name is then as good as inference), INFERENCE_FAILURE when it cannot."""
    return INFERENCE if qname and astutil.is_importable(qname) else INFERENCE_FAILURE

_SHARED_SERVICE = EntryClass(Role.ROUTE, Lifetime.SHARED, label="gRPC method")
_DJANGO_MIDDLEWARE = EntryClass(
    Role.MIDDLEWARE,
    Lifetime.SHARED,
    frozenset({"__call__", "process_request", "process_view", "process_response",
               "process_exception", "process_template_response"}),
)


# Django signals sent by tests, migrations and start-up, never while serving a request.
_NON_REQUEST_SIGNALS = frozenset(
    {"setting_changed", "template_rendered", "pre_migrate", "post_migrate", "class_prepared",
     "autoreload_started", "file_changed"}
)


def _only_outside_requests(call: nodes.Call | None) -> bool:
    """``@receiver(setting_changed)``: a signal that no request sends."""
    if call is None or not call.args:
        return False
    signals = call.args[0].elts if isinstance(call.args[0], (nodes.List, nodes.Tuple)) else [
        call.args[0]
    ]
    return all(astutil.last_name(signal) in _NON_REQUEST_SIGNALS for signal in signals)


def _decorator_role(
    framework: Framework, name: str, call: nodes.Call | None, confidence: Confidence
) -> tuple[Role, str, Confidence] | None:
    if call is None:
        role = framework.bare_decorator_methods.get(name)
        if role is None:
            return None
        if framework.name == "socketio":
            return role, "Socket.IO event", confidence
        return role, _role_label(role, name), confidence
    events = framework.startup_event_methods.get(name)
    if events is not None:
        if astutil.const_str(call.args[0] if call.args else None) in events:
            return Role.STARTUP, "", confidence
        return None
    role = framework.decorator_methods.get(name)
    if role is None:
        return None
    if framework.name == "socketio":
        event = astutil.const_str(call.args[0] if call.args else None)
        return role, f"Socket.IO event {event}" if event else "Socket.IO event", confidence
    if role in (Role.ROUTE, Role.WEBSOCKET):
        return role, _route_label(name, call), confidence
    return role, _role_label(role, name), confidence


def _role_label(role: Role, name: str) -> str:
    if role is Role.HOOK:
        return f"{name} hook"
    if role is Role.STARTUP:
        return ""
    if role is Role.MIDDLEWARE:
        return "HTTP middleware"
    return role.value


def _registration_label(role: Role, name: str, call: nodes.Call) -> str:
    if role in (Role.ROUTE, Role.WEBSOCKET):
        return _route_label(name, call, path_from_args=True)
    path = astutil.const_str(call.args[0] if call.args else None)
    if role is Role.VIEW and path is not None:
        return f"view {path}"
    return role.value


def _route_label(name: str, call: nodes.Call | None, path_from_args: bool = False) -> str:
    if call is None:
        return "route"
    path = None
    for arg in call.args[:2]:
        text = astutil.const_str(arg)
        if text is not None and (text.startswith("/") or not path_from_args):
            path = text
            break
    path = path or astutil.const_str(astutil.call_argument(call, None, "path")) or (
        astutil.const_str(astutil.call_argument(call, None, "rule"))
    )
    if name in HTTP_VERBS:
        verb = name.upper()
    elif name.startswith("add_") and name[4:] in HTTP_VERBS:
        verb = name[4:].upper()
    elif "websocket" in name:
        verb = "WebSocket"
    else:
        methods = astutil.call_argument(call, None, "methods")
        verbs = [
            str(e.value).upper()
            for e in getattr(methods, "elts", [])
            if isinstance(e, nodes.Const) and isinstance(e.value, str)
        ]
        verb = ",".join(verbs) if verbs else ("route" if path_from_args else "GET")
    return f"{verb} {path}" if path else verb


def _passes_non_literal(call: nodes.Call) -> bool:
    """Whether an argument of ``call`` could name a handler. A registration registers one
    of its arguments (a function, a class, an instance, or a list of them); a call with
    only literal arguments (``request.args.get("page")``, ``Flask()``) registers nothing,
    and most calls named ``get`` or ``append`` are such."""
    return any(not isinstance(arg, nodes.Const) for arg in call.args) or any(
        not isinstance(keyword.value, nodes.Const) for keyword in call.keywords or ()
    )

def _first_param_is(func: nodes.FunctionDef, name: str) -> bool:
    return _param_names(func)[:1] == [name]


def _param_names(func: nodes.FunctionDef) -> list[str]:
    return [p.name for p in (*func.args.posonlyargs, *func.args.args)]


def _imports_any(module: nodes.Module, packages: tuple[str, ...]) -> bool:
    for node in module.body:
        if isinstance(node, nodes.ImportFrom):
            if node.modname.split(".", 1)[0] in packages:
                return True
        elif isinstance(node, nodes.Import):
            if any(name.split(".", 1)[0] in packages for name, _ in node.names):
                return True
    return False


def _is_generated_servicer(base: nodes.NodeNG | str) -> bool:
    """A base class generated by grpcio-tools: ``<Name>Servicer`` in a ``*_pb2_grpc`` module."""
    text = base if isinstance(base, str) else (astutil.import_qname(base) or astutil.text(base))
    module, _, name = text.rpartition(".")
    return name.endswith("Servicer") and module.endswith("_grpc")


def _own_methods(cls: nodes.ClassDef) -> Iterable[nodes.FunctionDef]:
    for node in cls.body:
        if isinstance(node, nodes.FunctionDef):
            yield node


def _method(cls: nodes.ClassDef, name: str) -> nodes.FunctionDef | None:
    for klass in astutil.class_and_ancestors(cls):
        for node in klass.locals.get(name, []):
            if isinstance(node, nodes.FunctionDef):
                return node
        if name in klass.locals:
            return None
    return None


def _resource_methods(cls: nodes.ClassDef, prefix: str) -> list[nodes.FunctionDef]:
    return [
        method
        for method in _own_methods(cls)
        if method.name.startswith(prefix)
        and not method.name.startswith("_")
        and method.type == "method"
    ]


def _sets_false(cls: nodes.ClassDef, attr: str) -> bool:
    for node in cls.locals.get(attr, []):
        value = astutil.assigned_value(node) if isinstance(node, nodes.AssignName) else None
        if isinstance(value, nodes.Const) and value.value is False:
            return True
    return False


def _anchor(func: nodes.NodeNG, registration: nodes.NodeNG, module: nodes.Module) -> nodes.NodeNG:
    return func if func.root() is module else registration
