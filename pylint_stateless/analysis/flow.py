"""Values that flow through calls: arguments into parameters, return values out of
functions, closure variables out of the factory that made a route.

- ``bind``: what a callee's parameters are bound to, from the caller's arguments;
- ``returned``: what a project function returns, for its bindings
  (``def jobs(request): return request.app.state.jobs``; ``def get_service(): return
  _service``; an ``@lru_cache`` function without parameters returns one object, shared);
- ``closure``: what a variable of an enclosing function refers to in a function defined
  inside it: ``self`` of a method that defines routes is the server object, shared by
  every request; a parameter of a factory (``def make_blueprint(store): @bp.route(...)``)
  is what its callers pass, and lives as long as the application;
- ``dispatched``: the callables of a dispatch table (``handlers[action]()``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from astroid import nodes

from pylint_stateless.analysis import astutil
from pylint_stateless.analysis.model import (
    ClassRef,
    Env,
    Ref,
    Shape,
    StateRef,
)

if TYPE_CHECKING:
    from pylint_stateless.analysis.calls import Callee
    from pylint_stateless.analysis.resolver import Resolver
    from pylint_stateless.frameworks.base import RouteArguments

_MAX_DISPATCH = 32  # callables followed from one dispatch table
_MAX_FACTORY_DEPTH = 3  # factories followed back through their callers
_MAX_CALL_SITES = 8


class Flow:
    """Values through calls, for one linted module's analysis."""

    def __init__(self, resolver: Resolver) -> None:
        self._resolver = resolver
        self._returns: dict[tuple[nodes.FunctionDef, Env], Ref | None] = {}
        self._values: dict[nodes.FunctionDef, list[nodes.NodeNG]] = {}
        # The calls of a module by the last name of what they call, indexed once.
        self._call_sites: dict[int, dict[str, list[nodes.Call]]] = {}
        self._specs: dict[tuple[int, int], list[tuple[nodes.NodeNG, dict[str, nodes.NodeNG]]]] = {}

    # -- arguments ------------------------------------------------------------------------

    def bind(  # pylint: disable=too-many-arguments,too-many-positional-arguments
        self,
        func: nodes.FunctionDef,
        args: list[nodes.NodeNG],
        keywords: list[nodes.Keyword] | tuple[()] | None,
        env: Env,
        first: Ref | None,
    ) -> Env:
        """What the callee's parameters are bound to, from the caller's arguments."""
        resolve = self._resolver.resolve
        params = [*func.args.posonlyargs, *func.args.args]
        mapping: dict[str, Ref] = {}
        offset = 0
        if func.type in {"method", "classmethod"} and isinstance(func.parent, nodes.ClassDef):
            if params and first is not None:
                mapping[params[0].name] = first
            offset = 1
        for index, arg in enumerate(args):
            if isinstance(arg, nodes.Starred) or offset + index >= len(params):
                break
            ref = resolve(arg, env)
            if ref is not None:
                mapping[params[offset + index].name] = ref
        names = {p.name for p in params} | {p.name for p in func.args.kwonlyargs}
        for keyword in keywords or ():
            if keyword.arg in names:
                ref = resolve(keyword.value, env)
                if ref is not None:
                    mapping[keyword.arg] = ref
        return Env.of(mapping)

    # -- return values --------------------------------------------------------------------

    def returned(self, call: nodes.Call, env: Env, depth: int) -> Ref | None:
        """What the project function ``call`` runs returns, when that is state."""
        resolver = self._resolver
        found = resolver.callee(call.func, env, depth + 1)
        if found is None:
            return self._resolver.objects.decorator_instance(call)
        func, first, _is_method = found
        if func.name == "__init__":
            return None  # a new object, made for this call
        if func.decorators is None and not any(
            _may_refer(value) for value in self.values_of(func)
        ):
            return None  # returns nothing, or only new values: no need to bind the call
        return self.returned_from(func, self.bind(func, call.args, call.keywords, env, first),
                                  depth)

    def values_of(self, func: nodes.FunctionDef) -> list[nodes.NodeNG]:
        """The expressions ``func`` returns, read once per function."""
        values = self._values.get(func)
        if values is None:
            values = self._values[func] = returned_values(func)
        return values

    def returned_from(self, func: nodes.FunctionDef, env: Env, depth: int = 0) -> Ref | None:
        """What ``func``, called with ``env``, returns, when that is state."""
        objects = self._resolver.objects
        memoised = objects.memoised_instance(func) or objects.shared_result(func)
        if memoised is not None:
            return memoised
        return self._state_returned(func, env, depth)

    def _state_returned(self, func: nodes.FunctionDef, env: Env, depth: int) -> Ref | None:
        """The first state ``func`` returns with ``env``, typed by its return annotation;
        once per function and bindings (a recursion returns nothing known)."""
        key = (func, env)
        if key in self._returns:
            return self._returns[key]
        self._returns[key] = None
        ref = None
        for value in self.values_of(func):
            ref = self._resolver.resolve(value, env, depth + 1)
            if isinstance(ref, StateRef) and not ref.view:
                break
            ref = None
        if func.returns is not None:
            ref = self._resolver.objects.typed(ref, func.returns, func.root())
        self._returns[key] = ref
        return ref

    def dependency(self, param_default: nodes.NodeNG | None,
                   annotation: nodes.NodeNG | None) -> Ref | None:
        """A parameter a framework fills from a dependency (``service = Depends(get_service)``,
        ``Annotated[Service, Depends(get_service)]``): what the dependency returns, when
        that is one object for the process."""
        markers = self._resolver.knowledge.dependency_markers
        candidates = [param_default]
        if isinstance(annotation, nodes.Subscript) and isinstance(annotation.slice, nodes.Tuple):
            candidates += annotation.slice.elts
        for node in candidates:
            if not (isinstance(node, nodes.Call) and node.args):
                continue
            if astutil.import_qname(node.func) not in markers:
                continue
            found = self._resolver.callee(node.args[0], Env())
            if found is None or found[0].name == "__init__":
                return None
            return self.returned_from(found[0], Env())
        return None

    def property_value(self, cls: nodes.ClassDef, attr: str, owner: Ref, depth: int) -> Ref | None:
        """``obj.attr`` where ``attr`` is a property of ``obj``'s project class: what its
        getter returns for ``obj``, typed by its return annotation."""
        getter = self._resolver.project.find_method(cls, attr)
        if getter is None or not _is_property(getter):
            return None
        params = [*getter.args.posonlyargs, *getter.args.args]
        if not params:
            return None
        return self._state_returned(getter, Env.of({params[0].name: owner}), depth)

    # -- closures -------------------------------------------------------------------------

    def closure(self, binding: nodes.AssignName, depth: int) -> Ref | None:
        """A parameter of an enclosing function, read in a function defined inside it."""
        owner = binding.parent.parent  # Arguments -> the enclosing function
        if not isinstance(owner, nodes.FunctionDef):
            return None
        params = [*owner.args.posonlyargs, *owner.args.args]
        cls = owner.parent
        if (params and params[0] is binding and isinstance(cls, nodes.ClassDef)
                and owner.type == "method"):
            # ``self`` of a method that defines handlers: the object that serves them.
            return StateRef(self._resolver.states.shared_instance(cls, f"{cls.name} instance"))
        return self.factory_argument(owner, binding.name, depth)

    def factory_argument(self, func: nodes.FunctionDef, param: str, depth: int) -> Ref | None:
        """What the callers of ``func`` pass as ``param``, when they all pass one piece of
        state (a module global, an object made in ``main()``)."""
        if depth > _MAX_FACTORY_DEPTH:
            return None
        found: Ref | None = None
        for call in self._calls_of(func):
            arg = _argument(func, call, param)
            if arg is None:
                continue
            ref = self._resolver.resolve(arg, Env(), depth + 1)
            if ref is None:
                ref = self._caller_local(arg, depth)
            if not isinstance(ref, StateRef):
                return None  # a caller passes something else: not one object
            if found is not None and found != ref:
                return None
            found = ref
        return found

    def _caller_local(self, arg: nodes.NodeNG, depth: int) -> Ref | None:
        """An argument that is a local of the calling function: an object it made (lives
        as long as the application it is handed to), or its own parameter."""
        if not isinstance(arg, nodes.Name):
            return None
        scope, bindings = self._resolver.names.lookup(arg)
        if not isinstance(scope, nodes.FunctionDef) or not bindings:
            return None
        binding = bindings[-1]
        if not isinstance(binding, nodes.AssignName):
            return None
        if isinstance(binding.parent, nodes.Arguments):
            return self.factory_argument(scope, binding.name, depth + 1)
        state = self._resolver.states.local_object(scope, binding.name)
        return StateRef(state) if state is not None else None

    def _calls_of(self, func: nodes.FunctionDef) -> list[nodes.Call]:
        """Calls of ``func`` in its own module and in the linted one."""
        found: list[nodes.Call] = []
        resolver = self._resolver
        target_name = func.parent.name if func.name == "__init__" else func.name
        for module in {id(m): m for m in (func.root(), resolver.current)}.values():
            for call in self._named_calls(module, target_name):
                callee = resolver.callee(call.func, Env())
                if callee is not None and callee[0] is func:
                    found.append(call)
                    if len(found) >= _MAX_CALL_SITES:
                        return found
        return found

    def _named_calls(self, module: nodes.Module, name: str) -> list[nodes.Call]:
        by_name = self._call_sites.get(id(module))
        if by_name is None:
            by_name = self._call_sites[id(module)] = {}
            for call in module.nodes_of_class(nodes.Call):
                called = astutil.last_name(call.func)
                if called is not None:
                    by_name.setdefault(called, []).append(call)
        return by_name.get(name, [])

    def _by_name(self, call: nodes.Call, env: Env) -> list[Callee] | None:
        """``getattr(obj, name)`` with a name that is not a literal."""
        if not (isinstance(call.func, nodes.Name) and call.func.name == "getattr"
                and len(call.args) >= 2 and not isinstance(call.args[1], nodes.Const)):
            return None
        if astutil.import_qname(call.func) != "builtins.getattr":
            return None
        ref = self._resolver.resolve(call.args[0], env)
        cls = None
        if isinstance(ref, StateRef) and not ref.element and ref.state.shape is Shape.INSTANCE:
            cls = ref.state.cls
        if cls is None:
            return []
        methods = _public_methods(self._resolver.project.mro(cls))
        return [(method, ref, True) for method in methods if method.type == "method"]

    # -- handlers' setup arguments --------------------------------------------------------

    def handler_argument(self, cls: nodes.ClassDef, method: nodes.FunctionDef,
                         param: str) -> Ref | None:
        """What the route specifications that register ``cls`` hand to the parameter
        ``param`` of its setup ``method`` (Tornado's ``initialize``), when that is one
        piece of state."""
        resolver = self._resolver
        found: Ref | None = None
        for setup, arguments_of in resolver.knowledge.route_arguments:
            if method.name != setup:
                continue
            for module in {id(m): m for m in (cls.root(), resolver.current)}.values():
                for class_expr, arguments in self._route_arguments(module, arguments_of):
                    value = arguments.get(param)
                    if value is None:
                        continue
                    target = resolver.resolve(class_expr, Env())
                    if not isinstance(target, ClassRef) or target.cls is not cls:
                        continue
                    ref = resolver.resolve(value, Env()) or self._caller_local(value, 0)
                    if not isinstance(ref, StateRef) or (found is not None and found != ref):
                        return None
                    found = ref
        return found

    def _route_arguments(self, module: nodes.Module, arguments_of: RouteArguments
                         ) -> list[tuple[nodes.NodeNG, dict[str, nodes.NodeNG]]]:
        key = (id(module), id(arguments_of))
        cached = self._specs.get(key)
        if cached is None:
            try:
                cached = list(arguments_of(module))
            except Exception:  # pylint: disable=broad-exception-caught
                cached = []  # a framework's hook must not break the analysis
            self._specs[key] = cached
        return cached

    # -- dispatch tables ------------------------------------------------------------------

    def dispatched(self, func: nodes.NodeNG, env: Env) -> list[Callee]:
        """``table[key]`` or ``table.get(key)`` called, where ``table`` is a local dict (or
        list) of callables: every project function the table holds; ``getattr(obj,
        name)`` called with a name known only at run time, on an object of the project:
        every public method of its class (an RPC server dispatching by name)."""
        if isinstance(func, nodes.Call):
            by_name = self._by_name(func, env)
            if by_name is not None:
                return by_name
        table: nodes.NodeNG | None = None
        if isinstance(func, nodes.Subscript):
            table = func.value
        elif (isinstance(func, nodes.Call) and isinstance(func.func, nodes.Attribute)
              and func.func.attrname == "get" and func.args):
            table = func.func.expr
        if not isinstance(table, nodes.Name):
            return []
        scope, bindings = self._resolver.names.lookup(table)
        if not isinstance(scope, nodes.FunctionDef) or len(bindings) != 1:
            return []
        value = astutil.assigned_value(bindings[0]) if isinstance(
            bindings[0], nodes.AssignName) else None
        if isinstance(value, nodes.Dict):
            entries = [entry for _key, entry in value.items]
        elif isinstance(value, (nodes.List, nodes.Tuple)):
            entries = list(value.elts)
        else:
            return []
        found = [self._resolver.callee(entry, env) for entry in entries[:_MAX_DISPATCH]]
        return [callee for callee in found if callee is not None]


def _is_property(func: nodes.FunctionDef) -> bool:
    return func.decorators is not None and any(
        astutil.last_name(d) in {"property", "cached_property"} for d in func.decorators.nodes
    )


def _public_methods(mro: list[nodes.ClassDef]) -> list[nodes.FunctionDef]:
    seen: set[str] = set()
    methods = []
    for klass in mro:
        for node in klass.body:
            if (isinstance(node, nodes.FunctionDef) and not node.name.startswith("_")
                    and node.name not in seen):
                seen.add(node.name)
                methods.append(node)
    return methods[:_MAX_DISPATCH]


def _may_refer(value: nodes.NodeNG) -> bool:
    """Whether a returned expression can refer to state (what the resolver follows); a
    literal, an f-string, arithmetic or a comparison is a new value."""
    if isinstance(value, (nodes.Dict, nodes.List, nodes.Tuple, nodes.Set)):
        return any(isinstance(node, (nodes.DictUnpack, nodes.Starred))
                   for node in value.get_children())
    return isinstance(value, (nodes.Name, nodes.Attribute, nodes.Subscript, nodes.Call,
                              nodes.NamedExpr, nodes.ListComp, nodes.SetComp,
                              nodes.GeneratorExp))


def returned_values(func: nodes.FunctionDef) -> list[nodes.NodeNG]:
    """The expressions ``func`` returns (not those of functions nested in it)."""
    values = []
    stack: list[nodes.NodeNG] = list(func.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (nodes.FunctionDef, nodes.ClassDef, nodes.Lambda)):
            continue
        if isinstance(node, nodes.Return) and node.value is not None:
            values.append(node.value)
        stack.extend(node.get_children())
    return values


def _argument(func: nodes.FunctionDef, call: nodes.Call, param: str) -> nodes.NodeNG | None:
    """The argument ``call`` passes to ``func``'s parameter ``param``."""
    for keyword in call.keywords or ():
        if keyword.arg == param:
            return keyword.value
    params = [p.name for p in (*func.args.posonlyargs, *func.args.args)]
    if func.type in {"method", "classmethod"} and isinstance(func.parent, nodes.ClassDef):
        params = params[1:]
    if param not in params:
        return None
    index = params.index(param)
    if index < len(call.args) and not any(isinstance(a, nodes.Starred) for a in call.args):
        return call.args[index]
    return None
