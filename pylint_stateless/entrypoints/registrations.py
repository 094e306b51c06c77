"""Calls that register a handler: ``app.add_url_rule("/x", view)``, ``path("x/", view)``,
``Depends(get_user)``, ``app.on_startup.append(init)``, ``FastAPI(lifespan=...)``, and a
decorator applied by a call, ``app.event("x")(handler)``.

A function registered in the linted module but defined in another one is an entry
point of the linted module, unless its own module declares it (by a decorator, its
class, or a convention): then that module reports it, so that nothing is reported twice.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from astroid import bases, nodes
from pylint.interfaces import INFERENCE, INFERENCE_FAILURE, Confidence

from pylint_stateless.analysis import astutil
from pylint_stateless.entrypoints.classes import method_of, own_methods
from pylint_stateless.entrypoints.labels import confidence_of, registration_label
from pylint_stateless.entrypoints.model import EntryPoint
from pylint_stateless.frameworks.base import Framework, Lifetime, Registration, Role

if TYPE_CHECKING:
    from pylint_stateless.analysis.resolver import Resolver
    from pylint_stateless.entrypoints.classes import Classes
    from pylint_stateless.entrypoints.decorators import Decorators
    from pylint_stateless.knowledge import Knowledge


class Registrations:
    """Registration calls of one linted module."""

    def __init__(  # pylint: disable=too-many-arguments,too-many-positional-arguments
        self, module: nodes.Module, knowledge: Knowledge, resolver: Resolver,
        decorators: Decorators, classes: Classes,
    ) -> None:
        self._module = module
        self._knowledge = knowledge
        self._resolver = resolver
        self._decorators = decorators
        self._classes = classes
        self._imported: frozenset[str] | None = None

    def entry_points(self, call: nodes.Call) -> Iterator[EntryPoint]:
        """What ``call`` registers."""
        if isinstance(call.func, nodes.Call):
            yield from self.applied(call)
            return
        name = astutil.last_name(call.func)
        if name is None:
            return
        tables = self._knowledge
        if name == "append":
            yield from self._from_hook_list(call)
            return
        for pattern, registration in tables.registration_patterns:
            if pattern.match(name):
                # ``add_GreeterServicer_to_server(servicer, server)``
                target = astutil.call_argument(call, registration.position, registration.keyword)
                label = registration.label or registration.role.value
                yield from self._targets(target, registration, label, call, INFERENCE)
                return
        qname = astutil.import_qname(call.func)
        if qname is not None and not qname.startswith("builtins."):
            # ``Route(...)``, ``path(...)``, ``Depends(...)``, ``FastAPI(lifespan=...)``
            yield from self._callable(qname, call, confidence_of(qname))
            return
        frameworks = [fw for fw in tables.frameworks
                      if name in fw.registration_methods or name in fw.startup_event_methods]
        if not frameworks or not isinstance(call.func, nodes.Attribute):
            return  # no method of that name registers anything
        receiver = self._decorators.receiver_class(call.func.expr)
        if receiver is not None:
            for framework in tables.app_frameworks({receiver}):
                yield from self._method(framework, name, call, confidence_of(receiver))
            return
        if all(fw.package_receivers and not fw.packages & self._imported_packages()
               for fw in frameworks):
            return  # (``load``, ``select``: any object's, unless the module uses the framework)
        inferred = astutil.infer_one(call.func)
        if isinstance(inferred, bases.BoundMethod):
            owner = getattr(inferred.bound, "_proxied", None)
            if isinstance(owner, nodes.ClassDef):
                for framework in tables.app_frameworks(astutil.class_qnames(owner)):
                    yield from self._method(framework, name, call, INFERENCE)
            return
        yield from self._unknown_receiver(name, call, frameworks)

    def _unknown_receiver(self, name: str, call: nodes.Call,
                          frameworks: list[Framework]) -> Iterator[EntryPoint]:
        """``<something>.<name>(...)``, where nothing tells what ``<something>`` is."""
        found = list(self._on_any_receiver(name, call))
        if found:
            yield from found
        elif call.args and astutil.const_str(call.args[0]) is not None:
            # ``<something>.add_route("GET", "/path", handler)``: every framework that has
            # such a method is tried; only a target that is a function counts.
            for framework in frameworks:
                yield from self._method(framework, name, call, INFERENCE_FAILURE)

    def applied(self, call: nodes.Call) -> Iterator[EntryPoint]:
        """``app.event("app_mention")(handler)``: what ``@app.event("app_mention")`` on
        the handler would declare; also ``(ack=..., lazy=[...])`` for a framework's
        ``listener_keywords``."""
        result = self._decorators.classify(call.func)
        if result is None:
            return
        role, label, confidence, remedy = result
        targets = list(call.args[:1])
        for keyword in call.keywords or ():
            if keyword.arg in self._knowledge.listener_keywords:
                value = keyword.value
                targets.extend(value.elts if isinstance(value, (nodes.List, nodes.Tuple))
                               else [value])
        for target in targets:
            for entry in self._targets(target, Registration(role, 0), label, call, confidence):
                yield dataclasses.replace(entry, remedy=remedy) if remedy else entry

    def wrapper(self, assign: nodes.Assign) -> Iterator[EntryPoint]:
        """The ``__call__`` of a project class wrapping the application, one instance: as
        sure as what says that the object assigned to is an application."""
        call = assign.value
        for target in assign.targets:
            if not isinstance(target, nodes.AssignAttr):
                continue
            receiver = self._decorators.receiver_class(target.expr)
            if receiver is None or not any(
                target.attrname in fw.middleware_attributes
                for fw in self._knowledge.app_frameworks({receiver})
            ):
                continue
            yield from self._targets(call.func, Registration(Role.MIDDLEWARE, None),
                                     "WSGI middleware", assign, confidence_of(receiver))
            return

    def _method(
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
        label = registration.label or registration_label(registration.role, name, call)
        yield from _remedied(self._registered(call, registration, label, confidence),
                             framework.remedy)

    def _on_any_receiver(self, name: str, call: nodes.Call) -> Iterator[EntryPoint]:
        """``<receiver>.click(fn)`` for a framework whose every object registers callables
        (``package_receivers``), where neither the source nor inference tells what the
        receiver is (``btn.click(f).then(g)``): in a module that imports the framework, a
        function of the project registered that way is an entry point, at low confidence."""
        assert isinstance(call.func, nodes.Attribute)
        frameworks = [fw for fw in self._knowledge.frameworks
                      if fw.package_receivers and name in fw.registration_methods]
        if not frameworks:
            return
        receiver = astutil.infer_one(call.func.expr)
        qnames = (astutil.class_qnames(receiver._proxied)  # pylint: disable=protected-access
                  if isinstance(receiver, bases.Instance)
                  and isinstance(getattr(receiver, "_proxied", None), nodes.ClassDef)
                  else set())
        for framework in frameworks:
            if qnames:
                if framework in self._knowledge.app_frameworks(qnames):
                    yield from self._method(framework, name, call, INFERENCE)
                continue  # an object of another library
            if framework.packages & self._imported_packages():
                for entry in self._method(framework, name, call, INFERENCE_FAILURE):
                    if isinstance(entry.func, nodes.FunctionDef) and entry.func.name != "__init__":
                        yield entry

    def _imported_packages(self) -> frozenset[str]:
        """The top-level packages the linted module imports (anywhere in it)."""
        if self._imported is None:
            found: set[str] = set()
            for node in self._module.nodes_of_class((nodes.Import, nodes.ImportFrom)):
                if isinstance(node, nodes.ImportFrom):
                    if not node.level:
                        found.add(node.modname.split(".", 1)[0])
                else:
                    found.update(name.split(".", 1)[0] for name, _alias in node.names)
            self._imported = frozenset(found)
        return self._imported

    def _callable(
        self, qname: str, call: nodes.Call, confidence: Confidence
    ) -> Iterator[EntryPoint]:
        for fw in self._knowledge.frameworks:
            if qname in fw.app_classes:
                yield from self._startup_keywords(call, fw, confidence)
                return
            registration = fw.registration_callables.get(qname)
            if registration is not None:
                label = registration.label or registration_label(
                    registration.role, qname.rsplit(".", 1)[-1], call)
                yield from _remedied(self._registered(call, registration, label, confidence),
                                     fw.remedy)
                return

    def _registered(
        self, call: nodes.Call, registration: Registration, label: str, confidence: Confidence
    ) -> Iterator[EntryPoint]:
        """What a registration call registers: the argument it passes, or the callables
        it names in data (an OpenAPI document's operationIds)."""
        if registration.named_by is None:
            target = astutil.call_argument(call, registration.position, registration.keyword)
            yield from self._targets(target, registration, label, call, confidence)
            return
        for handler in registration.named_by(call):
            func = self._function_named(handler.name)
            if func is not None and self.reports_here(func):
                yield EntryPoint(func, handler.role, handler.label, self._anchor(func, call),
                                 confidence)

    def _function_named(self, dotted: str) -> nodes.FunctionDef | None:
        """The project function ``pkg.module.function`` or ``module.Class.method`` names, as
        an import of it would find it: the longest prefix that is a module, then attributes."""
        parts = dotted.split(".")
        project = self._resolver.project
        for cut in range(len(parts) - 1, 0, -1):
            module = project.module(".".join(parts[:cut]))
            if module is None:
                continue
            target = project.module_callable(module, parts[cut])
            for attr in parts[cut + 1:]:
                target = (project.find_method(target, attr)
                          if isinstance(target, nodes.ClassDef) else None)
            return target if isinstance(target, nodes.FunctionDef) else None
        return None

    def _from_hook_list(self, call: nodes.Call) -> Iterator[EntryPoint]:
        """``app.on_startup.append(fn)``."""
        func = call.func
        if not (isinstance(func, nodes.Attribute) and isinstance(func.expr, nodes.Attribute)):
            return
        role = self._knowledge.hook_lists.get(func.expr.attrname)
        if role is None or not call.args:
            return
        yield from self._targets(call.args[0], Registration(role, 0), "", call, INFERENCE_FAILURE)

    def _startup_keywords(
        self, call: nodes.Call, framework: Framework, confidence: Confidence
    ) -> Iterator[EntryPoint]:
        for keyword in call.keywords or ():
            if keyword.arg in framework.handler_keywords:
                label = (framework.event_label(keyword.arg, call) if framework.event_label
                         else Role.ROUTE.value)
                yield from _remedied(self._targets(
                    keyword.value, Registration(Role.ROUTE, None), label, call, confidence
                ), framework.remedy)
                continue
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

    def _targets(  # pylint: disable=too-many-arguments,too-many-positional-arguments
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
            if method is not None and self.reports_here(method):
                owner = _registering_self(target)
                yield EntryPoint(method, role, label, self._anchor(method, anchor),
                                 confidence, self_state=target,
                                 lifetime=Lifetime.SHARED if owner is not None else None,
                                 shared_self=owner)
            return
        if isinstance(inferred, nodes.FunctionDef):
            if self.reports_here(inferred):
                yield EntryPoint(inferred, role, label, self._anchor(inferred, anchor),
                                 confidence)
            return
        if isinstance(inferred, nodes.ClassDef):
            yield from self._class_target(inferred, registration, label, anchor, confidence)
            return
        if isinstance(inferred, bases.Instance) and isinstance(
            getattr(inferred, "_proxied", None), nodes.ClassDef
        ):
            yield from self._instance_target(inferred._proxied,  # pylint: disable=protected-access
                                             target, registration, label, anchor, confidence)

    def _instance_target(  # pylint: disable=too-many-arguments,too-many-positional-arguments
        self, cls: nodes.ClassDef, target: nodes.NodeNG, registration: Registration,
        label: str, anchor: nodes.NodeNG, confidence: Confidence,
    ) -> Iterator[EntryPoint]:
        """An instance registered once: it serves every call."""
        if not astutil.is_project_node(cls, self._module):
            return
        if cls.root() is self._module and self._classes.entry_class(cls) is not None:
            return  # its class declares it, in this module
        methods = (
            _resource_methods(cls, registration.resource_methods)
            if registration.resource_methods is not None
            else [m for m in (method_of(cls, "__call__"),) if m is not None]
        )
        for method in methods:
            yield EntryPoint(method, registration.role, label, self._anchor(method, anchor),
                             confidence, lifetime=Lifetime.SHARED, shared_self=cls,
                             self_state=target)

    def _class_target(  # pylint: disable=too-many-arguments,too-many-positional-arguments
        self,
        cls: nodes.ClassDef,
        registration: Registration,
        label: str,
        anchor: nodes.NodeNG,
        confidence: Confidence,
    ) -> Iterator[EntryPoint]:
        if not astutil.is_project_node(cls, self._module):
            return
        if self._classes.entry_class(cls) is not None:
            return  # its class declares it, in its own module
        if registration.role is Role.MIDDLEWARE:
            # ``add_middleware(Cls)``: one instance wraps the app for the process.
            method = method_of(cls, "__call__")
            if method is not None:
                yield EntryPoint(method, registration.role, label, self._anchor(method, anchor),
                                 confidence, lifetime=Lifetime.SHARED, shared_self=cls)
            return
        # A class used as a dependency or view: instantiated per call.
        init = method_of(cls, "__init__")
        if init is not None and astutil.is_project_node(init, self._module):
            yield EntryPoint(init, registration.role, label, self._anchor(init, anchor),
                             confidence, lifetime=Lifetime.PER_REQUEST)

    def reports_here(self, func: nodes.FunctionDef) -> bool:
        """A registered function is reported here unless its own module declares it."""
        if not astutil.is_project_node(func, self._module):
            return False
        if func.root() is self._module:
            return True
        if func.decorators is not None and any(
            self._decorators.classify(d) is not None for d in func.decorators.nodes
        ):
            return False
        if isinstance(func.parent, nodes.ClassDef) and self._classes.entry_class(func.parent):
            return False
        return not any(
            fw.function_convention is not None and fw.function_convention(func) is not None
            for fw in self._knowledge.frameworks
        )

    def _anchor(self, func: nodes.NodeNG, registration: nodes.NodeNG) -> nodes.NodeNG:
        return func if func.root() is self._module else registration


def _registering_self(target: nodes.NodeNG) -> nodes.ClassDef | None:
    """The class of ``self`` in ``button.click(self.on_click)`` written in a method: the
    object that registers its own method once (building the application or its user
    interface) serves every request with it."""
    if not (isinstance(target, nodes.Attribute) and isinstance(target.expr, nodes.Name)):
        return None
    try:
        _scope, bindings = target.expr.lookup(target.expr.name)
    except Exception:  # pylint: disable=broad-exception-caught
        return None
    if len(bindings) != 1 or not isinstance(bindings[0].parent, nodes.Arguments):
        return None
    method = bindings[0].parent.parent
    if not isinstance(method, nodes.FunctionDef) or method.type != "method":
        return None
    params = [*method.args.posonlyargs, *method.args.args]
    cls = method.parent
    return cls if params and params[0] is bindings[0] and isinstance(cls, nodes.ClassDef) else None


def _remedied(entries: Iterable[EntryPoint], remedy: str) -> Iterator[EntryPoint]:
    """The entry points a framework declares, with what its services should use instead."""
    for entry in entries:
        yield dataclasses.replace(entry, remedy=remedy) if remedy else entry


def _resource_methods(cls: nodes.ClassDef, prefix: str) -> list[nodes.FunctionDef]:
    return [
        method
        for method in own_methods(cls)
        if method.name.startswith(prefix)
        and not method.name.startswith("_")
        and method.type == "method"
    ]
