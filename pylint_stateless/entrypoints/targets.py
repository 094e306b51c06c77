"""What a registration registers: the function, bound method, class or instance a
registration call or a decorator applied by a call is given, as entry points.

A function defined in another module is reported where it is registered unless its own
module declares it (a decorator, its class, a convention); a bound method registered by
the object that owns it (``router.add_api_route("/x", self.handle)``) serves every
request on that one object; a class registered as middleware is one instance for the
process, one registered as a dependency or view is made per request.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from astroid import bases, nodes
from pylint.interfaces import Confidence

from pylint_stateless.analysis import astutil
from pylint_stateless.entrypoints.classes import method_of, own_methods
from pylint_stateless.entrypoints.model import EntryPoint
from pylint_stateless.frameworks.base import Lifetime, Registration, Role

if TYPE_CHECKING:
    from pylint_stateless.entrypoints.classes import Classes
    from pylint_stateless.entrypoints.decorators import Decorators
    from pylint_stateless.knowledge import Knowledge


class Targets:
    """The targets of registrations in one linted module."""

    def __init__(self, module: nodes.Module, knowledge: Knowledge, decorators: Decorators,
                 classes: Classes) -> None:
        self._module = module
        self._knowledge = knowledge
        self._decorators = decorators
        self._classes = classes

    def of(  # pylint: disable=too-many-arguments,too-many-positional-arguments
        self,
        target: nodes.NodeNG | None,
        registration: Registration,
        label: str,
        anchor: nodes.NodeNG,
        confidence: Confidence,
    ) -> Iterator[EntryPoint]:
        """The entry points ``target`` (given to a registration at ``anchor``) stands for."""
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
                yield EntryPoint(method, role, label, self.anchor(method, anchor),
                                 confidence, self_state=target,
                                 lifetime=Lifetime.SHARED if owner is not None else None,
                                 shared_self=owner)
            return
        if isinstance(inferred, nodes.FunctionDef):
            if self.reports_here(inferred):
                yield EntryPoint(inferred, role, label, self.anchor(inferred, anchor),
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
            yield EntryPoint(method, registration.role, label, self.anchor(method, anchor),
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
                yield EntryPoint(method, registration.role, label, self.anchor(method, anchor),
                                 confidence, lifetime=Lifetime.SHARED, shared_self=cls)
            return
        # A class used as a dependency or view: instantiated per call.
        init = method_of(cls, "__init__")
        if init is not None and astutil.is_project_node(init, self._module):
            yield EntryPoint(init, registration.role, label, self.anchor(init, anchor),
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

    def anchor(self, func: nodes.NodeNG, registration: nodes.NodeNG) -> nodes.NodeNG:
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


def _resource_methods(cls: nodes.ClassDef, prefix: str) -> list[nodes.FunctionDef]:
    return [
        method
        for method in own_methods(cls)
        if method.name.startswith(prefix)
        and not method.name.startswith("_")
        and method.type == "method"
    ]
