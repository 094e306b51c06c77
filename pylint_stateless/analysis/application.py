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

# Where an application is usually assembled, in each package above the linted module
# ("" is the package's ``__init__``).
_SETUP_MODULES = ("", "app", "application", "server", "main", "web", "webapp", "factory")

if TYPE_CHECKING:
    from pylint_stateless.analysis.model import Ref
    from pylint_stateless.analysis.resolver import Resolver, Taint


class Application:
    """The application object as the linted module's analysis sees it."""

    def __init__(self, resolver: Resolver, taint: Taint) -> None:
        self._resolver = resolver
        self._taint = taint
        self._setup: dict[str, list[nodes.NodeNG]] | None = None
        self._subclass: list[nodes.ClassDef] | None = None

    def root(self, label: str) -> State:
        """The application object reached as ``label`` (``request.app``, ``current_app``)."""
        self._taint.app += 1
        subclass = self._application_class()
        return self._resolver.states.pseudo(
            ("app", label), kind=StateKind.APP, name=label,
            module=self._resolver.current.name, file=self._resolver.current.file or "",
            line=0, shape=Shape.APP,
            type_name="application object", confidence=INFERENCE_FAILURE,
            leaf=label.rsplit(".", 1)[-1], cls=subclass,
        )

    def _application_class(self) -> nodes.ClassDef | None:
        """The project's subclass of the framework's application class, when the modules
        where the application is assembled define exactly one: its methods serve the
        application object that request code reaches."""
        if self._subclass is None:
            shapes = self._resolver.shapes
            self._subclass = [
                cls
                for module in [self._resolver.current, *self._setup_modules()]
                for cls in module.body
                if isinstance(cls, nodes.ClassDef) and cls.bases
                and shapes.of_project_class(cls).shape is Shape.APP
            ]
        return self._subclass[0] if len(self._subclass) == 1 else None

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
            qualified_type=shape.qualified_type, leaf=member, cls=shape.cls,
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
                return shape
        if knowledge.DATA_NAME_RE.search(member) and not knowledge.RESOURCE_NAME_RE.search(
            member
        ):
            return ValueShape(Shape.CONTAINER, "container", INFERENCE_FAILURE)
        return ValueShape(Shape.OTHER, "value", HIGH)

    def attribute(self, parent: State, attr: str) -> State | None:
        """``app.events`` where the application's setup sets ``app.events = EventBus()``
        (in an application factory, or ``self.events = ...`` in an application subclass)."""
        if attr not in self._setup_values():
            return None
        return self.member(parent, attr)

    def _setup_values(self) -> dict[str, list[nodes.NodeNG]]:
        """What the application's setup puts in it: ``app['ws'] = WeakSet()`` and
        ``app.state.cache = {}`` in the linted module; ``app.events = EventBus()`` there and
        in the modules where an application is usually assembled (:func:`setup_modules`)."""
        self._taint.app += 1
        if self._setup is None:
            found: dict[str, list[nodes.NodeNG]] = {}
            current = self._resolver.current
            for module in [current, *self._setup_modules()]:
                for assign in module.nodes_of_class(nodes.Assign):
                    for target in assign.targets:
                        member = self._set_up_member(target, linted=module is current)
                        if member is not None:
                            found.setdefault(member, []).append(assign.value)
                for member, value in self._helper_setup(module):
                    found.setdefault(member, []).append(value)
            self._setup = found
        return self._setup

    def _helper_setup(self, module: nodes.Module) -> list[tuple[str, nodes.NodeNG]]:
        """``init_events(app)`` in a setup module, where the project function sets
        ``app.events_manager = EventManager()`` on its parameter: what it sets up."""
        found = []
        resolver = self._resolver
        for call in module.nodes_of_class(nodes.Call):
            if not isinstance(call.func, nodes.Name) or not any(
                isinstance(arg, nodes.Name) for arg in call.args
            ):
                continue  # a helper called by its name, given a name
            positions = [i for i, arg in enumerate(call.args)
                         if isinstance(arg, nodes.Name) and self._made_app(arg)]
            if not positions:
                continue
            func = resolver.named_callable(call.func)
            if not isinstance(func, nodes.FunctionDef) or isinstance(func.parent, nodes.ClassDef):
                continue  # a function's name, not a class or a method
            params = [*func.args.posonlyargs, *func.args.args]
            names = {params[i].name for i in positions if i < len(params)}
            for assign in func.nodes_of_class(nodes.Assign):
                if assign.scope() is not func:
                    continue
                for target in assign.targets:
                    if (isinstance(target, nodes.AssignAttr) and isinstance(target.expr, nodes.Name)
                            and target.expr.name in names):
                        found.append((str(target.attrname), assign.value))
        return found

    def _made_app(self, name: nodes.Name) -> bool:
        """A name assigned an application made by calling its class (``app = Flask(...)``),
        told from the source alone: no shape of another value is computed while the
        application's setup is being read."""
        resolver = self._resolver
        _scope, bindings = resolver.names.lookup(name)
        for binding in bindings:
            value = (astutil.assigned_value(binding) if isinstance(binding, nodes.AssignName)
                     else None)
            if not isinstance(value, nodes.Call):
                continue
            if astutil.import_qname(value.func) in resolver.knowledge.app_classes:
                return True
            made = (resolver.named_callable(value.func) if isinstance(value.func, nodes.Name)
                    else None)
            if isinstance(made, nodes.ClassDef) and (
                    resolver.shapes.of_project_class(made).shape is Shape.APP):
                return True
        return False

    def _set_up_member(self, target: nodes.NodeNG, linted: bool) -> str | None:
        """The member of the application that an assignment target sets up, if any."""
        if isinstance(target, nodes.Subscript):
            return astutil.const_str(target.slice) if linted else None
        if not isinstance(target, nodes.AssignAttr):
            return None
        if isinstance(target.expr, nodes.Attribute) and (
            target.expr.attrname in self._resolver.knowledge.app_namespaces
        ):
            return str(target.attrname)  # ``app.state.cache = {}``
        if isinstance(target.expr, nodes.Name) and self._is_app(target.expr):
            return str(target.attrname)  # ``app.events = EventBus()``, ``self.x`` in a subclass
        return None

    def _is_app(self, name: nodes.Name) -> bool:
        """A name bound to an application object (also ``self`` in an application class)."""
        resolver = self._resolver
        _scope, bindings = resolver.names.lookup(name)
        for binding in bindings:
            if not isinstance(binding, nodes.AssignName):
                continue
            if isinstance(binding.parent, nodes.Arguments):
                method = binding.parent.parent
                cls = method.parent if isinstance(method, nodes.FunctionDef) else None
                params = [*method.args.posonlyargs, *method.args.args] if cls else []
                if (isinstance(cls, nodes.ClassDef) and params and params[0] is binding
                        and resolver.shapes.of_project_class(cls).shape is Shape.APP):
                    return True
                continue
            value = astutil.assigned_value(binding)
            if value is not None and resolver.shapes.of(value).shape is Shape.APP:
                return True
        return False

    def _setup_modules(self) -> list[nodes.Module]:
        """The modules where the linted module's application is usually assembled: the
        ``__init__`` and ``app``/``server``/``main`` modules of its packages."""
        modules = []
        parts = self._resolver.current.name.split(".")
        for depth in range(len(parts) - 1, 0, -1):
            package = ".".join(parts[:depth])
            for name in _SETUP_MODULES:
                absolute = f"{package}.{name}" if name else package
                if absolute == self._resolver.current.name:
                    continue
                module = self._resolver.project.module(absolute)
                if module is not None:
                    modules.append(module)
        return modules

    def setup_signature(self) -> str:
        """The application setup of the linted module, as text: what a summary that reads
        only that setup depends on."""
        setup = self._setup_values()
        return repr((self._resolver.current.name, sorted(
            (member, [astutil.text(v) for v in values]) for member, values in setup.items()
        )))
