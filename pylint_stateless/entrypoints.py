"""Find the functions that serve requests, from the framework tables.

Candidates are collected during pylint's own walk of the module (decorated
functions, classes with bases, calls whose name could register a handler), so
the module is never walked twice; :meth:`Discovery.entry_points` then decides,
cheapest test first: the name must be one the tables know, then astroid
inference must resolve it to a framework object; when inference fails (the
framework is not importable), the import statements and the shape of the call
decide, at lower confidence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from astroid import bases, nodes
from pylint.interfaces import INFERENCE, INFERENCE_FAILURE, Confidence

from pylint_stateless.analysis import astutil
from pylint_stateless.frameworks import FRAMEWORKS, EntryClass, Framework, Lifetime, Role
from pylint_stateless.frameworks.base import HTTP_VERBS, Registration

_DECORATOR_NAMES = frozenset(
    name
    for fw in FRAMEWORKS
    for name in (
        *fw.decorator_methods,
        *fw.bare_decorator_methods,
        *fw.startup_event_methods,
        *(qname.rsplit(".", 1)[-1] for qname in fw.decorator_functions),
    )
)
_REGISTRATION_NAMES = frozenset(
    name
    for fw in FRAMEWORKS
    for name in (
        *fw.registration_methods,
        *fw.startup_event_methods,
        *(qname.rsplit(".", 1)[-1] for qname in fw.registration_callables),
        *(qname.rsplit(".", 1)[-1] for qname in fw.app_classes),
    )
)
_ENTRY_BASES: dict[str, tuple[Framework, EntryClass]] = {
    qname: (fw, spec) for fw in FRAMEWORKS for qname, spec in fw.entry_classes.items()
}
_SHAPE_NEEDS_PATH = frozenset({Role.ROUTE, Role.WEBSOCKET})


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
    self_state: object | None = None  # a module-level instance bound to ``self``

    @property
    def name(self) -> str:
        return astutil.function_label(self.func)

    def describe(self) -> str:
        return f"'{self.name}' ({self.label})" if self.label else f"'{self.name}'"


@dataclass
class Discovery:
    """Collects candidates during the pylint walk; resolves them on demand."""

    module: nodes.Module
    extra_decorators: frozenset[str] = frozenset()
    functions: list[nodes.FunctionDef] = field(default_factory=list)
    classes: list[nodes.ClassDef] = field(default_factory=list)
    calls: list[nodes.Call] = field(default_factory=list)

    # -- collection (called from the checker's visit methods) ---------------------------

    def add_function(self, node: nodes.FunctionDef) -> None:
        if node.decorators is not None:
            self.functions.append(node)

    def add_class(self, node: nodes.ClassDef) -> None:
        if node.bases:
            self.classes.append(node)

    def add_call(self, node: nodes.Call) -> None:
        name = astutil.last_name(node.func)
        if name in _REGISTRATION_NAMES:
            self.calls.append(node)

    # -- resolution ---------------------------------------------------------------------

    def entry_points(self) -> list[EntryPoint]:
        found: list[EntryPoint] = []
        for func in self.functions:
            found.extend(self._from_decorators(func))
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

    # decorators -------------------------------------------------------------------------

    def _from_decorators(self, func: nodes.FunctionDef) -> Iterable[EntryPoint]:
        if func.decorators is None:
            return
        for decorator in func.decorators.nodes:
            result = self._classify_decorator(decorator)
            if result is None:
                continue
            role, label, confidence = result
            yield EntryPoint(func, role, label, func, confidence)
            return

    def _classify_decorator(
        self, decorator: nodes.NodeNG
    ) -> tuple[Role, str, Confidence] | None:
        call = decorator if isinstance(decorator, nodes.Call) else None
        target = call.func if call is not None else decorator
        name = astutil.last_name(target)
        if name is None:
            return None
        extra = self._extra_match(target)
        if name not in _DECORATOR_NAMES and extra is None:
            return None
        inferred = astutil.infer_one(target)
        if inferred is not None:
            qname = astutil.qname_of(inferred)
            if qname in self.extra_decorators:
                return Role.ROUTE, _route_label(name, call), INFERENCE
            if isinstance(inferred, bases.BoundMethod):
                owner = getattr(inferred.bound, "_proxied", None)
                if isinstance(owner, nodes.ClassDef):
                    framework = _framework_of_app(astutil.class_qnames(owner))
                    if framework is not None:
                        return _decorator_role(framework, name, call, INFERENCE)
                return None
            for fw in FRAMEWORKS:
                if qname in fw.decorator_functions:
                    return fw.decorator_functions[qname], name, INFERENCE
            return None
        # The framework could not be inferred: fall back on names.
        if extra is not None:
            return Role.ROUTE, _route_label(name, call), INFERENCE_FAILURE
        if isinstance(target, nodes.Attribute):
            receiver = astutil.constructor_qname(target.expr) or astutil.import_qname(
                target.expr
            )
            framework = _framework_of_app({receiver}) if receiver else None
            if framework is not None:
                return _decorator_role(framework, name, call, INFERENCE_FAILURE)
            return _decorator_by_shape(name, call)
        qname = astutil.import_qname(target)
        for fw in FRAMEWORKS:
            if qname in fw.decorator_functions:
                return fw.decorator_functions[qname], name, INFERENCE_FAILURE
        return None

    def _extra_match(self, target: nodes.NodeNG) -> str | None:
        if not self.extra_decorators:
            return None
        qname = astutil.import_qname(target)
        if qname in self.extra_decorators:
            return qname
        name = astutil.last_name(target)
        if any(extra.rsplit(".", 1)[-1] == name for extra in self.extra_decorators):
            return ""
        return None

    # classes ------------------------------------------------------------------------

    def _from_class(
        self, cls: nodes.ClassDef, anchor: nodes.NodeNG
    ) -> Iterable[EntryPoint]:
        match = _entry_class(cls)
        if match is None:
            return
        spec, confidence = match
        lifetime = spec.lifetime
        if lifetime is Lifetime.PER_REQUEST and _sets_false(cls, "init_every_request"):
            lifetime = Lifetime.SHARED
        for method in _own_methods(cls):
            if method.type in {"classmethod", "staticmethod"}:
                continue
            if spec.methods and method.name not in spec.methods:
                continue
            if lifetime is Lifetime.SHARED and method.name in spec.setup_methods:
                continue
            yield EntryPoint(
                method,
                spec.role,
                spec.role.value,
                anchor if anchor is not cls else method,
                confidence,
                lifetime=lifetime,
                shared_self=cls if lifetime is Lifetime.SHARED else None,
            )

    # registration calls ---------------------------------------------------------------

    def _from_call(self, call: nodes.Call) -> Iterable[EntryPoint]:
        name = astutil.last_name(call.func)
        if name is None:
            return
        inferred = astutil.infer_one(call.func)
        confidence = INFERENCE
        registration: Registration | None = None
        framework: Framework | None = None
        if isinstance(inferred, bases.BoundMethod):
            owner = getattr(inferred.bound, "_proxied", None)
            if isinstance(owner, nodes.ClassDef):
                framework = _framework_of_app(astutil.class_qnames(owner))
        elif isinstance(inferred, (nodes.ClassDef, nodes.FunctionDef)):
            qname = inferred.qname()
            for fw in FRAMEWORKS:
                if qname in fw.registration_callables:
                    registration = fw.registration_callables[qname]
                if qname in fw.app_classes:
                    yield from self._startup_keywords(call, fw, INFERENCE)
                    return
        elif inferred is None:
            confidence = INFERENCE_FAILURE
            qname = astutil.import_qname(call.func)
            for fw in FRAMEWORKS:
                if qname in fw.registration_callables:
                    registration = fw.registration_callables[qname]
                if qname in fw.app_classes:
                    yield from self._startup_keywords(call, fw, INFERENCE_FAILURE)
                    return
            if registration is None and isinstance(call.func, nodes.Attribute):
                receiver = astutil.constructor_qname(call.func.expr)
                framework = _framework_of_app({receiver}) if receiver else None
                if framework is None and astutil.const_str(
                    call.args[0] if call.args else None
                ):
                    framework = _framework_by_method(name)
        if framework is not None:
            events = framework.startup_event_methods.get(name)
            if events is not None:
                if astutil.const_str(call.args[0] if call.args else None) in events:
                    target = astutil.call_argument(call, 1, "func")
                    yield from self._targets(target, Role.STARTUP, "", call, confidence)
                return
            registration = framework.registration_methods.get(name)
        if registration is None:
            return
        target = astutil.call_argument(call, registration.position, registration.keyword)
        label = registration.role.value
        if registration.role in (Role.ROUTE, Role.WEBSOCKET):
            label = _route_label(name, call, path_from_args=True)
        yield from self._targets(target, registration.role, label, call, confidence)

    def _startup_keywords(
        self, call: nodes.Call, framework: Framework, confidence: Confidence
    ) -> Iterable[EntryPoint]:
        for keyword in call.keywords or ():
            if keyword.arg not in framework.startup_keywords:
                continue
            values = (
                keyword.value.elts
                if isinstance(keyword.value, (nodes.List, nodes.Tuple))
                else [keyword.value]
            )
            for value in values:
                yield from self._targets(value, Role.STARTUP, "", call, confidence)

    def _targets(
        self,
        target: nodes.NodeNG | None,
        role: Role,
        label: str,
        anchor: nodes.NodeNG,
        confidence: Confidence,
    ) -> Iterable[EntryPoint]:
        if target is None:
            return
        if isinstance(target, nodes.Call) and astutil.last_name(target.func) == "as_view":
            owner = astutil.infer_one(target.func.expr) if isinstance(
                target.func, nodes.Attribute
            ) else None
            if isinstance(owner, nodes.ClassDef):
                yield from self._from_class(owner, anchor)
            return
        inferred = astutil.infer_one(target)
        if isinstance(inferred, nodes.FunctionDef) and not isinstance(
            inferred, bases.BoundMethod
        ):
            if astutil.is_project_node(inferred, self.module):
                yield EntryPoint(inferred, role, label, _anchor(inferred, anchor, self.module),
                                 confidence)
            return
        if isinstance(inferred, bases.BoundMethod):
            method = astutil.function_of(inferred)
            if method is not None and astutil.is_project_node(method, self.module):
                yield EntryPoint(method, role, label, _anchor(method, anchor, self.module),
                                 confidence, self_state=target)
            return
        if isinstance(inferred, nodes.ClassDef) and astutil.is_project_node(inferred, self.module):
            if _entry_class(inferred) is not None:
                if inferred.root() is not self.module:
                    yield from self._from_class(inferred, anchor)
                return
            # A class used directly: instantiated per call (a dependency class), or, for
            # middleware, once for the process with ``__call__`` serving requests.
            if role is Role.MIDDLEWARE:
                call_method = _own_method(inferred, "__call__")
                if call_method is not None:
                    yield EntryPoint(call_method, role, label,
                                     _anchor(call_method, anchor, self.module), confidence,
                                     lifetime=Lifetime.SHARED, shared_self=inferred)
                return
            init = _own_method(inferred, "__init__")
            if init is not None:
                yield EntryPoint(init, role, label, _anchor(init, anchor, self.module),
                                 confidence, lifetime=Lifetime.PER_REQUEST)
            return
        if isinstance(inferred, bases.Instance) and isinstance(
            getattr(inferred, "_proxied", None), nodes.ClassDef
        ):
            cls = inferred._proxied  # pylint: disable=protected-access
            if not astutil.is_project_node(cls, self.module):
                return
            call_method = _own_method(cls, "__call__")
            if call_method is not None:
                # ``Depends(limiter)``: one instance, created at import, serves every call.
                yield EntryPoint(call_method, role, label,
                                 _anchor(call_method, anchor, self.module), confidence,
                                 lifetime=Lifetime.SHARED, shared_self=cls, self_state=target)


# --- helpers ---------------------------------------------------------------------------

def _framework_of_app(qnames: set[str]) -> Framework | None:
    for fw in FRAMEWORKS:
        if qnames & fw.app_classes:
            return fw
    return None


def _framework_by_method(name: str) -> Framework | None:
    for fw in FRAMEWORKS:
        if name in fw.registration_methods:
            return fw
    return None


def _decorator_role(
    framework: Framework, name: str, call: nodes.Call | None, confidence: Confidence
) -> tuple[Role, str, Confidence] | None:
    if call is None:
        role = framework.bare_decorator_methods.get(name)
        return (role, f"{name} hook" if role is Role.HOOK else role.value, confidence) if role else None
    events = framework.startup_event_methods.get(name)
    if events is not None:
        if astutil.const_str(call.args[0] if call.args else None) in events:
            return Role.STARTUP, "", confidence
        return None
    role = framework.decorator_methods.get(name)
    if role is None:
        # ``@app.before_request()`` is not valid, but ``@bp.before_app_request`` style
        # hooks may be called by wrappers; only bare uses count.
        return None
    if role in (Role.ROUTE, Role.WEBSOCKET):
        return role, _route_label(name, call), confidence
    if role is Role.MIDDLEWARE:
        return role, "HTTP middleware", confidence
    return role, role.value, confidence


def _decorator_by_shape(name: str, call: nodes.Call | None) -> tuple[Role, str, Confidence] | None:
    """``@<something>.get("/path")`` with nothing inferable: a route, at low confidence."""
    if call is None:
        for fw in FRAMEWORKS:
            role = fw.bare_decorator_methods.get(name)
            if role is not None and role is not Role.STARTUP:
                return role, f"{name} hook", INFERENCE_FAILURE
        return None
    first = astutil.const_str(call.args[0] if call.args else None)
    for fw in FRAMEWORKS:
        role = fw.decorator_methods.get(name)
        if role is None:
            continue
        if role in _SHAPE_NEEDS_PATH:
            if first is None or not first.startswith("/"):
                return None
            return role, _route_label(name, call), INFERENCE_FAILURE
        if role is Role.MIDDLEWARE and first == "http":
            return role, "HTTP middleware", INFERENCE_FAILURE
        if role is Role.ERROR_HANDLER and call.args:
            return role, role.value, INFERENCE_FAILURE
    events = {n: e for fw in FRAMEWORKS for n, e in fw.startup_event_methods.items()}
    if name in events and first in events[name]:
        return Role.STARTUP, "", INFERENCE_FAILURE
    return None


def _route_label(name: str, call: nodes.Call | None, path_from_args: bool = False) -> str:
    if call is None:
        return "route"
    path = astutil.const_str(astutil.call_argument(call, 0, "path")) or astutil.const_str(
        astutil.call_argument(call, 0, "rule")
    )
    if name in HTTP_VERBS:
        verb = name.upper()
    elif name.startswith("websocket") or "websocket" in name:
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


def _entry_class(cls: nodes.ClassDef) -> tuple[EntryClass, Confidence] | None:
    qnames = astutil.class_qnames(cls)
    qnames.discard(cls.qname())
    for qname in sorted(qnames):
        if qname in _ENTRY_BASES:
            return _ENTRY_BASES[qname][1], INFERENCE
    for base in cls.bases:
        qname = astutil.import_qname(base)
        if qname in _ENTRY_BASES:
            return _ENTRY_BASES[qname][1], INFERENCE_FAILURE
    return None


def _own_methods(cls: nodes.ClassDef) -> Iterable[nodes.FunctionDef]:
    for node in cls.body:
        if isinstance(node, nodes.FunctionDef):
            yield node


def _own_method(cls: nodes.ClassDef, name: str) -> nodes.FunctionDef | None:
    for klass in astutil.class_and_ancestors(cls):
        for node in klass.locals.get(name, []):
            if isinstance(node, nodes.FunctionDef):
                return node
        if name in klass.locals:
            return None
    return None


def _sets_false(cls: nodes.ClassDef, attr: str) -> bool:
    for node in cls.locals.get(attr, []):
        value = astutil.assigned_value(node) if isinstance(node, nodes.AssignName) else None
        if isinstance(value, nodes.Const) and value.value is False:
            return True
    return False


def _anchor(func: nodes.NodeNG, registration: nodes.NodeNG, module: nodes.Module) -> nodes.NodeNG:
    return func if func.root() is module else registration

