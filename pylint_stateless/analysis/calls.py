"""Which project function a call on the request path calls.

:class:`Calls` answers, from the source, for one linted module's analysis: the function a
name or an attribute names (``helper()``, ``module.helper()``, ``service.method()``,
``super().method()``, ``Service().method()``), the method a ``with`` calls on its
context manager, and what ``self`` or ``cls`` is bound to in it. A callee that is not
project code, or that cannot be told without inference (a method of a local or of a
parameter, a library call), is None.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from astroid import nodes

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


# (the function, what ``self``/``cls`` is bound to, whether it is called as a method)
Callee = tuple[nodes.FunctionDef, Ref | None, bool]


class Calls:
    """Callees of calls, read from the source, for one linted module's analysis."""

    def __init__(self, resolver: Resolver) -> None:
        self._r = resolver

    def callee(self, func: nodes.NodeNG, env: Env, depth: int = 0) -> Callee | None:
        """The project function a call's ``func`` names, read from the source.

        Returns (function, what ``self``/``cls`` is bound to, whether it is a method
        call); None when the callee is not project code or cannot be told without
        inference: a method of a local or of a parameter, a library call.
        """
        if isinstance(func, nodes.Name):
            return self._named_callee(func)
        if not isinstance(func, nodes.Attribute):
            return None
        if isinstance(func.expr, nodes.Call) and isinstance(func.expr.func, nodes.Name) and (
            func.expr.func.name == "super"
        ):
            return self._super_method(func, env)
        if depth > MAX_ALIAS_DEPTH:
            return None
        base = self._r.resolve(func.expr, env, depth + 1)
        name = func.attrname
        if base is None and isinstance(func.expr, nodes.Call):
            made = self.callee(func.expr.func, env, depth + 1)  # ``Service().method()``
            if made is not None and isinstance(made[1], SelfRef) and made[0].name == "__init__":
                base = made[1]
            elif isinstance(func.expr.func, nodes.Name):
                cls = self.named_callable(func.expr.func)
                base = SelfRef(cls) if isinstance(cls, nodes.ClassDef) else None
        if isinstance(base, ModuleRef):
            target = self._r.project.module_callable(base.module, name)
            if isinstance(target, nodes.FunctionDef):
                return target, None, False
            if isinstance(target, nodes.ClassDef):
                init = self._r.project.find_method(target, "__init__")
                if init is not None:
                    return init, SelfRef(target), True
            return None
        return self._method(base, name)

    def method_of(self, expr: nodes.NodeNG, name: str, env: Env) -> Callee | None:
        """The project method ``name`` of what ``expr`` evaluates to, called on it:
        ``self.lock`` or ``Tracker(key)`` as the context manager of a ``with``."""
        base = self._r.resolve(expr, env)
        if base is None and isinstance(expr, nodes.Call):
            made = self.callee(expr.func, env)
            if made is not None and isinstance(made[1], SelfRef) and made[0].name == "__init__":
                base = made[1]
            elif isinstance(expr.func, nodes.Name):
                cls = self.named_callable(expr.func)  # a class without its own ``__init__``
                base = SelfRef(cls) if isinstance(cls, nodes.ClassDef) else None
        if isinstance(base, ClassRef):
            return None  # the class itself, not an instance of it
        return self._method(base, name)

    def _super_method(self, func: nodes.Attribute, env: Env) -> Callee | None:
        """``super().name(...)`` in a method: the next class's method, on the same object."""
        method = func.scope()
        cls = method.parent if isinstance(method, nodes.FunctionDef) else None
        if not isinstance(cls, nodes.ClassDef) or method.type != "method":
            return None
        params = [*method.args.posonlyargs, *method.args.args]
        if not params:
            return None
        target = self._r.project.find_method(cls, func.attrname, after=cls)
        if target is None or not astutil.is_project_node(target, self._r.current):
            return None
        return target, env.get(params[0].name) or SelfRef(cls), True

    def _named_callee(self, func: nodes.Name) -> Callee | None:
        target = self.named_callable(func)
        if isinstance(target, nodes.FunctionDef):
            return target, None, False
        if isinstance(target, nodes.ClassDef):
            init = self._r.project.find_method(target, "__init__")
            if init is not None and astutil.is_project_node(init, self._r.current):
                return init, SelfRef(target), True
        return None

    def _method(self, base: Ref | None, name: str) -> Callee | None:
        cls: nodes.ClassDef | None = None
        if isinstance(base, (ClassRef, SelfRef)):
            cls = base.cls
        elif isinstance(base, StateRef) and not base.element and base.state.shape in (
            Shape.INSTANCE, Shape.APP
        ):
            cls = base.state.cls
        elif isinstance(base, StateRef) and base.element and not base.view:
            cls = self._r.states.element_class(base.state)  # ``REGISTRY[name].run()``
        if cls is None:
            return None
        method = self._r.project.find_method(cls, name)
        if method is None or not astutil.is_project_node(method, self._r.current):
            return None
        if method.type == "staticmethod":
            return method, None, False
        if method.type == "classmethod":
            owner = method.parent if isinstance(method.parent, nodes.ClassDef) else cls
            return method, ClassRef(owner), True
        if isinstance(base, ClassRef):
            return method, None, True  # ``Cls.method(obj)``: self is the first argument
        return method, base, True

    def named_callable(self, name: nodes.Name) -> nodes.NodeNG | None:
        """The project function or class a name is bound to."""
        scope, bindings = self._r.names.lookup(name)
        if not bindings:
            return None
        binding = astutil.defining_binding(bindings)
        if isinstance(binding, (nodes.FunctionDef, nodes.ClassDef)):
            return binding if astutil.is_project_node(binding, self._r.current) else None
        if isinstance(binding, (nodes.Import, nodes.ImportFrom)) and isinstance(
            scope, nodes.Module
        ):
            ref = self._r.import_ref(binding, name.name)
            if isinstance(ref, ClassRef):
                return ref.cls
            if isinstance(binding, nodes.ImportFrom):
                return self._r.project.imported_function(binding, name.name)
        return None
