"""The analysis's data: pieces of shared state, what expressions refer to, mutations.

Plain data, no behaviour beyond small accessors. A :class:`State` is process-wide: a
module-level name, an attribute of a long-lived instance, a class attribute, or a part
of the application object. The resolver maps expressions to references (:data:`Ref`);
the walker records :class:`Mutation` s of states, reached from an entry point through
call :class:`Step` s, as :class:`Hit` s gathered in :class:`Summary` s.

Nodes are kept where the analysis has them (``State.decl``, ``Mutation.site``,
``Step.call``), and are ``None`` for what was read back from disk
(:mod:`.persist`): everything the checker asks of such data is in the plain fields.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from astroid import nodes
from pylint.interfaces import HIGH, INFERENCE, INFERENCE_FAILURE, Confidence

_CONFIDENCE_ORDER = (HIGH, INFERENCE, INFERENCE_FAILURE)
# How many aliases (names, attributes, calls) one expression is followed through.
MAX_ALIAS_DEPTH = 6


def weakest(*confidences: Confidence) -> Confidence:
    """How sure a chain of facts is: its weakest link."""
    return max(confidences, key=_CONFIDENCE_ORDER.index, default=HIGH)


class Shape(enum.Enum):
    CONTAINER = "container"  # dict, list, set, ... created in this process
    INSTANCE = "instance"  # an instance of a class of the analysed project
    RESOURCE = "resource"  # lock, client, pool, logger: per process by design
    APP = "application"  # a framework's application object (a mapping in aiohttp)
    NAMESPACE = "namespace"  # ``app.state``, ``app.ctx``, ``app.config``: shared attributes
    OTHER = "other"  # scalars, None, library objects, unknown


class StateKind(enum.Enum):
    MODULE = "module"
    ATTRIBUTE = "attribute"
    CLASS = "class"
    APP = "app"  # the application object and what hangs off it
    LOCAL = "local"  # an object a setup function makes and hands to the application


@dataclass(frozen=True, slots=True)
class ValueShape:
    """What an expression creates: its shape, the type shown to users (``dict``,
    ``CartService instance``), how sure that is, the project class of an instance, and
    the qualified name of the type (``cachetools.TTLCache``)."""

    shape: Shape
    type_name: str
    confidence: Confidence = HIGH
    cls: nodes.ClassDef | None = None
    qualified_type: str | None = None


OTHER = ValueShape(Shape.OTHER, "value")


@dataclass(eq=False, slots=True)
class State:  # pylint: disable=too-many-instance-attributes
    """One piece of process-wide state; equal to another with the same ``key``."""

    kind: StateKind
    name: str  # as shown to users: 'users', 'service.carts', 'Registry.items'
    module: str  # qualified name of the module that defines it
    line: int
    shape: Shape
    type_name: str  # 'dict', 'defaultdict', 'CartService instance', ...
    key: tuple[str, ...]
    confidence: Confidence = HIGH
    owner: State | None = None  # for ATTRIBUTE and APP members: what holds it
    qualified_type: str | None = None  # e.g. 'cachetools.TTLCache'
    leaf: str = ""  # the last name: 'carts' for 'service.carts', 'ws' for "app['ws']"
    annotation: str = ""  # of the defining assignment: 'dict[str, WebSocket]'
    class_name: str = ""  # for INSTANCE: the name of its class
    framework_held: bool = False  # an instance the framework creates and shares
    file: str = ""  # the path of the defining module ('' for the standard library's)
    # What the analysis had in hand (None or empty when read back from disk):
    decl: nodes.NodeNG | None = None  # the defining assignment target
    cls: nodes.ClassDef | None = None  # for INSTANCE: the instance's class
    values: tuple[nodes.NodeNG, ...] = ()  # expressions assigned where it is defined

    def __hash__(self) -> int:
        return hash(self.key)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, State) and other.key == self.key

    @property
    def attr(self) -> str:
        return self.leaf or self.name.rsplit(".", 1)[-1]


# --- references ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StateRef:
    """The state itself, or (``element``) something stored inside it, or (``view``) a new
    container whose elements are stored in it (``[t for t in tasks if ...]``)."""

    state: State
    element: bool = False
    view: bool = False


@dataclass(frozen=True, slots=True)
class ModuleRef:
    module: nodes.Module


@dataclass(frozen=True, slots=True)
class ClassRef:
    cls: nodes.ClassDef


@dataclass(frozen=True, slots=True)
class SelfRef:
    """``self`` of an instance that is not shared: only class attributes are state."""

    cls: nodes.ClassDef


Ref = StateRef | ModuleRef | ClassRef | SelfRef


@dataclass(frozen=True, slots=True)
class Env:
    """What the caller bound to the parameters of the function being walked."""

    bindings: tuple[tuple[str, Ref], ...] = ()

    def get(self, name: str) -> Ref | None:
        for key, value in self.bindings:
            if key == name:
                return value
        return None

    @staticmethod
    def of(mapping: dict[str, Ref]) -> Env:
        return Env(tuple(sorted(mapping.items(), key=lambda item: item[0])))


# --- mutations and how they are reached ----------------------------------------------


@dataclass(frozen=True, slots=True)
class Location:
    """Where something is in the source: module, line, column."""

    module: str
    line: int
    col: int

    @staticmethod
    def of(node: nodes.NodeNG, module: str) -> Location:
        return Location(module, node.lineno or 0, node.col_offset or 0)


class Op(enum.Enum):
    ITEM = "item assignment"
    DELETE = "deletion"
    AUGMENTED = "augmented assignment"
    METHOD = "mutating call"
    ATTRIBUTE = "attribute assignment"
    REBIND = "rebinding"


@dataclass(frozen=True, slots=True)
class Facts:
    """What a mutation's expressions tell, read when the mutation is found
    (:mod:`.facts`): what the verdict needs, without the nodes."""

    loads_remote: bool = False  # the value is read from a database or another service
    resource_value: bool = False  # the value is a client, lock or pool
    stores_connection: bool = False  # the value is a WebSocket or a connection
    keyed: bool = False  # written under a key
    client_key: bool = False  # ... that names the client (its address, its API key)
    session_key: bool = False  # ... that names a session (a token, a session id)
    augmented: bool = False  # ``x += ...``
    shipped_data: bool = False  # the value is read from files shipped with the code
    identity: bool = False  # the value holds who the user is: a user, a token, a login


@dataclass(frozen=True, slots=True)
class Mutation:
    """A write to ``state`` at ``where`` (``site``, the node, when the analysis has it)."""

    state: State
    op: Op
    where: Location
    facts: Facts
    lazy: bool = False  # an assignment guarded by a test of the same target
    confidence: Confidence = HIGH
    site: nodes.NodeNG | None = None  # the expression to underline

    @property
    def place(self) -> object:
        """What tells two mutations of one state apart: the node, or where it was."""
        return self.site if self.site is not None else self.where


@dataclass(frozen=True, slots=True)
class Callee:
    """A function a call path goes through: how users know it, and its module."""

    label: str  # ``helper`` or ``Class.method``
    module: str
    function: nodes.FunctionDef | None = None


@dataclass(frozen=True, slots=True)
class Step:
    """One call edge: the call at ``where`` reaches ``callee``."""

    where: Location
    callee: Callee
    deferred: bool = False  # the callee runs later: a background task, a thread
    call: nodes.NodeNG | None = None


@dataclass(frozen=True, slots=True)
class Hit:
    mutation: Mutation
    path: tuple[Step, ...] = ()
    background: bool = False
    confidence: Confidence = HIGH


FunctionKey = tuple[nodes.FunctionDef, Env]
# Most summaries have no cut; ``frozenset()`` is a new object each time, and a run keeps
# every summary: one shared empty set instead of one per summary.
NO_CUTS: frozenset[FunctionKey] = frozenset()


@dataclass(frozen=True, slots=True)
class Summary:
    """What walking a function with some bindings found, with what it depends on."""

    hits: tuple[Hit, ...]
    truncated: bool  # the depth budget cut the walk short
    depth: int  # how many calls deep the walk went
    modules: frozenset[str] = frozenset()  # every module the hits and paths are in
    # What makes a summary depend on which module is being linted: reading that
    # module's tree (a function of it, an import of it, bindings to its objects), or
    # only its setup of the application object (``app['ws'] = WeakSet()``).
    module_bound: bool = False
    app_bound: bool = False
    # Functions (with their bindings) being walked higher up the stack that the walk
    # reached again and did not enter: a recursion. The summary depends on that stack,
    # unless the function cut is the summary's own: a cycle that closes where it began
    # is all in that summary.
    cuts: frozenset[FunctionKey] = NO_CUTS

    @property
    def portable(self) -> bool:
        """The same whichever module's walk asked for it (see :mod:`.session`)."""
        return not (self.module_bound or self.app_bound or self.cuts)

    @property
    def local(self) -> bool:
        """Depends on the linted module only through its application setup: the same for
        every run on that module while the setup is (:mod:`.persist`)."""
        return self.app_bound and not (self.module_bound or self.cuts)
