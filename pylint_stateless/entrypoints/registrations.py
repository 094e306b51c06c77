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
from pylint_stateless.entrypoints.labels import confidence_of, registration_label
from pylint_stateless.entrypoints.model import EntryPoint
from pylint_stateless.entrypoints.targets import Targets
from pylint_stateless.frameworks.base import Framework, Registration, Role

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
        self._targets = Targets(module, knowledge, decorators, classes)
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
                yield from self._targets.of(target, registration, label, call, INFERENCE)
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
            for entry in self._targets.of(target, Registration(role, 0), label, call, confidence):
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
            yield from self._targets.of(call.func, Registration(Role.MIDDLEWARE, None),
                                     "WSGI middleware", assign, confidence_of(receiver))
            return

    def _method(
        self, framework: Framework, name: str, call: nodes.Call, confidence: Confidence
    ) -> Iterator[EntryPoint]:
        events = framework.startup_event_methods.get(name)
        if events is not None:
            if astutil.const_str(call.args[0] if call.args else None) in events:
                target = astutil.call_argument(call, 1, "func")
                yield from self._targets.of(
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
            yield from self._targets.of(target, registration, label, call, confidence)
            return
        for handler in registration.named_by(call):
            func = self._function_named(handler.name)
            if func is not None and self._targets.reports_here(func):
                anchor = self._targets.anchor(func, call)
                yield EntryPoint(func, handler.role, handler.label, anchor, confidence)

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
        yield from self._targets.of(call.args[0], Registration(role, 0), "", call,
                                    INFERENCE_FAILURE)

    def _startup_keywords(
        self, call: nodes.Call, framework: Framework, confidence: Confidence
    ) -> Iterator[EntryPoint]:
        for keyword in call.keywords or ():
            if keyword.arg in framework.handler_keywords:
                label = (framework.event_label(keyword.arg, call) if framework.event_label
                         else Role.ROUTE.value)
                yield from _remedied(self._targets.of(
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
                yield from self._targets.of(
                    value, Registration(Role.STARTUP, None), "", call, confidence
                )


def _remedied(entries: Iterable[EntryPoint], remedy: str) -> Iterator[EntryPoint]:
    """The entry points a framework declares, with what its services should use instead."""
    for entry in entries:
        yield dataclasses.replace(entry, remedy=remedy) if remedy else entry
