"""The application object and what hangs off it.

Request code reaches the application as ``request.app``, ``current_app``,
``self.application``; what it keeps there (``app.state.jobs``, ``app["ws"]``,
``app.config[...]``) is shared by every request of the process. A member's shape comes
from where the linted module sets it up (``app["ws"] = WeakSet()``), else from its name.
Every answer here depends on the linted module's setup: each bumps the taint that keeps
a summary from being shared with other modules (:mod:`.walker`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from astroid import nodes
from pylint.interfaces import HIGH, INFERENCE_FAILURE

from pylint_stateless import knowledge
from pylint_stateless.analysis import astutil
from pylint_stateless.analysis.model import Shape, State, StateKind, StateRef, ValueShape, weakest

if TYPE_CHECKING:
    from pylint_stateless.analysis.model import Ref
    from pylint_stateless.analysis.resolver import Resolver, Taint


class Application:
    """The application object as the linted module's analysis sees it."""

    def __init__(self, resolver: Resolver, taint: Taint) -> None:
        self._resolver = resolver
        self._taint = taint
        self._setup: dict[str, list[nodes.NodeNG]] | None = None

    def root(self, label: str) -> State:
        """The application object reached as ``label`` (``request.app``, ``current_app``)."""
        self._taint.app += 1
        return self._resolver.states.pseudo(
            ("app", label), kind=StateKind.APP, name=label,
            module=self._resolver.current.name, file=self._resolver.current.file or "",
            line=0, shape=Shape.APP,
            type_name="application object", confidence=INFERENCE_FAILURE,
            leaf=label.rsplit(".", 1)[-1],
        )

    def member(  # pylint: disable=too-many-arguments,too-many-positional-arguments
        self, parent: State, member: str, namespace: bool = False, keyed: bool = False,
        quoted: bool = True,
    ) -> State:
        """``app.state`` (a namespace), ``app.state.visits`` or ``app['ws']`` (a member)."""
        self._taint.app += 1
        if keyed:
            name = f"{parent.name}[{member!r}]" if quoted else f"{parent.name}[{member}]"
        else:
            name = f"{parent.name}.{member}"
        key = (*parent.key, member)
        known = self._resolver.states.known(key)
        if known is not None:
            return known
        if namespace:
            shape = ValueShape(Shape.NAMESPACE, "namespace", HIGH)
        else:
            shape = self._member_shape(member)
        return self._resolver.states.pseudo(
            key, kind=StateKind.APP, name=name, module=parent.module, file=parent.file, line=0,
            shape=shape.shape, type_name=shape.type_name,
            confidence=weakest(parent.confidence, shape.confidence), owner=parent,
            qualified_type=shape.qualified_type, leaf=member,
        )

    def keyed_member(self, base: Ref | None, key: nodes.NodeNG) -> State | None:
        """``app['ws']`` or ``current_app.config['DEBUG']``: the member under a literal key."""
        if not isinstance(base, StateRef) or base.element:
            return None
        if base.state.shape not in (Shape.APP, Shape.NAMESPACE):
            return None
        member = astutil.const_str(key)
        if member is None and isinstance(key, (nodes.Name, nodes.Attribute)):
            # ``request.app[ws_key]`` with a typed ``web.AppKey``: named by the expression
            return self.member(base.state, astutil.text(key), keyed=True, quoted=False)
        if member is None:
            return None
        return self.member(base.state, member, keyed=True)

    def _member_shape(self, member: str) -> ValueShape:
        """What a member of the application holds: from where the module sets it up,
        else from its name."""
        for value in self._setup_values().get(member, []):
            shape = self._resolver.shapes.of(value)
            if shape.shape is not Shape.OTHER:
                return ValueShape(shape.shape, shape.type_name, shape.confidence, None,
                                  shape.qualified_type)
        if knowledge.DATA_NAME_RE.search(member) and not knowledge.RESOURCE_NAME_RE.search(
            member
        ):
            return ValueShape(Shape.CONTAINER, "container", INFERENCE_FAILURE)
        return ValueShape(Shape.OTHER, "value", HIGH)

    def _setup_values(self) -> dict[str, list[nodes.NodeNG]]:
        """``app['ws'] = WeakSet()`` and ``app.state.cache = {}`` anywhere in the module."""
        self._taint.app += 1
        if self._setup is None:
            namespaces = self._resolver.knowledge.app_namespaces
            found: dict[str, list[nodes.NodeNG]] = {}
            for assign in self._resolver.current.nodes_of_class(nodes.Assign):
                for target in assign.targets:
                    if isinstance(target, nodes.Subscript):
                        member = astutil.const_str(target.slice)
                    elif isinstance(target, nodes.AssignAttr) and isinstance(
                        target.expr, nodes.Attribute
                    ) and target.expr.attrname in namespaces:
                        member = target.attrname
                    else:
                        member = None
                    if member is not None:
                        found.setdefault(member, []).append(assign.value)
            self._setup = found
        return self._setup

    def setup_signature(self) -> str:
        """The application setup of the linted module, as text: what a summary that reads
        only that setup depends on."""
        setup = self._setup_values()
        return repr((self._resolver.current.name, sorted(
            (member, [astutil.text(v) for v in values]) for member, values in setup.items()
        )))
