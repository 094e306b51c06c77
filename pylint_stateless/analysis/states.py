"""The pieces of state of the project, made once per key for a linted module's analysis.

A module-level name, an attribute of a shared instance, a class attribute: each is
built from its defining assignments (what they assign decides its shape); the states
that no single assignment defines (the application object, ``os.environ``, the result
an ``lru_cache`` keeps, an instance the framework shares) are made from a key.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from astroid import nodes
from pylint.interfaces import HIGH, INFERENCE, Confidence

from pylint_stateless import knowledge
from pylint_stateless.analysis import astutil
from pylint_stateless.analysis.project import class_writes
from pylint_stateless.analysis.model import (
    ClassRef,
    Env,
    Shape,
    State,
    StateKind,
    ValueShape,
    weakest,
)

if TYPE_CHECKING:
    from pylint_stateless.analysis.resolver import Resolver


class States:
    """Every state the linted module's analysis has met, by key."""

    def __init__(self, resolver: Resolver) -> None:
        self._resolver = resolver
        self._modules: dict[tuple[str, str], State | None] = {}
        self._others: dict[tuple[str, ...], State | None] = {}
        self._element_classes: dict[tuple[str, ...], nodes.ClassDef | None] = {}

    def known(self, key: tuple[str, ...]) -> State | None:
        return self._others.get(key)

    def module_state(self, module: nodes.Module, name: str) -> State | None:
        """The state bound to ``name`` at the top level of ``module`` (None if not state)."""
        key = (module.name, name)
        if key in self._modules:
            return self._modules[key]
        self._modules[key] = None  # guards against recursive definitions
        if self._resolver.runs_per_session(module):
            return None  # a script's globals are made anew on every run
        state = self._build_module_state(module, name)
        self._modules[key] = state
        return state

    def instance_attr(self, owner: State, attr: str) -> State | None:
        """``owner.attr`` where ``owner`` is a shared instance of a project class."""
        cls = owner.cls
        if cls is None:
            return None
        key = (*owner.key, "." + attr)
        if key in self._others:
            return self._others[key]
        decls: list[nodes.NodeNG] = list(self._resolver.project.instance_attr_decls(cls, attr))
        shape = self._resolver.shapes.of_decls(decls)
        if shape.shape is Shape.OTHER:
            declared = self._declared_per_instance(cls, attr)
            if declared is not None:
                shape, declaration = declared
                decls = [declaration, *decls]
            else:
                shape = self._injected(decls) or shape
        first = decls[0] if decls else None
        # Where the attribute is first assigned (an instance attribute may be created by
        # a write in another module than its class's), else where its owner is.
        where = first.root() if first is not None else None
        state = _state(
            kind=StateKind.ATTRIBUTE, name=f"{owner.name}.{attr}",
            module=where.name if where is not None else owner.module,
            file=(where.file or "") if where is not None else owner.file,
            line=first.lineno if first is not None else owner.line, shape=shape.shape,
            type_name=shape.type_name, key=key, confidence=shape.confidence, decl=first,
            owner=owner, cls=shape.cls, qualified_type=shape.qualified_type,
            values=_values(decls),
        )
        self._others[key] = state
        return state

    def _injected(self, decls: list[nodes.NodeNG]) -> ValueShape | None:
        """``self.store = store`` from a parameter annotated with a project class: the
        object it holds is an instance of that class (injected, or handed in)."""
        for decl in decls:
            cls = self._resolver.objects.parameter_class(astutil.assigned_value(decl))
            if cls is not None:
                return self._resolver.shapes.of_project_class(cls)
        return None

    def _declared_per_instance(
        self, cls: nodes.ClassDef, attr: str
    ) -> tuple[ValueShape, nodes.AssignName] | None:
        """A class-body declaration of a container each instance gets (a traitlets
        ``Dict()``, a dataclass ``field(default_factory=dict)``), and its shape."""
        owner = self._resolver.project.class_defining(cls, attr)
        if owner is None:
            return None
        for decl in owner.locals.get(attr, []):
            if isinstance(decl, nodes.AssignName):
                shape = self._resolver.shapes.per_instance(astutil.assigned_value(decl))
                if shape is not None:
                    return shape, decl
        return None

    def class_attr(self, cls: nodes.ClassDef, attr: str) -> State | None:
        """``Cls.attr`` when ``attr`` is defined in the body of ``cls`` or a project base
        (a per-instance declaration there, a dataclass field, is not the class's)."""
        owner = self._resolver.project.class_defining(cls, attr)
        if owner is None or not astutil.is_project_node(owner, self._resolver.current):
            return None
        if self._resolver.runs_per_session(owner.root()):
            return None  # a class a script defines anew on every run
        if self._declared_per_instance(cls, attr) is not None:
            return None
        key = ("class", owner.qname(), attr)
        if key in self._others:
            return self._others[key]
        decls = [n for n in owner.locals.get(attr, []) if isinstance(n, nodes.AssignName)]
        # ``cls._instance = cls()`` in a class method, ``Server.instance = self``: what the
        # class keeps there (a singleton) also says what the attribute holds.
        shape = self._resolver.shapes.of_decls([*decls, *class_writes(owner, attr)])
        state = _state(
            kind=StateKind.CLASS, name=f"{owner.name}.{attr}", module=owner.root().name,
            file=owner.root().file or "",
            line=decls[0].lineno if decls else owner.lineno, shape=shape.shape,
            type_name=shape.type_name, key=key, confidence=shape.confidence,
            decl=decls[0] if decls else None, cls=shape.cls,
            qualified_type=shape.qualified_type, values=_values(decls),
        )
        self._others[key] = state
        return state

    def pseudo(self, key: tuple[str, ...], **fields: Any) -> State:
        """A state that no single assignment defines, made once per key."""
        state = self._others.get(key)
        if state is None:
            state = self._others[key] = _state(key=key, **fields)
        return state

    def process_global(self, qname: str) -> State:
        """A mutable global of the standard library, such as ``os.environ``."""
        return self.pseudo(
            ("process", qname), kind=StateKind.MODULE, name=qname,
            module=qname.rsplit(".", 1)[0], line=0, shape=Shape.CONTAINER,
            type_name=knowledge.PROCESS_GLOBALS[qname], confidence=HIGH, leaf=qname,
        )

    def memoised(self, func: nodes.FunctionDef) -> State:
        """The result that ``@lru_cache`` keeps for a function without parameters."""
        return self.pseudo(
            ("memoised", func.root().name, func.qname()), kind=StateKind.MODULE,
            name=func.name, module=func.root().name, file=func.root().file or "",
            line=func.lineno, shape=Shape.OTHER,
            type_name="cached result", decl=func,
        )

    def shared_instance(self, cls: nodes.ClassDef, label: str) -> State:
        """An instance the framework keeps for the whole process (a middleware)."""
        return self.pseudo(
            ("instance", cls.qname(), label), kind=StateKind.MODULE, name=label,
            module=cls.root().name, file=cls.root().file or "", line=cls.lineno,
            shape=Shape.INSTANCE,
            type_name=f"{cls.name} instance", confidence=INFERENCE, decl=cls, cls=cls,
        )

    def local_object(self, func: nodes.FunctionDef, name: str) -> State | None:
        """An object that ``func`` (``main()``, an application factory) makes and hands to
        the application: it lives as long as the application does."""
        key = ("local", func.root().name, func.qname(), name)
        if key in self._others:
            return self._others[key]
        decls = sorted(
            (n for n in func.locals.get(name, []) if isinstance(n, nodes.AssignName)),
            key=lambda n: isinstance(n.parent, nodes.Arguments),  # an assignment first
        )
        shape = self._resolver.shapes.of_decls(decls)
        state = None
        if decls and shape.shape in (Shape.INSTANCE, Shape.CONTAINER):
            state = _state(
                kind=StateKind.LOCAL, name=name, module=func.root().name,
                file=func.root().file or "", line=decls[0].lineno, shape=shape.shape,
                type_name=shape.type_name, key=key, confidence=INFERENCE, decl=decls[0],
                cls=shape.cls, qualified_type=shape.qualified_type, values=_values(decls),
            )
        self._others[key] = state
        return state

    def typed(self, state: State, cls: nodes.ClassDef) -> State:
        """``state`` (of a shape the source does not tell) as an instance of ``cls``, the
        project class it is declared to be."""
        return self.pseudo(
            (*state.key, ":" + cls.qname()), kind=state.kind, name=state.name,
            module=state.module, file=state.file, line=state.line, shape=Shape.INSTANCE,
            type_name=f"{cls.name} instance", confidence=weakest(state.confidence, INFERENCE),
            owner=state.owner, qualified_type=cls.qname(), leaf=state.leaf, decl=state.decl,
            cls=cls,
        )

    def element_class(self, state: State) -> nodes.ClassDef | None:
        """The project class of the objects a container holds (a registry of processors,
        plugins, handlers), from what its module puts in it: their methods act on state
        stored in the container."""
        if state.key in self._element_classes:
            return self._element_classes[state.key]
        self._element_classes[state.key] = None  # guards against a recursion
        module = state.decl.root() if state.decl is not None else None
        found: list[nodes.ClassDef] = []
        if module is not None and state.shape is Shape.CONTAINER:
            shapes = self._resolver.shapes
            for value in _stored_values(module, state):
                shape = shapes.of(value)
                if shape.shape is Shape.INSTANCE and shape.cls is not None:
                    found.append(shape.cls)
        cls = _common_class(found, self._resolver.project.mro) if found else None
        self._element_classes[state.key] = cls
        return cls

    def holds_callables(self, state: State) -> bool:
        """Whether a container's elements are classes or functions (a registry of
        handlers, as its literal says): their methods are not container methods."""
        elements = _literal_elements(state)
        if not elements:
            return False
        for element in elements:
            if not isinstance(element, (nodes.Name, nodes.Attribute)):
                return False
            ref = self._resolver.resolve(element, Env())
            if not isinstance(ref, ClassRef) and self._resolver.callee(element, Env()) is None:
                return False
        return True

    def _build_module_state(self, module: nodes.Module, name: str) -> State | None:
        decls = [n for n in module.locals.get(name, []) if isinstance(n, nodes.AssignName)]
        if not decls:
            return None
        shape = self._resolver.shapes.of_decls(decls)
        module_level = [d for d in decls if d.scope() is module] or decls
        return _state(
            kind=StateKind.MODULE, name=name, module=module.name, file=module.file or "",
            line=module_level[0].lineno,
            shape=shape.shape, type_name=shape.type_name, key=("module", module.name, name),
            confidence=shape.confidence, decl=module_level[0], cls=shape.cls,
            qualified_type=shape.qualified_type, values=_values(decls),
        )


def _state(  # pylint: disable=too-many-arguments
    *, kind: StateKind, name: str, module: str, line: int, shape: Shape, type_name: str,
    file: str = "",
    key: tuple[str, ...], confidence: Confidence = HIGH, decl: nodes.NodeNG | None = None,
    cls: nodes.ClassDef | None = None, owner: State | None = None,
    qualified_type: str | None = None, values: tuple[nodes.NodeNG, ...] = (), leaf: str = "",
) -> State:
    """A state, with what its nodes tell kept as plain fields."""
    parent = getattr(decl, "parent", None)
    annotation = astutil.text(parent.annotation) if isinstance(parent, nodes.AnnAssign) else ""
    return State(
        kind=kind, name=name, module=module, line=line, shape=shape, type_name=type_name,
        key=key, confidence=confidence, owner=owner, qualified_type=qualified_type, leaf=leaf,
        annotation=annotation, class_name=cls.name if cls is not None else "",
        framework_held=isinstance(decl, nodes.ClassDef), file=file, decl=decl, cls=cls,
        values=values,
    )


def _literal_elements(state: State) -> list[nodes.NodeNG]:
    """The elements a container's literals hold (the values of a dict)."""
    elements: list[nodes.NodeNG] = []
    for value in state.values:
        if isinstance(value, nodes.Dict):
            elements += [v for _k, v in value.items]
        elif isinstance(value, (nodes.List, nodes.Tuple, nodes.Set)):
            elements += list(value.elts)
    return elements


def _stored_values(module: nodes.Module, state: State) -> list[nodes.NodeNG]:
    """What a module-level container's literal holds, and what its module stores in it
    (``NAME[key] = value``, ``NAME.append(value)``, ``NAME.setdefault(key, value)``)."""
    values = _literal_elements(state)
    name = state.name
    for assign in module.nodes_of_class(nodes.Assign):
        for target in assign.targets:
            if (isinstance(target, nodes.Subscript) and isinstance(target.value, nodes.Name)
                    and target.value.name == name):
                values.append(assign.value)
    for call in module.nodes_of_class(nodes.Call):
        func = call.func
        if (isinstance(func, nodes.Attribute) and isinstance(func.expr, nodes.Name)
                and func.expr.name == name and call.args
                and func.attrname in {"append", "add", "setdefault", "insert"}):
            values.append(call.args[-1])
    return values[:32]


def _common_class(classes: list[nodes.ClassDef], mro: Callable[[nodes.ClassDef],
                  list[nodes.ClassDef]]) -> nodes.ClassDef | None:
    """The nearest project class every one of ``classes`` is (itself or a base)."""
    first, *others = classes
    for candidate in mro(first):
        if all(any(k is candidate for k in mro(other)) for other in others):
            return candidate
    return None


def _values(decls: list[nodes.AssignName] | list[nodes.AssignAttr] | list[nodes.NodeNG]
            ) -> tuple[nodes.NodeNG, ...]:
    return tuple(v for d in decls if (v := astutil.assigned_value(d)) is not None)
