"""The one object an expression stands for, and the class it is declared to be.

:class:`Objects` answers, for one linted module's analysis:

- singletons: a class a dependency-injection container declares one (``@singleton``),
  a class decorated with a project class whose method returns the one object it made
  (``@Singleton`` then ``BotManager.instance()``);
- what a function hands every caller: an ``@lru_cache`` function without parameters
  that returns a project object, a function whose result a framework keeps for the
  process (Streamlit's ``cache_resource``);
- declared types: the project class a return annotation, ``typing.cast`` or a
  parameter's annotation says a value is, for state whose shape the source does not tell.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from astroid import nodes
from pylint.interfaces import INFERENCE

from pylint_stateless import knowledge as tables
from pylint_stateless.analysis import astutil
from pylint_stateless.analysis.flow import returned_values
from pylint_stateless.analysis.model import (
    ClassRef,
    Env,
    Ref,
    Shape,
    StateKind,
    StateRef,
    weakest,
)

if TYPE_CHECKING:
    from pylint_stateless.analysis.resolver import Resolver

_MEMOISERS = frozenset({"functools.lru_cache", "functools.cache"})


class Objects:
    """One object for the process, and declared classes, for one module's analysis."""

    def __init__(self, resolver: Resolver) -> None:
        self._r = resolver

    def typed(self, ref: Ref | None, annotation: nodes.NodeNG, module: nodes.Module) -> Ref | None:
        """A piece of state whose shape the source does not tell (an object the framework
        holds: ``self.settings["kernel_manager"]``), with the project class it is declared
        to be (a return annotation, ``typing.cast``)."""
        if not isinstance(ref, StateRef) or ref.element or ref.view:
            return ref
        guessed = ref.state.type_name == "container" and ref.state.qualified_type is None
        if ref.state.shape not in (Shape.OTHER, Shape.NAMESPACE) and not guessed:
            return ref  # the source says what it is (a guess from its name would not)
        cls = self._declared_class(annotation, module)
        if cls is None:
            return ref
        return StateRef(self._r.states.typed(ref.state, cls))

    def _declared_class(
        self, annotation: nodes.NodeNG, module: nodes.Module
    ) -> nodes.ClassDef | None:
        resolver = self._r
        if isinstance(annotation, nodes.Const) and isinstance(annotation.value, str):
            name = annotation.value.strip()
            bindings = module.locals.get(name)
            if not name.isidentifier() or not bindings:
                return None
            ref = resolver.resolve_module_binding(module, name, bindings)
        else:
            ref = resolver.resolve(annotation, Env())
        if isinstance(ref, ClassRef) and astutil.is_project_node(ref.cls, resolver.current):
            return ref.cls
        return None

    def singleton(self, expr: nodes.NodeNG, env: Env) -> Ref | None:
        """The one instance a dependency-injection container gives for ``expr``, a project
        class it declares a singleton (``@singleton``)."""
        ref = self._r.resolve(expr, env)
        if not isinstance(ref, ClassRef) or ref.cls.decorators is None:
            return None
        if not any(astutil.import_qname(d) in tables.SINGLETON_DECORATORS
                   for d in ref.cls.decorators.nodes):
            return None
        return StateRef(self._r.states.shared_instance(ref.cls, f"{ref.cls.name} singleton"))

    def decorator_instance(self, call: nodes.Call) -> Ref | None:
        """``BotManager.instance()`` for a class decorated with a project class
        (``@Singleton``) whose method returns the object it made by calling the decorated
        class: one instance for the process. The class is named (``BotManager``, as
        imported or defined): a receiver computed by another call is not resolved again
        here, which would double the work at every level of a chain of calls."""
        func = call.func
        if not isinstance(func, nodes.Attribute) or not isinstance(func.expr, nodes.Name):
            return None
        cls = self._r.named_callable(func.expr)
        if not isinstance(cls, nodes.ClassDef) or cls.decorators is None:
            return None
        for decorator in cls.decorators.nodes:
            made = (self._r.named_callable(decorator)
                    if isinstance(decorator, nodes.Name) else None)
            if not isinstance(made, nodes.ClassDef):
                continue
            method = self._r.project.find_method(made, func.attrname)
            if method is not None and _returns_what_it_made(made, method):
                label = f"{cls.name} singleton"
                return StateRef(self._r.states.shared_instance(cls, label))
        return None

    def parameter_class(self, value: nodes.NodeNG) -> nodes.ClassDef | None:
        """The project class a name's parameter is annotated with (``def __init__(self,
        store: Store): self.store = store``): what an injected object is."""
        if not isinstance(value, nodes.Name):
            return None
        _scope, bindings = self._r.names.lookup(value)
        if len(bindings) != 1 or not isinstance(bindings[0], nodes.AssignName):
            return None
        param = bindings[0]
        arguments = param.parent
        if not isinstance(arguments, nodes.Arguments):
            return None
        for group, annotations in ((arguments.args, arguments.annotations),
                                   (arguments.kwonlyargs, arguments.kwonlyargs_annotations)):
            for arg, annotation in zip(group, annotations):
                if arg is param and annotation is not None:
                    return self._declared_class(annotation, param.root())
        return None

    def shared_result(self, func: nodes.FunctionDef) -> Ref | None:
        """``@cache_resource def get_store(): return {}``: a framework keeps what the
        function returns (one object per set of arguments) and hands it to every caller."""
        shared = self._r.knowledge.shared_results
        if func.decorators is None or not shared:
            return None
        for decorator in func.decorators.nodes:
            target = decorator.func if isinstance(decorator, nodes.Call) else decorator
            qname = astutil.import_qname(target)
            if qname in shared:
                break
        else:
            return None
        for value in returned_values(func):
            shape = self._r.shapes.of(value)
            if shape.shape not in (Shape.INSTANCE, Shape.CONTAINER):
                continue
            return StateRef(self._r.states.pseudo(
                ("shared result", func.root().name, func.qname(), qname.rsplit(".", 1)[-1]),
                kind=StateKind.MODULE, name=f"{func.name}()", module=func.root().name,
                file=func.root().file or "", line=func.lineno, shape=shape.shape,
                type_name=shape.type_name, confidence=weakest(shape.confidence, INFERENCE),
                decl=func, cls=shape.cls, qualified_type=shape.qualified_type, values=(value,),
            ))
        return None

    def memoised_instance(self, func: nodes.FunctionDef) -> Ref | None:
        """``@lru_cache def get_service(): return Service()``: one object for the process."""
        if func.args.args or func.args.posonlyargs or func.decorators is None:
            return None
        if self._r.runs_per_session(func.root()):
            return None  # a script defines it, and its cache, anew on every run
        if not any(
            astutil.import_qname(d.func if isinstance(d, nodes.Call) else d) in _MEMOISERS
            for d in func.decorators.nodes
        ):
            return None
        for value in returned_values(func):
            shape = self._r.shapes.of(value)
            if shape.shape is Shape.INSTANCE and shape.cls is not None:
                return StateRef(self._r.states.pseudo(
                    ("cached instance", func.root().name, func.qname()),
                    kind=StateKind.MODULE, name=f"{func.name}()", module=func.root().name,
                    file=func.root().file or "", line=func.lineno, shape=Shape.INSTANCE,
                    type_name=f"{shape.cls.name} instance", confidence=INFERENCE,
                    decl=func, cls=shape.cls, values=(value,),
                ))
        return None


def _returns_what_it_made(decorator: nodes.ClassDef, method: nodes.FunctionDef) -> bool:
    """Whether ``method`` of a class decorator returns an attribute of ``self`` that the
    decorator sets to the result of a call of what it keeps (the decorated class)."""
    returned = {value.attrname for value in returned_values(method)
                if isinstance(value, nodes.Attribute) and isinstance(value.expr, nodes.Name)
                and value.expr.name == "self"}
    init = decorator.locals.get("__init__", [None])[0]
    if not isinstance(init, nodes.FunctionDef) or len(init.args.args) < 2:
        return False
    decorated = init.args.args[1].name  # ``def __init__(self, decorated)``
    kept = {attr for attr, assigned in decorator.instance_attrs.items()
            if any(isinstance(value := astutil.assigned_value(a), nodes.Name)
                   and value.name == decorated for a in assigned)}
    for attr in returned:
        for assigned in decorator.instance_attrs.get(attr, ()):
            value = astutil.assigned_value(assigned)
            if not isinstance(value, nodes.Call):
                continue
            if _calls_the_decorated(value.func, decorated, kept):
                return True
    return False


def _calls_the_decorated(made: nodes.NodeNG, decorated: str, kept: set[str]) -> bool:
    """Whether ``made`` is the decorated class: its parameter, or ``self.<attr>`` holding it."""
    if isinstance(made, nodes.Name):
        return bool(made.name == decorated)
    return (isinstance(made, nodes.Attribute) and isinstance(made.expr, nodes.Name)
            and made.expr.name == "self" and made.attrname in kept)
