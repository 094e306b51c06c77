"""Decorators that make a function an entry point: ``@app.get("/x")``, ``@receiver(...)``.

The source decides first (the import a decorator function comes from, the class an app
object was constructed from); inference is used only when the source cannot tell, and
the shape of the call is the last resort, at lower confidence.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from astroid import bases, nodes
from pylint.interfaces import INFERENCE, INFERENCE_FAILURE, Confidence

from pylint_stateless.analysis import astutil
from pylint_stateless.analysis.model import Env, StateRef
from pylint_stateless.entrypoints.labels import confidence_of, role_label, route_label
from pylint_stateless.frameworks.base import Framework, Role

if TYPE_CHECKING:
    from pylint_stateless.analysis.resolver import Resolver
    from pylint_stateless.knowledge import Knowledge

Decorated = tuple[Role, str, Confidence, str]  # role, label, confidence, remedy
_NEEDS_PATH = frozenset({Role.ROUTE, Role.WEBSOCKET})


class Decorators:
    """Classifies decorators for one linted module."""

    def __init__(self, knowledge: Knowledge, resolver: Resolver) -> None:
        self._knowledge = knowledge
        self._resolver = resolver
        self._receivers = tuple(
            (re.compile(fw.receiver_names), fw) for fw in knowledge.frameworks
            if fw.receiver_names
        )

    def classify(  # pylint: disable=too-many-return-statements
        self, decorator: nodes.NodeNG
    ) -> Decorated | None:
        """Role, label and confidence of a decorator that makes an entry point, or None."""
        call = decorator if isinstance(decorator, nodes.Call) else None
        target = call.func if call is not None else decorator
        name = astutil.last_name(target)
        tables = self._knowledge
        if name is None or name not in tables.decorator_names:
            return None
        import_name = astutil.import_qname(target)
        if import_name in tables.extra_decorators:
            return Role.ROUTE, route_label(name, call), confidence_of(import_name), ""
        role = self._function(import_name, name, call, confidence_of(import_name))
        if role is not None:
            if role[0] is Role.HOOK and self._only_outside_requests(call):
                return None
            return role
        if isinstance(target, nodes.Attribute):
            receiver = self.receiver_class(target.expr)
            if receiver is not None:
                return self._on_receiver(receiver, name, call, target.expr)
        elif import_name is not None:
            return None  # a function imported from elsewhere, not a framework decorator
        inferred = astutil.infer_one(target)
        if inferred is not None:
            qname = astutil.qname_of(inferred)
            if qname in tables.extra_decorators:
                return Role.ROUTE, route_label(name, call), INFERENCE, ""
            if isinstance(inferred, bases.BoundMethod):
                owner = getattr(inferred.bound, "_proxied", None)
                if isinstance(owner, nodes.ClassDef):
                    for framework in tables.app_frameworks(astutil.class_qnames(owner)):
                        role = _method_role(framework, name, call, INFERENCE)
                        if role is not None:
                            return role
                return None
            return self._function(qname, name, call, INFERENCE)
        if isinstance(target, nodes.Attribute):
            return self._by_shape(name, call, target.expr)
        return None

    def _on_receiver(
        self, receiver: str, name: str, call: nodes.Call | None, expr: nodes.NodeNG
    ) -> Decorated | None:
        """``@app.<name>`` where the source says which class ``app`` was built from."""
        for framework in self._knowledge.app_frameworks({receiver}):
            role = _method_role(framework, name, call, confidence_of(receiver))
            if role is not None:
                return role
        if astutil.is_importable(receiver):
            return None  # an object of a known class that is not an app
        return self._by_shape(name, call, expr)  # unknown framework

    def receiver_class(self, expr: nodes.NodeNG) -> str | None:
        """Import name of the class ``expr`` was built from: ``app = FastAPI()`` gives
        ``fastapi.FastAPI``, also through an import from another project module."""
        qname = astutil.constructor_qname(expr)
        if qname is not None:
            return qname
        ref = self._resolver.resolve(expr, Env())
        if isinstance(ref, StateRef) and not ref.element and ref.state.decl is not None:
            for value in ref.state.values:
                if isinstance(value, nodes.Call):
                    return astutil.import_qname(value.func)
        return None

    def _function(
        self, qname: str | None, name: str, call: nodes.Call | None, confidence: Confidence
    ) -> Decorated | None:
        if qname is None:
            return None
        for fw in self._knowledge.frameworks:
            role = fw.decorator_functions.get(qname)
            if role is not None:
                if role in _NEEDS_PATH:
                    return role, _label(fw, role, name, call), confidence, fw.remedy
                return role, role_label(role, name), confidence, fw.remedy
        return None

    def _only_outside_requests(self, call: nodes.Call | None) -> bool:
        """``@receiver(setting_changed)``: a signal that no request sends."""
        if call is None or not call.args:
            return False
        first = call.args[0]
        signals = first.elts if isinstance(first, (nodes.List, nodes.Tuple)) else [first]
        quiet = self._knowledge.quiet_signals
        return all(astutil.last_name(signal) in quiet for signal in signals)

    def _by_shape(
        self, name: str, call: nodes.Call | None, receiver: nodes.NodeNG
    ) -> Decorated | None:
        """``@<something>.get("/path")`` with nothing inferable: a route, at low confidence."""
        fws = self._knowledge.frameworks
        for pattern, fw in self._receivers:
            role = (fw.decorator_methods.get(name) or fw.bare_decorator_methods.get(name))
            if role is not None and pattern.search(astutil.text(receiver)):
                # ``def init(socketio): @socketio.on("connect")``: a server by its name.
                return role, _label(fw, role, name, call), INFERENCE_FAILURE, fw.remedy
        if call is None:
            for fw in fws:
                role = fw.bare_decorator_methods.get(name)
                if role is Role.HOOK:
                    return role, f"{name} hook", INFERENCE_FAILURE, fw.remedy
            return None
        first = astutil.const_str(call.args[0] if call.args else None)
        for fw in fws:
            role = fw.decorator_methods.get(name)
            if role is None:
                continue
            if role in _NEEDS_PATH:
                if first is None or not first.startswith("/"):
                    return None
                return role, route_label(name, call), INFERENCE_FAILURE, fw.remedy
            if role is Role.MIDDLEWARE and first == "http":
                return role, "HTTP middleware", INFERENCE_FAILURE, fw.remedy
            if role is Role.ERROR_HANDLER and call.args and fw.error_handlers_by_shape:
                return role, role.value, INFERENCE_FAILURE, fw.remedy
        for fw in fws:
            events = fw.startup_event_methods.get(name)
            if events and first in events:
                return Role.STARTUP, "", INFERENCE_FAILURE, fw.remedy
        return None


def _method_role(
    framework: Framework, name: str, call: nodes.Call | None, confidence: Confidence
) -> Decorated | None:
    """``@app.<name>`` or ``@app.<name>(...)`` on an application of ``framework``."""
    if call is None:
        role = framework.bare_decorator_methods.get(name)
        if role is None:
            return None
        return role, _label(framework, role, name, None), confidence, framework.remedy
    events = framework.startup_event_methods.get(name)
    if events is not None:
        if astutil.const_str(call.args[0] if call.args else None) in events:
            return Role.STARTUP, "", confidence, framework.remedy
        return None
    role = framework.decorator_methods.get(name)
    if role is None:
        return None
    return role, _label(framework, role, name, call), confidence, framework.remedy


def _label(framework: Framework, role: Role, name: str, call: nodes.Call | None) -> str:
    if framework.event_label is not None:
        return framework.event_label(name, call)
    if role in _NEEDS_PATH and call is not None:
        return route_label(name, call)
    return role_label(role, name)
