"""What an attribute read on the request path refers to.

:class:`Attributes` resolves ``base.attr`` for the resolver: the application reached
from the request or its handler (``request.app``, ``self.application``, Tornado's
``self.settings``, also through a handler passed to a helper), process-wide objects
(``os.environ``), a module's names, class attributes, attributes of a shared instance
or of the application, and ``self.attr`` of a handler set from its route's arguments or
holding the same shared state in every assignment.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from astroid import nodes

from pylint_stateless import knowledge as tables
from pylint_stateless.analysis import astutil
from pylint_stateless.analysis.model import (
    MAX_ALIAS_DEPTH,
    ClassRef,
    Env,
    ModuleRef,
    Ref,
    SelfRef,
    Shape,
    StateRef,
)

if TYPE_CHECKING:
    from pylint_stateless.analysis.resolver import Resolver

# ``request.app``, ``self.request.app``, ``self.application``: the request reaching the app.
_REQUEST_LIKE = re.compile(r"^(self\.)?(request|req|websocket|ws|scope|connection|conn|self)$")
_PROCESS_GLOBAL_ATTRS = frozenset(q.rsplit(".", 1)[-1] for q in tables.PROCESS_GLOBALS)


class Attributes:
    """Attribute reads, for one linted module's analysis."""

    def __init__(self, resolver: Resolver) -> None:
        self._r = resolver
        # Classes known to be request-handler classes, by class (answers memoised).
        self._handler_classes: dict[nodes.ClassDef, bool] = {}

    def resolve(  # pylint: disable=too-many-return-statements
        self, expr: nodes.Attribute, env: Env, depth: int
    ) -> Ref | None:
        """What ``expr`` (``base.attr``), evaluated in a function walked with ``env``, is."""
        attr = expr.attrname
        holder = self._r.knowledge.handler_namespaces.get(attr)
        if attr in self._r.knowledge.app_objects or holder is not None:
            owner = self._request_like(expr.expr, env, depth)
            if owner is not None and holder is None:
                return StateRef(self._r.app.root(f"{owner}.{attr}"))
            if owner is not None:
                # ``self.settings``: the same namespace as ``self.application.settings``
                root = self._r.app.root(f"{owner}.{holder}")
                return StateRef(self._r.app.member(root, attr, namespace=True))
        if attr in _PROCESS_GLOBAL_ATTRS:
            qname = astutil.import_qname(expr)
            if qname in tables.PROCESS_GLOBALS:
                return StateRef(self._r.states.process_global(qname))
        base = self._r.resolve(expr.expr, env, depth + 1)
        if base is None:
            return None
        if isinstance(base, ModuleRef):
            bindings = base.module.locals.get(attr)
            if bindings:
                return self._r.resolve_module_binding(base.module, attr, bindings)
            return self._r.project.module_ref(self._r.project.submodule(base.module, attr))
        if isinstance(base, ClassRef):
            state = self._r.states.class_attr(base.cls, attr)
            return StateRef(state) if state is not None else None
        if isinstance(base, SelfRef):
            return self.self_attribute(base.cls, attr, depth) or self._r.flow.property_value(
                base.cls, attr, base, depth)
        return self._state_attribute(base, attr, depth)

    def _request_like(self, expr: nodes.NodeNG, env: Env, depth: int) -> str | None:
        """How ``expr`` names the request or its handler (``request``, ``self``), when it
        does: by its name, or because it is a handler passed on (``update(self)`` then
        ``app.settings`` in the callee)."""
        text = astutil.text(expr)
        if _REQUEST_LIKE.match(text):
            return text
        if isinstance(expr, nodes.Name) and depth <= MAX_ALIAS_DEPTH:
            base = self._r.resolve(expr, env, depth + 1)
            if isinstance(base, SelfRef) and self._is_handler_class(base.cls):
                return "self"
        return None

    def _is_handler_class(self, cls: nodes.ClassDef) -> bool:
        """Whether ``cls`` derives from a framework's request-handler class."""
        known = self._handler_classes.get(cls)
        if known is None:
            bases = self._r.knowledge.entry_bases
            known = any(astutil.import_qname(base) in bases
                        for klass in self._r.project.mro(cls) for base in klass.bases)
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
            if attr in self._r.knowledge.app_namespaces:
                return StateRef(self._r.app.member(state, attr, namespace=True))
            member = self._r.app.attribute(state, attr)
            return StateRef(member) if member is not None else None
        if state.shape is Shape.NAMESPACE:
            return StateRef(self._r.app.member(state, attr))
        if state.shape is Shape.INSTANCE and state.cls is not None:
            cls_ref = self.self_attribute(state.cls, attr, depth)
            if cls_ref is not None:
                return cls_ref
            if self._r.project.find_method(state.cls, attr) is not None:
                return self._r.flow.property_value(state.cls, attr, base, depth)
            attr_state = self._r.states.instance_attr(state, attr)
            return StateRef(attr_state) if attr_state is not None else None
        return None  # a container's method (handled by the caller), or not state

    def self_attribute(self, cls: nodes.ClassDef, attr: str, depth: int = 0) -> Ref | None:
        """``self.attr`` read through an instance: a class attribute unless shadowed, what a
        handler's setup method stored from the arguments of its route, or the piece of
        state every assignment of the attribute stores."""
        decls = self._r.project.instance_attr_decls(cls, attr)
        if decls:
            return self._handed_to_handler(cls, decls) or self._alias_of_shared(decls, depth)
        state = self._r.states.class_attr(cls, attr)
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
            ref = self._r.resolve(value, Env(), depth + 1)
            if not isinstance(ref, StateRef) or ref.view or (found is not None and ref != found):
                return None
            found = ref
        return found

    def _handed_to_handler(
        self, cls: nodes.ClassDef, decls: list[nodes.AssignAttr]
    ) -> Ref | None:
        """``self._store = store`` in ``initialize(self, store)``: the object the route
        specification hands the handler (every assignment must agree)."""
        if not self._r.knowledge.route_arguments:
            return None
        found: Ref | None = None
        for decl in decls:
            value = astutil.assigned_value(decl)
            method = decl.frame()
            if not isinstance(value, nodes.Name) or not isinstance(method, nodes.FunctionDef):
                return None
            if value.name not in {p.name for p in method.args.args}:
                return None
            ref = self._r.flow.handler_argument(cls, method, value.name)
            if ref is None or (found is not None and found != ref):
                return None
            found = ref
        return found
