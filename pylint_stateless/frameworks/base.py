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
    """A call that registers a callable: where the callable is among the arguments."""

    role: Role
    position: int | None
    keyword: str | None = None


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
    # Method names on task containers that schedule a callable after the response
    # (``background_tasks.add_task(fn, ...)``): name -> qualified names of the owner classes.
    background_methods: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # Verbs for labels: decorator method -> HTTP verb shown in messages.
    verbs: Mapping[str, str] = field(default_factory=dict)

    def qualified_methods(self, method: str) -> frozenset[str]:
        return frozenset(f"{cls}.{method}" for cls in self.app_classes)


HTTP_VERBS = ("get", "post", "put", "patch", "delete", "head", "options", "trace")
