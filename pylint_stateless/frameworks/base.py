"""The shape of framework knowledge: what a framework module declares.

Each supported framework is one module of this package defining ``FRAMEWORK``, a
:class:`Framework`: tables of qualified names, in the manner of astroid's brain modules,
and, for what a table cannot say, a few optional hooks (a convention such as Django's
``views`` module, the label of an event handler). The engine (discovery, analysis,
checker) reads only these fields; it names no framework itself.

Two kinds of knowledge are declared here:

- **entry points** (decorators, registrations, base classes, start-up hooks, the
  application classes): used only for the frameworks enabled by the
  ``stateless-frameworks`` option;
- **objects** (connection classes, resources, the application's module-level aliases,
  calls that run a callable later, broker calls, expressions naming the client): what
  objects of the framework *are*, used whichever frameworks are enabled.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from astroid import nodes


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


class Lifetime(enum.Enum):
    """How long an instance of an entry-point class lives."""

    PER_REQUEST = "per request"
    SHARED = "shared by every request of the process"


@dataclass(frozen=True)
class NamedHandler:
    """A callable that a registration names by its dotted name instead of passing it:
    ``"package.module.function"`` or ``"module.Class.method"``, resolved as an import
    would (the longest prefix that is a project module, then attributes)."""

    name: str
    role: Role
    label: str


# What a registration names in data it reads (an OpenAPI document's operationIds): given
# the call, the callables it registers. Such a hook may read files (never run code), and
# must give the same answer whichever module of the project is being linted.
NamedHandlers = Callable[[nodes.Call], Iterable[NamedHandler]]


@dataclass(frozen=True)
class Registration:
    """A call that registers a callable: where the callable is among the arguments.

    ``resource_methods`` is set when the registered object is a resource whose
    methods serve requests (Falcon's ``on_get``, a gRPC servicer's methods): a
    method-name prefix, or ``""`` for every public method. ``label`` names the entry
    points in messages when the call's own name would not (``"gRPC method"``).
    ``named_by`` is set when the call names its callables in data rather than passing
    them (Connexion's ``add_api("openapi.yaml")``): ``position`` and ``keyword`` are then
    unused, and the call is a candidate even when all its arguments are literals.
    """

    role: Role
    position: int | None
    keyword: str | None = None
    resource_methods: str | None = None
    label: str = ""
    named_by: NamedHandlers | None = None


@dataclass(frozen=True)
class EntryClass:
    """Methods of subclasses of a framework base class that the framework calls per request.

    ``methods`` empty means every method the subclass defines, except class and
    static methods. ``shared_if_false`` names a class attribute that, set to ``False``
    in the subclass, makes its one instance serve every request (Flask's
    ``init_every_request``). ``by_decorator`` says that no method serves requests by
    being in the class: only those a decorator of the framework declares (BentoML's
    ``@bentoml.api``), and the class gives their ``self`` its lifetime.
    """

    role: Role
    lifetime: Lifetime
    methods: frozenset[str] = frozenset()
    setup_methods: frozenset[str] = frozenset({"__init__"})
    method_prefix: str = ""  # only methods whose name starts with it (``on_``)
    label: str = ""  # how messages name such a method ("view", "gRPC method")
    shared_if_false: str = ""
    by_decorator: bool = False

    def serves(self, name: str, lifetime: Lifetime) -> bool:
        """Whether the framework calls the method ``name`` of such a class per request."""
        if self.by_decorator:
            return False
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
class Deferral:
    """A call that runs a callable later in this process (``add_task(fn, *args)``): the
    position of the callable, and of the first argument it will be called with (None:
    the call passes none that can be bound)."""

    position: int
    first_argument: int | None


@dataclass(frozen=True)
class ConventionEntry:
    """An entry point found by a framework's naming convention, not by a decorator.

    ``evidence`` is a qualified name the convention was read from (``streamlit.title``
    called at a module's top level): the entry point is then as sure as that name (sure
    when its package can be loaded); without it, it is a guess (``INFERENCE_FAILURE``).
    """

    role: Role
    label: str
    evidence: str = ""


# Hooks: what a framework knows that a table cannot say. A class convention is given the
# class and the names of its bases and ancestors (qualified where the source or
# inference tells, else as written).
FunctionConvention = Callable[[nodes.FunctionDef], "ConventionEntry | None"]
# Route specifications of a module that hand arguments to a handler's setup method:
# (the expression naming the handler class, the arguments by parameter name).
RouteArguments = Callable[[nodes.Module], Iterator[tuple[nodes.NodeNG, dict[str, nodes.NodeNG]]]]
ClassConvention = Callable[[nodes.ClassDef, "frozenset[str]"], "EntryClass | None"]
# The label of an entry point declared by the decorator method or constructor keyword
# ``name`` (``@sio.on("join")``: ``on`` and its call; ``None`` for a bare decorator).
EventLabel = Callable[[str, "nodes.Call | None"], str]
# A module whose top level the framework runs once per session or run (a Streamlit
# script): the convention entry of that run, or None for an ordinary module.
ModuleConvention = Callable[[nodes.Module], "ConventionEntry | None"]


@dataclass(frozen=True)
class Framework:  # pylint: disable=too-many-instance-attributes
    """Everything the checker knows about one web framework."""

    name: str
    # Other names users know the table by, accepted by ``stateless-frameworks``: the
    # frameworks it also covers (``fastapi`` for ``starlette``), their package names.
    aliases: tuple[str, ...] = ()
    # Top-level packages the framework is imported from (``flask``, ``werkzeug``...).
    packages: frozenset[str] = frozenset()

    # -- entry points ---------------------------------------------------------------
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
    # Registration functions generated per service, by a regular expression on their
    # name (``add_<Name>Servicer_to_server``).
    registration_patterns: Mapping[str, Registration] = field(default_factory=dict)
    # Decorator functions (not methods) that make an entry point, by qualified name.
    decorator_functions: Mapping[str, Role] = field(default_factory=dict)
    # Base classes whose subclasses' methods serve requests.
    entry_classes: Mapping[str, EntryClass] = field(default_factory=dict)
    # Decorators of a class (qualified names, used bare or called) that make it an entry
    # class, as a base class would: Ray Serve's ``@serve.deployment``, BentoML's
    # ``@bentoml.service``.
    class_decorators: Mapping[str, EntryClass] = field(default_factory=dict)
    # ``on_event("startup")`` style hooks: method name -> accepted first arguments.
    startup_event_methods: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # Keyword arguments of the app constructor that take a lifespan/startup callable.
    startup_keywords: frozenset[str] = frozenset()
    # ``app.on_startup.append(fn)``: attribute of the app holding a list of callables.
    hook_lists: Mapping[str, Role] = field(default_factory=dict)
    # Attributes of the application that hold a middleware wrapping it
    # (``app.wsgi_app = ProxyFix(app.wsgi_app)``): the object's ``__call__`` serves every
    # request.
    middleware_attributes: frozenset[str] = frozenset()
    # Receivers of ``decorator_methods`` and ``registration_methods`` are any object of
    # the framework, not only ``app_classes`` (every Gradio component has ``click(fn)``):
    # an object whose class comes from one of ``packages``; and a receiver nothing
    # tells (``btn.click(f).then(g)``) in a module that imports one of ``packages``,
    # when what it registers is a function of the project.
    package_receivers: bool = False
    # Keyword arguments of the app constructor that take a callable serving requests
    # (``Server(name, on_call_tool=handle)``), labelled by ``event_label``.
    handler_keywords: frozenset[str] = frozenset()
    # Receivers recognised by their name alone (a regular expression on the expression's
    # text) when nothing can be inferred: ``def init(sio): @sio.on("connect")``.
    receiver_names: str = ""
    # Keywords that take callables when a decorator of the framework is applied by a call
    # (``app.command("/x")(handler)``): Slack Bolt's lazy listeners, ``(ack=..., lazy=[...])``.
    listener_keywords: frozenset[str] = frozenset()
    # ``@app.errorhandler(404)`` is an error handler by its shape alone.
    error_handlers_by_shape: bool = False
    # Signals that no request sends (tests, migrations, start-up): their receivers,
    # declared by a ``decorator_functions`` hook, are not entry points.
    quiet_signals: frozenset[str] = frozenset()
    # Hooks: an entry point by convention (a function, a class), and the label of an
    # entry point declared by ``decorator_methods`` or ``decorator_functions`` ("" for the
    # usual label: a framework whose routes and events share a receiver labels only the
    # events).
    function_convention: FunctionConvention | None = None
    class_convention: ClassConvention | None = None
    event_label: EventLabel | None = None
    # What the functions named by the ``stateless-serverless-handlers`` option are to
    # this framework (role and label): the platform calls them per event, as configured
    # outside the code (Lambda's handler setting). The first enabled framework that
    # declares it labels them, and gives them its ``remedy``.
    configured_handler: ConventionEntry | None = None
    # Where this framework runs, what replaces process memory, said after the remedy of
    # every message on state that its function entry points (decorators, conventions,
    # configured handlers) change: a serverless function's module state lives per warm
    # container, so the data belongs in a cache outside the function; MCP: the session
    # store of the transport. One sentence, no final period.
    remedy: str = ""
    # A module whose top level runs per session (a Streamlit script): that top level is
    # an entry point, and the module's own globals are made anew on every run, so they
    # are not state; what it changes in imported modules is.
    module_convention: ModuleConvention | None = None
    # The method of a handler class that receives arguments from its route
    # specification (Tornado's ``initialize``), and where to find them.
    setup_method: str = ""
    route_arguments: RouteArguments | None = None

    # -- objects --------------------------------------------------------------------
    # Expressions that reach the application object from request code, by their last
    # attribute: ``request.app``, ``self.application``; and module-level names holding
    # it are found by their class (``app_classes`` above and ``app_objects``).
    app_objects: frozenset[str] = frozenset()
    # Attributes of the application object that hold shared, writable data.
    app_state_attributes: frozenset[str] = frozenset()
    # Attributes of a request handler that are a namespace of the application, with the
    # handler's attribute that holds the application: Tornado's ``self.settings`` is
    # ``self.application.settings``.
    handler_namespaces: Mapping[str, str] = field(default_factory=dict)
    # Module-level objects that are the application or its configuration
    # (``flask.current_app``), by qualified name.
    app_globals: frozenset[str] = frozenset()
    # Classes of connections (WebSockets): a container of them is a connection registry.
    connection_types: frozenset[str] = frozenset()
    # Attributes whose value names a connection (a Channels ``channel_name``), and
    # parameter names that hold one.
    connection_attributes: frozenset[str] = frozenset()
    # Classes and factories of process resources (templates, a task-queue client).
    resource_types: frozenset[str] = frozenset()
    resource_calls: frozenset[str] = frozenset()
    # Calls that run a callable later in this process, by their last name.
    deferring_calls: Mapping[str, Deferral] = field(default_factory=dict)
    # Markers of a parameter the framework fills with a dependency's result
    # (``Depends(get_service)``), by qualified name.
    dependency_markers: frozenset[str] = frozenset()
    # Calls that publish or subscribe through the framework's broker.
    broker_calls: frozenset[str] = frozenset()
    # Regular expressions of the expressions that name the client of a request
    # (``request.remote_addr``): a container keyed by them counts per client.
    client_keys: tuple[str, ...] = ()
    # ... and of those that name a session (Gradio's ``request.session_hash``): a
    # container keyed by them is a session store.
    session_keys: tuple[str, ...] = ()
    # Decorators, by qualified name, whose function's result the framework keeps for the
    # process and hands to every caller, whatever the arguments (Streamlit's
    # ``cache_resource``): a container or project object it returns is shared state.
    shared_results: frozenset[str] = frozenset()


HTTP_VERBS = ("get", "post", "put", "patch", "delete", "head", "options", "trace")
