"""The shape of framework knowledge: what a framework module declares.

Each supported framework is described by one :class:`Framework` table in a module
of this package, in the manner of astroid's brain modules: frozen sets and mappings
of qualified names, no code.  The discovery code in :mod:`pylint_stateless.entrypoints`
reads the tables; adding a framework is adding a table.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field


class Role(enum.Enum):
    """What a function found by the discovery does for the service."""

    ROUTE = "route"
    WEBSOCKET = "websocket"
    MIDDLEWARE = "middleware"
    HOOK = "request hook"
    ERROR_HANDLER = "error handler"
    DEPENDENCY = "dependency"
    BACKGROUND = "background task"
    VIEW = "view"
    STARTUP = "startup"

    @property
    def serves_requests(self) -> bool:
        return self is not Role.STARTUP


class Lifetime(enum.Enum):
    """How long an instance of an entry-point class lives."""

    PER_REQUEST = "per request"
    SHARED = "shared by every request of the process"


@dataclass(frozen=True)
class Registration:
    """A call that registers a callable: where the callable is among the arguments.

    ``resource_methods`` is set when the registered object is a resource whose
    methods serve requests (Falcon's ``on_get``, a gRPC servicer's methods): a
    method-name prefix, or ``""`` for every public method.
    """

    role: Role
    position: int | None
    keyword: str | None = None
    resource_methods: str | None = None


@dataclass(frozen=True)
class EntryClass:
    """Methods of subclasses of a framework base class that the framework calls per request.

    ``methods`` empty means every method the subclass defines, except class and
    static methods.
    """

    role: Role
    lifetime: Lifetime
    methods: frozenset[str] = frozenset()
    setup_methods: frozenset[str] = frozenset({"__init__"})
    method_prefix: str = ""  # only methods whose name starts with it (``on_``)
    label: str = ""  # how messages name such a method ("view", "gRPC method")

    def serves(self, name: str, lifetime: Lifetime) -> bool:
        """Whether the framework calls the method ``name`` of such a class per request."""
        if lifetime is Lifetime.SHARED and name in self.setup_methods:
            return False
        if self.methods:
            return name in self.methods
        if self.method_prefix:
            return name.startswith(self.method_prefix)
        return not (name.startswith("__") and name.endswith("__")) or name in {
            "__init__", "__call__"
        }


@dataclass(frozen=True)
class Framework:
    """Everything the checker knows about one web framework."""

    name: str
    # Qualified names of the application/router classes, including public aliases
    # (``fastapi.FastAPI`` as well as ``fastapi.applications.FastAPI``): the
    # receivers of ``@app.get(...)`` and ``app.add_url_rule(...)``.
    app_classes: frozenset[str] = frozenset()
    # ``@app.<method>(...)``: decorator factories called with arguments.
    decorator_methods: Mapping[str, Role] = field(default_factory=dict)
    # ``@app.<method>``: decorators used bare.
    bare_decorator_methods: Mapping[str, Role] = field(default_factory=dict)
    # ``app.<method>(path, handler)``: registration methods on the app classes.
    registration_methods: Mapping[str, Registration] = field(default_factory=dict)
    # ``Route(path, handler)``: registration functions or classes, by qualified name.
    registration_callables: Mapping[str, Registration] = field(default_factory=dict)
    # Decorator functions (not methods) that make an entry point, by qualified name.
    decorator_functions: Mapping[str, Role] = field(default_factory=dict)
    # Base classes whose subclasses' methods serve requests.
    entry_classes: Mapping[str, EntryClass] = field(default_factory=dict)
    # ``on_event("startup")`` style hooks: method name -> accepted first arguments.
    startup_event_methods: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # Keyword arguments of the app constructor that take a lifespan/startup callable.
    startup_keywords: frozenset[str] = frozenset()
    # ``app.on_startup.append(fn)``: attribute of the app holding a list of callables.
    hook_lists: Mapping[str, Role] = field(default_factory=dict)
    # Expressions that reach the application object from request code, by their last
    # attribute: ``request.app``, ``self.application``; and module-level names holding
    # it are found by their class (``app_classes`` above and ``app_objects``).
    app_objects: frozenset[str] = frozenset()
    # Attributes of the application object that hold shared, writable data.
    app_state_attributes: frozenset[str] = frozenset()

    def qualified_methods(self, method: str) -> frozenset[str]:
        return frozenset(f"{cls}.{method}" for cls in self.app_classes)


HTTP_VERBS = ("get", "post", "put", "patch", "delete", "head", "options", "trace")
