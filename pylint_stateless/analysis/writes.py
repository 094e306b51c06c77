"""What counts as a write to shared state: the definition of a mutation.

A statement of request-serving code mutates state when it assigns, deletes or
augments an item or attribute of something the resolver says is state, calls a
mutating method on a container of state (``append``, ``setdefault`` with a per-request
key...), rebinds a global it declares, or writes through ``setattr``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from astroid import nodes
from astroid.const import Context
from pylint.interfaces import HIGH, Confidence

from pylint_stateless import knowledge
from pylint_stateless.analysis import astutil
from pylint_stateless.analysis.facts import facts_of
from pylint_stateless.analysis.model import (
    ClassRef,
    Env,
    Facts,
    Location,
    ModuleRef,
    Mutation,
    Op,
    Ref,
    SelfRef,
    Shape,
    State,
    StateKind,
    StateRef,
)

if TYPE_CHECKING:
    from pylint_stateless.analysis.resolver import Resolver

# Names that hold the request (or its session) in request-serving code.
_REQUEST_NAMES = frozenset({"request", "req", "websocket", "session"})
# ``dict()``, ``OrderedDict()``, ``deque()``...: the containers the project knows, called bare.
_EMPTY_FACTORIES = frozenset(knowledge.CONTAINER_TYPES.values())


class Writes:  # pylint: disable=too-few-public-methods
    """Finds the mutations of one statement, for one linted module's analysis."""

    def __init__(self, resolver: Resolver) -> None:
        self._resolver = resolver

    def of(
        self, node: nodes.NodeNG, env: Env, global_names: frozenset[str], module: str
    ) -> list[Mutation]:
        """The mutations ``node`` (an assignment, deletion or call in a function of
        ``module`` walked with ``env``) makes."""
        write = _Write(self._resolver, env, global_names, module)
        if isinstance(node, nodes.Assign):
            for target in node.targets:
                write.target(target, node, Op.ITEM, node.value)
        elif isinstance(node, nodes.AnnAssign):
            if node.value is not None:
                write.target(node.target, node, Op.ITEM, node.value)
        elif isinstance(node, nodes.AugAssign):
            write.target(node.target, node, Op.AUGMENTED, node.value)
        elif isinstance(node, nodes.Delete):
            for target in node.targets:
                write.target(target, node, Op.DELETE, None)
        elif isinstance(node, nodes.Call):
            write.call(node)
        return write.found


class _Write:
    """The mutations of one statement, as they are found."""

    def __init__(
        self, resolver: Resolver, env: Env, global_names: frozenset[str], module: str
    ) -> None:
        self.resolver = resolver
        self.env = env
        self.global_names = global_names
        self.module = module
        self.found: list[Mutation] = []

    def add(  # pylint: disable=too-many-arguments,too-many-positional-arguments
        self, state: State, op: Op, site: nodes.NodeNG, statement: nodes.NodeNG,
        value: nodes.NodeNG | None, key: nodes.NodeNG | None = None, lazy: bool = False,
        confidence: Confidence = HIGH,
    ) -> None:
        """A mutation of ``state`` by ``statement`` at ``site``, writing ``value``."""
        self.found.append(Mutation(
            state, op, Location.of(site, self.module),
            facts_of(value, key, statement, self.resolver), lazy, confidence, site,
        ))

    def target(
        self, target: nodes.NodeNG, statement: nodes.NodeNG, op: Op, value: nodes.NodeNG | None
    ) -> None:
        """An assignment, augmented assignment or deletion of ``target``."""
        if isinstance(target, (nodes.Tuple, nodes.List)):
            for element in target.elts:
                self.target(element, statement, op, None)
            return
        if isinstance(target, nodes.Starred):
            self.target(target.value, statement, op, None)
            return
        if isinstance(target, nodes.Subscript):
            self._item(target, statement, op, value)
            return
        if isinstance(target, nodes.AssignAttr | nodes.DelAttr):
            self.attribute(target.expr, target.attrname, target, statement, op, value)
            return
        if isinstance(target, (nodes.AssignName, nodes.DelName)):
            if target.name not in self.global_names:
                return
            state = self.resolver.states.module_state(target.root(), target.name)
            if state is not None:
                self.add(state, Op.REBIND, target, statement, value,
                         lazy=_is_lazy_init(statement, target, value))

    def _item(
        self, target: nodes.Subscript, statement: nodes.NodeNG, op: Op,
        value: nodes.NodeNG | None,
    ) -> None:
        ref = self.resolver.resolve(target.value, self.env)
        member = self.resolver.app.keyed_member(ref, target.slice)
        if member is not None:  # ``request.app["visits"] = ...``
            self.add(member, Op.REBIND, target, statement, value,
                     lazy=_is_lazy_init(statement, target, value), confidence=member.confidence)
            return
        if isinstance(ref, StateRef) and (_is_container_ref(ref) or _is_app_ref(ref)):
            # An entry under a constant key set once (``if "k" not in store``) is set-up.
            lazy = isinstance(target.slice, nodes.Const) and _is_lazy_init(
                statement, target, value)
            self.add(ref.state, op, target, statement, value, target.slice, lazy=lazy,
                     confidence=ref.state.confidence)

    def attribute(  # pylint: disable=too-many-arguments,too-many-positional-arguments,too-many-return-statements
        self, owner_expr: nodes.NodeNG, attr: str, site: nodes.NodeNG,
        statement: nodes.NodeNG, op: Op, value: nodes.NodeNG | None,
    ) -> None:
        """``owner.attr = value`` (or ``setattr``): a global of a module, a class attribute,
        a member of the application, an attribute of a shared instance."""
        resolver = self.resolver
        owner = resolver.resolve(owner_expr, self.env)
        if owner is None:
            return
        lazy = _is_lazy_init(statement, site, value)
        if isinstance(owner, ModuleRef):
            state = resolver.states.module_state(owner.module, attr)
            if state is not None:
                self.add(state, Op.REBIND, site, statement, value, lazy=lazy)
            return
        if isinstance(owner, ClassRef):
            state = resolver.states.class_attr(owner.cls, attr)
            if state is not None:
                self.add(state, Op.REBIND, site, statement, value, lazy=lazy)
            return
        if isinstance(owner, SelfRef):
            if op is not Op.AUGMENTED:
                return  # sets an attribute of a per-request instance
            state = resolver.states.class_attr(owner.cls, attr)
            if state is not None and state.shape is Shape.CONTAINER:
                self.add(state, Op.AUGMENTED, site, statement, value)
            return
        if owner.element:
            self.add(owner.state, Op.ATTRIBUTE, site, statement, value,
                     confidence=owner.state.confidence)
            return
        if owner.state.shape in (Shape.APP, Shape.NAMESPACE):
            member = resolver.app.member(
                owner.state, attr, namespace=attr in resolver.knowledge.app_namespaces
            )
            self.add(member, Op.REBIND, site, statement, value, lazy=lazy,
                     confidence=member.confidence)
            return
        if owner.state.shape is Shape.INSTANCE:
            state = resolver.states.instance_attr(owner.state, attr)
            if state is None:
                return
            if op is Op.AUGMENTED and state.shape is Shape.CONTAINER:
                self.add(state, Op.AUGMENTED, site, statement, value)
                return
            self.add(state, Op.REBIND, site, statement, value, lazy=lazy,
                     confidence=owner.state.confidence)

    def call(self, call: nodes.Call) -> None:
        """A mutating method of a container of state, or ``setattr``/``delattr``."""
        func = call.func
        if isinstance(func, nodes.Attribute) and func.attrname in knowledge.MEMORY_STORE_METHODS:
            ref = self.resolver.resolve(func.expr, self.env)
            if _is_memory_store(ref):
                assert isinstance(ref, StateRef)
                self.add(ref.state, Op.METHOD, call, call.statement(), None,
                         confidence=ref.state.confidence)
                return
        if isinstance(func, nodes.Attribute) and func.attrname in knowledge.MUTATING_METHODS:
            if func.attrname == "setdefault" and _initialises_once(call):
                # ``store.setdefault("key", {})`` creates the entry the first time and is a
                # no-op ever after; what is then written into the entry is found on the
                # element it returns (``ELEMENT_METHODS``).
                return
            ref = self.resolver.resolve(func.expr, self.env)
            if isinstance(ref, StateRef) and ref.element and self.resolver.states.holds_callables(
                ref.state
            ):
                return  # ``REGISTRY[kind].update(...)``: a method of a registered class
            if isinstance(ref, StateRef) and (
                _is_container_ref(ref) or _is_app_mapping(ref)
                or (_is_app_ref(ref) and func.attrname in knowledge.CONTAINER_ONLY_METHODS)
            ):
                value = call.args[-1] if call.args else None
                key = call.args[0] if len(call.args) > 1 else None
                statement = call.statement()
                # Filled once, under a guard that tests it or a flag the block sets.
                lazy = _guarded_once(statement, (astutil.text(func.expr),)) and not (
                    _from_parameters(call, statement.frame()))
                self.add(ref.state, Op.METHOD, call, statement, value, key, lazy=lazy,
                         confidence=ref.state.confidence)
            return
        if (
            isinstance(func, nodes.Name) and func.name == "next" and len(call.args) == 1
            and astutil.import_qname(func) == "builtins.next"
        ):
            ref = self.resolver.resolve(call.args[0], self.env)
            if (isinstance(ref, StateRef) and not ref.element and not ref.view
                    and ref.state.qualified_type in knowledge.ADVANCED_BY_NEXT):
                self.add(ref.state, Op.METHOD, call, call.statement(), None,
                         confidence=ref.state.confidence)
            return
        if (
            isinstance(func, nodes.Name)
            and func.name in {"setattr", "delattr"}
            and len(call.args) >= 2
            and astutil.import_qname(func) == f"builtins.{func.name}"
        ):
            attr = astutil.const_str(call.args[1])
            if attr is None:
                return
            value = call.args[2] if len(call.args) > 2 else None
            self.attribute(call.args[0], attr, call, call.statement(), Op.REBIND, value)


def _initialises_once(call: nodes.Call) -> bool:
    """``setdefault`` with a constant key and an empty default: idempotent."""
    if call.keywords or not call.args or len(call.args) > 2:
        return False
    if not isinstance(call.args[0], nodes.Const):
        return False
    if len(call.args) == 1:
        return True  # the default is None
    default = call.args[1]
    if isinstance(default, nodes.Dict):
        return not default.items
    if isinstance(default, (nodes.List, nodes.Set, nodes.Tuple)):
        return not default.elts
    return (
        isinstance(default, nodes.Call)
        and not default.args
        and not default.keywords
        and astutil.last_name(default.func) in _EMPTY_FACTORIES
    )


def _is_memory_store(ref: Ref | None) -> bool:
    """A rate limiter or scheduler that keeps its state in process memory."""
    return (isinstance(ref, StateRef) and not ref.element
            and ref.state.qualified_type in knowledge.MEMORY_STORES
            and ref.state.shape is Shape.CONTAINER)


def decorator_mutations(func: nodes.FunctionDef, resolver: Resolver) -> list[Mutation]:
    """``@limiter.limit("5/minute")`` on an entry point: every request to it is counted in
    the limiter's storage."""
    found = []
    for decorator in func.decorators.nodes if func.decorators else ():
        target = decorator.func if isinstance(decorator, nodes.Call) else decorator
        if not (isinstance(target, nodes.Attribute)
                and target.attrname in knowledge.MEMORY_STORE_DECORATORS):
            continue
        ref = resolver.resolve(target.expr, Env())
        if _is_memory_store(ref):
            assert isinstance(ref, StateRef)
            found.append(Mutation(
                ref.state, Op.METHOD, Location.of(decorator, func.root().name),
                Facts(keyed=True, client_key=True), confidence=ref.state.confidence,
                site=decorator,
            ))
    return found


def _is_container_ref(ref: Ref | None) -> bool:
    return (
        isinstance(ref, StateRef)
        and not ref.view
        and (ref.element or ref.state.shape is Shape.CONTAINER)
    )


def _is_app_ref(ref: Ref | None) -> bool:
    """Something hanging off the application object: item writes into it are shared."""
    return isinstance(ref, StateRef) and not ref.view and ref.state.kind is StateKind.APP


def _is_app_mapping(ref: Ref | None) -> bool:
    """``app.update(...)``, ``current_app.config.update(...)``: the mapping itself."""
    return (
        isinstance(ref, StateRef)
        and not ref.element
        and ref.state.shape in (Shape.APP, Shape.NAMESPACE)
    )


def _is_lazy_init(statement: nodes.NodeNG, target: nodes.NodeNG,
                  value: nodes.NodeNG | None = None) -> bool:
    """Whether ``statement`` runs once per process: under an ``if`` that tests its target
    (``if _x is None``, ``if "key" not in store``) or a flag the guarded block sets (``if
    not _ready: ...; _ready = True``), and writes a value that does not come from the
    request (no parameter of the function it is in)."""
    return _guarded_once(statement, _target_texts(target)) and not _from_parameters(
        value, statement.frame())


def guarded_call(call: nodes.NodeNG, name: str) -> bool:
    """Whether a call is made once per process by a guard in the caller (``if _config is
    None: _load_config()``) for a callee's write of the global or attribute ``name``."""
    node = call.parent
    child = call
    while node is not None and not isinstance(node, (nodes.FunctionDef, nodes.Module)):
        if isinstance(node, nodes.If) and child in node.body:
            if any(astutil.last_name(n) == name for n in _tested_unset(node.test)):
                return True
            if _sets_a_tested_flag(node):
                return True
        child = node
        node = node.parent
    return False


def _target_texts(target: nodes.NodeNG) -> tuple[str, ...]:
    if isinstance(target, nodes.AssignName):
        return (target.name,)
    if isinstance(target, nodes.AssignAttr):
        return (f"{astutil.text(target.expr)}.{target.attrname}",)
    if isinstance(target, nodes.Subscript) and isinstance(target.slice, nodes.Const):
        # ``store["key"] = ...``: guarded by ``"key" not in store`` or ``store.get("key")``
        return (astutil.text(target), f"{astutil.text(target.value)}[{target.slice.value!r}]")
    return (astutil.text(target),)


def _guarded_once(statement: nodes.NodeNG, texts: tuple[str, ...]) -> bool:
    node = statement.parent
    child = statement
    while node is not None and not isinstance(node, (nodes.FunctionDef, nodes.Module)):
        if isinstance(node, nodes.If) and child in node.body:
            if any(_mentions(node.test, text) or _tests_key(node.test, text) for text in texts):
                return True
            if _sets_a_tested_flag(node):
                return True
        child = node
        node = node.parent
    return False


def _tests_key(test: nodes.NodeNG, text: str) -> bool:
    """``"key" not in store`` or ``store.get("key") is None`` for ``store['key']``."""
    for compare in test.nodes_of_class(nodes.Compare):
        for operator, right in compare.ops:
            if operator == "not in" and (
                f"{astutil.text(right)}[{astutil.text(compare.left)}]" == text
            ):
                return True
    for call in _tested_unset(test):
        if (isinstance(call, nodes.Call) and isinstance(call.func, nodes.Attribute)
                and call.func.attrname == "get" and call.args):
            if f"{astutil.text(call.func.expr)}[{astutil.text(call.args[0])}]" == text:
                return True
    return False


_UNSET_VALUES = (None, False, 0, "")


def _tested_unset(test: nodes.NodeNG) -> list[nodes.NodeNG]:
    """The expressions ``test`` is true for when they are unset: ``x`` in ``not x``, ``x is
    None``, ``x == 0``, ``not store.get(key)``. Not ``x`` in ``if x:``, ``x is not None``:
    a block that runs when the value is set changes it, it does not set it up."""
    found: list[nodes.NodeNG] = []
    for node in test.nodes_of_class((nodes.UnaryOp, nodes.Compare)):
        if isinstance(node, nodes.UnaryOp):
            if node.op == "not":
                operand = node.operand
                # ``not (a and b)``: true when either is unset
                found.extend(operand.values if isinstance(operand, nodes.BoolOp)
                             and operand.op == "and" else (operand,))
            continue
        if len(node.ops) != 1:
            continue
        operator, right = node.ops[0]
        if operator not in {"is", "=="}:
            continue
        if _is_unset_value(right):
            found.append(node.left)
        elif _is_unset_value(node.left):
            found.append(right)
    # ``len(x) == 0``: x
    return [n.args[0] if isinstance(n, nodes.Call) and astutil.last_name(n.func) == "len"
            and len(n.args) == 1 else n for n in found]


def _is_unset_value(node: nodes.NodeNG) -> bool:
    if isinstance(node, nodes.Const):
        return node.value in _UNSET_VALUES
    return isinstance(node, (nodes.Dict, nodes.List, nodes.Tuple, nodes.Set)) and not (
        node.items if isinstance(node, nodes.Dict) else node.elts)


def _sets_a_tested_flag(guard: nodes.If) -> bool:
    """``if not _ready: ...; _ready = True``: the block sets a name its test finds unset;
    also ``if "key" not in store: ...; store["key"] = ...``, a constant key the block sets.
    Everything in such a block runs once per process."""
    tested = {astutil.text(n) for n in _tested_unset(guard.test)
              if isinstance(n, (nodes.Name, nodes.Attribute))}
    tested |= _constant_keys_tested_missing(guard.test)
    if not tested:
        return False
    for statement in guard.body:
        for assigned in statement.nodes_of_class(
            (nodes.AssignName, nodes.AssignAttr, nodes.Subscript)
        ):
            if isinstance(assigned, nodes.AssignName):
                text = assigned.name
            elif isinstance(assigned, nodes.AssignAttr):
                text = f"{astutil.text(assigned.expr)}.{assigned.attrname}"
            elif assigned.ctx == Context.Store and isinstance(assigned.slice, nodes.Const):
                text = f"{astutil.text(assigned.value)}[{assigned.slice.value!r}]"
            else:
                continue
            if text in tested:
                return True
    return False


def _constant_keys_tested_missing(test: nodes.NodeNG) -> set[str]:
    """``store['key']`` for ``"key" not in store`` (a constant key: a key computed from the
    request is a new entry per request, not a flag)."""
    found = set()
    for compare in test.nodes_of_class(nodes.Compare):
        for operator, right in compare.ops:
            if operator == "not in" and isinstance(compare.left, nodes.Const):
                found.add(f"{astutil.text(right)}[{compare.left.value!r}]")
    return found


def _from_parameters(value: nodes.NodeNG | None, frame: nodes.NodeNG) -> bool:
    """Whether ``value`` reads a parameter of ``frame`` (other than ``self``/``cls``) or the
    request: data that may come from the request."""
    if value is None or not isinstance(frame, nodes.FunctionDef):
        return False
    params = {p.name for p in (*frame.args.posonlyargs, *frame.args.args,
                               *frame.args.kwonlyargs)} - {"self", "cls"}
    return any(name.name in params or name.name in _REQUEST_NAMES
               for name in value.nodes_of_class(nodes.Name))


def _mentions(test: nodes.NodeNG, text: str) -> bool:
    """Whether ``test`` is true when ``text`` (a name, an attribute) is unset."""
    if text == "...":
        return False
    return any(isinstance(sub, (nodes.Name, nodes.Attribute)) and astutil.text(sub) == text
               for sub in _tested_unset(test))
