"""What the checker knows: the standard library's and common libraries' types, and the
framework tables in force (:class:`Knowledge`).

Tables of qualified names, matched against inferred classes and their ancestors
first; the ``*_NAME_RE`` patterns are the lower-confidence fallback used when the
defining library cannot be inferred. What a web framework's objects are is declared in
its module under :mod:`pylint_stateless.frameworks`; :class:`Knowledge` joins those
declarations to the tables here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from astroid import nodes

from pylint_stateless.frameworks import FRAMEWORKS
from pylint_stateless.frameworks.base import (
    ConventionEntry,
    Deferral,
    EntryClass,
    Framework,
    ModuleConvention,
    Registration,
    Role,
    RouteArguments,
)

# Mutable in-memory containers: qualified class name -> the name shown to users.
CONTAINER_TYPES: dict[str, str] = {
    "builtins.dict": "dict",
    "builtins.list": "list",
    "builtins.set": "set",
    "builtins.bytearray": "bytearray",
    "collections.defaultdict": "defaultdict",
    "collections.OrderedDict": "OrderedDict",
    "collections.Counter": "Counter",
    "collections.deque": "deque",
    "collections.ChainMap": "ChainMap",
    "weakref.WeakValueDictionary": "WeakValueDictionary",
    "weakref.WeakKeyDictionary": "WeakKeyDictionary",
    "weakref.WeakSet": "WeakSet",
    "cachetools.Cache": "Cache",
    "cachetools.TTLCache": "TTLCache",
    "cachetools.LRUCache": "LRUCache",
    "cachetools.LFUCache": "LFUCache",
    "cachetools.TLRUCache": "TLRUCache",
    "cachetools.FIFOCache": "FIFOCache",
    "cachetools.RRCache": "RRCache",
    # Queues of pending work: what a request puts there is lost on restart, and another
    # worker's queue never sees it.
    "queue.Queue": "Queue", "queue.LifoQueue": "LifoQueue",
    "queue.PriorityQueue": "PriorityQueue", "queue.SimpleQueue": "SimpleQueue",
    "asyncio.queues.Queue": "Queue", "asyncio.queues.LifoQueue": "LifoQueue",
    "asyncio.queues.PriorityQueue": "PriorityQueue",
    # A counter that ``next()`` advances: every process counts on its own.
    "itertools.count": "itertools.count",
}
# Containers whose only change is ``next(container)``.
ADVANCED_BY_NEXT = frozenset({"itertools.count"})
# Container types that are caches by construction.
CACHE_TYPES = frozenset(
    {"cachetools.Cache", "cachetools.TTLCache", "cachetools.LRUCache", "cachetools.LFUCache",
     "cachetools.TLRUCache", "cachetools.FIFOCache", "cachetools.RRCache"}
)
# Public import paths of the same classes (import-name fallback).
CONTAINER_ALIASES: dict[str, str] = {
    "typing.DefaultDict": "collections.defaultdict",
    "typing.OrderedDict": "collections.OrderedDict",
    "typing.Counter": "collections.Counter",
    "typing.Deque": "collections.deque",
    "cachetools.func.ttl_cache": "cachetools.TTLCache",
    "asyncio.Queue": "asyncio.queues.Queue",
    "asyncio.LifoQueue": "asyncio.queues.LifoQueue",
    "asyncio.PriorityQueue": "asyncio.queues.PriorityQueue",
}

# Class-body declarations of a per-instance container (a descriptor, a dataclass field):
# each instance gets its own, so they are attributes of the instance, not of the class.
PER_INSTANCE_CONTAINERS: dict[str, str] = {
    "traitlets.Dict": "dict", "traitlets.traitlets.Dict": "dict",
    "traitlets.List": "list", "traitlets.traitlets.List": "list",
    "traitlets.Set": "set", "traitlets.traitlets.Set": "set",
}
# ``field(default_factory=dict)``: per-instance when the factory is a container type.
FIELD_FACTORIES = frozenset(
    {"dataclasses.field", "attr.ib", "attr.attrib", "attrs.field", "attr.field",
     "pydantic.Field", "pydantic.fields.Field"}
)

# Methods that change a container in place.
MUTATING_METHODS = frozenset(
    {
        # dict
        "setdefault", "update", "pop", "popitem", "clear", "__setitem__", "__delitem__",
        # list
        "append", "extend", "insert", "remove", "sort", "reverse",
        # set
        "add", "discard", "difference_update", "intersection_update",
        "symmetric_difference_update",
        # deque, OrderedDict, Counter
        "appendleft", "extendleft", "popleft", "rotate", "move_to_end", "subtract",
        # queues
        "put", "put_nowait",
    }
)

# Decorators that make a class a singleton of a dependency-injection container: what the
# container gives for it (``injector.get(Service)``) is one object for the process.
SINGLETON_DECORATORS = frozenset({"injector.singleton"})

# Library objects that keep per-request state in process memory unless given another
# storage: (display name, the keyword naming the storage, the symbol's kind). With no
# storage keyword, or one that says memory, the object is state; with Redis or a
# database it is a process resource.
MEMORY_STORES: dict[str, tuple[str, str, str]] = {
    **dict.fromkeys(
        ("flask_limiter.Limiter", "flask_limiter.extension.Limiter", "slowapi.Limiter",
         "slowapi.extension.Limiter"),
        ("rate limiter", "storage_uri", "rate-limit"),
    ),
    "limits.storage.MemoryStorage": ("rate-limit storage", "", "rate-limit"),
    **dict.fromkeys(
        ("apscheduler.schedulers.background.BackgroundScheduler",
         "apscheduler.schedulers.asyncio.AsyncIOScheduler",
         "apscheduler.schedulers.blocking.BlockingScheduler",
         "apscheduler.schedulers.tornado.TornadoScheduler",
         "apscheduler.schedulers.gevent.GeventScheduler"),
        ("scheduler", "jobstores", "job"),
    ),
}
# What changes such a store: its methods, and its decorators on an entry point
# (``@limiter.limit("5/minute")`` counts every request to the route).
MEMORY_STORE_METHODS = frozenset(
    {"add_job", "remove_job", "modify_job", "reschedule_job", "pause_job", "resume_job",
     "remove_all_jobs", "scheduled_job", "hit", "incr", "clear", "reset"}
)
MEMORY_STORE_DECORATORS = frozenset({"limit", "shared_limit"})
# Mutating methods that only containers have: an object of unknown type that request
# code calls them on (an application member set up elsewhere) is a container.
CONTAINER_ONLY_METHODS = frozenset(
    {"append", "extend", "insert", "appendleft", "extendleft", "popleft", "setdefault",
     "discard", "difference_update", "intersection_update", "symmetric_difference_update",
     "move_to_end", "rotate"}
)
# Methods that return an element stored in a container (mutating it mutates the state).
ELEMENT_METHODS = frozenset({"get", "setdefault", "pop", "__getitem__", "popleft", "popitem"})
# Views whose iteration yields stored elements (``for value in state.values()``).
VIEW_METHODS = frozenset({"values", "items"})

# Process resources: objects that belong to one process by design (locks, clients,
# pools, loggers, metrics...). Matched on the class and its ancestors.
RESOURCE_TYPES = frozenset(
    {
        # synchronisation
        "threading.Lock", "threading.lock", "threading.RLock", "threading._RLock",
        "threading.Semaphore", "threading.BoundedSemaphore", "threading.Event",
        "threading.Condition", "threading.Barrier", "threading.local", "_thread.lock",
        "_thread._local", "_thread.RLock",
        "asyncio.locks.Lock", "asyncio.locks.Semaphore", "asyncio.locks.BoundedSemaphore",
        "asyncio.locks.Event", "asyncio.locks.Condition",
        "multiprocessing.synchronize.Lock", "contextvars.ContextVar",
        # logging
        "logging.Logger", "logging.RootLogger", "logging.LoggerAdapter", "logging.Handler",
        "structlog.BoundLogger", "loguru._logger.Logger",
        # executors and event loops
        "concurrent.futures.thread.ThreadPoolExecutor",
        "concurrent.futures.process.ProcessPoolExecutor",
        "concurrent.futures._base.Executor", "asyncio.events.AbstractEventLoop",
        # HTTP clients
        "httpx.Client", "httpx.AsyncClient", "httpx._client.Client",
        "httpx._client.AsyncClient", "requests.sessions.Session", "requests.Session",
        "urllib3.poolmanager.PoolManager",
        # databases, caches, brokers
        "sqlalchemy.engine.base.Engine", "sqlalchemy.engine.Engine",
        "sqlalchemy.ext.asyncio.engine.AsyncEngine", "sqlalchemy.orm.session.sessionmaker",
        "sqlalchemy.orm.scoping.scoped_session",
        "sqlalchemy.ext.asyncio.session.async_sessionmaker",
        "sqlalchemy.orm.sessionmaker", "sqlalchemy.orm.scoped_session",
        "redis.client.Redis", "redis.Redis", "redis.StrictRedis", "redis.asyncio.client.Redis",
        "redis.connection.ConnectionPool", "pymongo.mongo_client.MongoClient",
        "motor.motor_asyncio.AsyncIOMotorClient", "asyncpg.pool.Pool",
        "psycopg_pool.pool.ConnectionPool", "databases.core.Database",
        "kombu.connection.Connection",
        # metrics: per process by design
        "prometheus_client.metrics.Counter", "prometheus_client.metrics.Gauge",
        "prometheus_client.metrics.Histogram", "prometheus_client.metrics.Summary",
        "prometheus_client.metrics.Info", "prometheus_client.metrics.Enum",
        "prometheus_client.registry.CollectorRegistry",
        # templates and compiled patterns
        "jinja2.environment.Environment", "jinja2.Environment",
        "re.Pattern", "typing.Pattern",
    }
)
# Import names of resource constructors, for the fallback when inference fails.
RESOURCE_CALLS = frozenset(
    {
        "threading.Lock", "threading.RLock", "threading.Semaphore", "threading.Event",
        "threading.Condition", "threading.local", "asyncio.Lock", "asyncio.Semaphore",
        "asyncio.Event", "logging.getLogger",
        "structlog.get_logger", "httpx.Client", "httpx.AsyncClient", "requests.Session",
        "sqlalchemy.create_engine",
        "sqlalchemy.ext.asyncio.create_async_engine", "sqlalchemy.orm.sessionmaker",
        "redis.Redis", "redis.StrictRedis", "redis.from_url", "redis.asyncio.Redis",
        "redis.asyncio.from_url", "aioredis.from_url", "asyncpg.create_pool",
        "motor.motor_asyncio.AsyncIOMotorClient", "pymongo.MongoClient", "boto3.client",
        "boto3.resource", "boto3.session.Session", "re.compile",
        "concurrent.futures.ThreadPoolExecutor", "concurrent.futures.ProcessPoolExecutor",
        "prometheus_client.Counter", "prometheus_client.Gauge", "prometheus_client.Histogram",
        "prometheus_client.Summary", "contextvars.ContextVar", "jinja2.Environment",
    }
)
# Lower-confidence fallback on the name of the called constructor or factory.
RESOURCE_NAME_RE = re.compile(
    r"(?i)(lock|semaphore|logger|getlogger|client|engine|sessionmaker|session_?factory|"
    r"sessionlocal|pool|executor|connection|connect|redis|driver|channel|stub|templates|"
    r"environment|model|tokenizer|pipeline|index|embedder|embedding|classifier|vectorizer|"
    r"predictor|compile|producer|consumer|publisher|bucket)"
)

# Connection classes no framework module declares (the frameworks' WebSocket classes
# are in their modules): a container that stores them is a connection registry.
CONNECTION_TYPES = frozenset(
    {
        "websockets.server.ServerConnection", "websockets.legacy.server.WebSocketServerProtocol",
        "socket.socket", "asyncio.streams.StreamWriter",
    }
)
# Parameter names that hold a connection.
CONNECTION_PARAMS = ("ws", "websocket", "web_socket", "socket", "sock", "conn", "connection")

# Call names that read data from a source that changes while the process runs
# (a database, another service). Data loaded from them once is stale later.
REMOTE_SOURCE_RE = re.compile(
    r"(?i)(fetch|(^|_)db(_|$)|database|query|sql|remote|http|(^|_)api(_|$)|download|select|"
    r"mongo|dynamo|s3|requests?_get|from_service|service_call)"
)

# Names that say a container holds request data (sessions, connections, counters, jobs,
# caches): evidence of a container when nothing else tells the type.
DATA_NAME_RE = re.compile(
    r"(?i)(^|_)(sessions|tokens|logins|users|connections|websockets|sockets|subscribers|"
    r"listeners|peers|counts?|counters|hits|visits|rates|limits|attempts|jobs|statuses|"
    r"progress|results|cache|caches|memo|history|seen|registry|items|orders|carts?|"
    r"messages)(_|$)"
)

# Mutable globals of the standard library: one per process, changed for every thread.
PROCESS_GLOBALS = {"os.environ": "mapping"}

# Calls that run a callable later in this process, by their last name (the frameworks
# add theirs): ``asyncio.to_thread(fn, *args)``, ``executor.submit(fn, *args)``.
DEFERRING_CALLS = {
    "to_thread": Deferral(0, 1),
    "run_in_executor": Deferral(1, 2),  # loop.run_in_executor(executor, fn, *args)
    "submit": Deferral(0, 1),
    "start_new_thread": Deferral(0, None),
    # asyncio's event loop, and a future's callbacks
    "call_soon": Deferral(0, 1), "call_soon_threadsafe": Deferral(0, 1),
    "call_later": Deferral(1, 2), "call_at": Deferral(1, 2),
    "add_done_callback": Deferral(0, None),
}
# ``Thread(target=fn, args=(...))``: classes whose ``target`` runs in another thread.
THREAD_CLASSES = frozenset({"Thread", "Timer", "Process"})
# ``asyncio.create_task(coro())``: the coroutine runs later, as a task.
TASK_WRAPPERS = frozenset({"create_task", "ensure_future", "run_coroutine_threadsafe"})

# Calls that publish or subscribe through a message broker (Redis, RabbitMQ): a
# connection registry beside them is the local half of a fan-out.
BROKER_CALLS = (
    "publish", "subscribe", "pubsub", "amqp", "basic_consume", "exchange_declare", "xadd",
    "xreadgroup",
)
# Expressions that name a session (the frameworks add theirs): a token, a session id.
SESSION_KEYS = (r"token", r"session_?id", r"\bsid\b", r"session_key", r"cookie")
# Expressions that name the client of a request (the frameworks add theirs).
CLIENT_KEYS = (
    r"client_ip", r"\bip\b", r"ip_address", r"ip_addr", r"x-forwarded-for",
    r"x_forwarded_for", r"x-real-ip", r"peername", r"REMOTE_ADDR", r"client_host",
    r"api_key",
)


@dataclass(frozen=True, eq=False)
class Knowledge:  # pylint: disable=too-many-instance-attributes
    """The tables in force: the enabled frameworks' entry points, every framework's
    objects, and the in-house declarations of the options, indexed for cheap tests."""

    frameworks: tuple[Framework, ...] = FRAMEWORKS
    extra_decorators: frozenset[str] = frozenset()
    extra_bases: tuple[tuple[str, EntryClass], ...] = ()
    extra_resources: frozenset[str] = frozenset()
    # Functions named by configuration (``module.function``, or a function's name alone)
    # that a platform calls per event.
    handler_names: frozenset[str] = frozenset()
    # entry points (the enabled frameworks)
    decorator_names: frozenset[str] = field(init=False)
    registration_names: frozenset[str] = field(init=False)
    # those that name their callables in data (all their arguments may be literals)
    named_registration_names: frozenset[str] = field(init=False)
    registration_patterns: tuple[tuple[re.Pattern[str], Registration], ...] = field(init=False)
    entry_bases: dict[str, EntryClass] = field(init=False)
    class_decorators: dict[str, EntryClass] = field(init=False)
    class_decorator_names: frozenset[str] = field(init=False)
    # What the configured handlers are, and the remedy said for them.
    configured_handler: ConventionEntry | None = field(init=False)
    configured_remedy: str = field(init=False)
    hook_lists: dict[str, Role] = field(init=False)
    middleware_attributes: frozenset[str] = field(init=False)
    listener_keywords: frozenset[str] = field(init=False)
    quiet_signals: frozenset[str] = field(init=False)
    packages: frozenset[str] = field(init=False)  # top-level packages of the frameworks
    app_classes: frozenset[str] = field(init=False)  # whose instances hold app state
    app_objects: frozenset[str] = field(init=False)
    app_namespaces: frozenset[str] = field(init=False)
    handler_namespaces: dict[str, str] = field(init=False)
    route_arguments: tuple[tuple[str, RouteArguments], ...] = field(init=False)
    module_conventions: tuple[tuple[Framework, ModuleConvention], ...] = field(init=False)
    # objects (every framework)
    app_globals: frozenset[str] = field(init=False)
    resource_types: frozenset[str] = field(init=False)
    resource_calls: frozenset[str] = field(init=False)
    connection_types: frozenset[str] = field(init=False)
    connection_attributes: frozenset[str] = field(init=False)
    connection_param_re: re.Pattern[str] = field(init=False)
    deferring_calls: dict[str, Deferral] = field(init=False)
    dependency_markers: frozenset[str] = field(init=False)
    broker_call_re: re.Pattern[str] = field(init=False)
    client_key_re: re.Pattern[str] = field(init=False)
    session_key_re: re.Pattern[str] = field(init=False)
    shared_results: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        fws = self.frameworks
        set_ = object.__setattr__
        set_(self, "decorator_names", frozenset(
            name
            for fw in fws
            for name in (
                *fw.decorator_methods, *fw.bare_decorator_methods, *fw.startup_event_methods,
                *(qname.rsplit(".", 1)[-1] for qname in fw.decorator_functions),
            )
        ) | {q.rsplit(".", 1)[-1] for q in self.extra_decorators})
        set_(self, "registration_names", frozenset(
            name
            for fw in fws
            for name in (
                *fw.registration_methods, *fw.startup_event_methods,
                *(qname.rsplit(".", 1)[-1] for qname in fw.registration_callables),
                *(qname.rsplit(".", 1)[-1] for qname in fw.app_classes),
            )
        ) | {"append"})
        set_(self, "named_registration_names", frozenset(
            name
            for fw in fws
            for name, registration in (
                *fw.registration_methods.items(),
                *((q.rsplit(".", 1)[-1], r) for q, r in fw.registration_callables.items()),
            )
            if registration.named_by is not None
        ))
        set_(self, "registration_patterns", tuple(
            (re.compile(pattern), registration)
            for fw in fws for pattern, registration in fw.registration_patterns.items()
        ))
        entry_bases = {q: spec for fw in fws for q, spec in fw.entry_classes.items()}
        entry_bases.update(self.extra_bases)
        set_(self, "entry_bases", entry_bases)
        set_(self, "class_decorators",
             {q: spec for fw in fws for q, spec in fw.class_decorators.items()})
        set_(self, "class_decorator_names",
             frozenset(q.rsplit(".", 1)[-1] for q in self.class_decorators))
        configured = next((fw for fw in fws if fw.configured_handler is not None), None)
        set_(self, "configured_handler",
             configured.configured_handler if configured is not None else None)
        set_(self, "configured_remedy", configured.remedy if configured is not None else "")
        set_(self, "hook_lists", {n: r for fw in fws for n, r in fw.hook_lists.items()})
        set_(self, "middleware_attributes", _union(fw.middleware_attributes for fw in fws))
        set_(self, "listener_keywords", _union(fw.listener_keywords for fw in fws))
        set_(self, "quiet_signals", _union(fw.quiet_signals for fw in fws))
        set_(self, "packages", _union(fw.packages for fw in fws)
             | {q.split(".", 1)[0] for q, _ in self.extra_bases})
        set_(self, "app_classes", frozenset(
            q for fw in fws if fw.app_objects or fw.app_state_attributes for q in fw.app_classes
        ))
        set_(self, "app_objects", _union(fw.app_objects for fw in fws))
        set_(self, "app_namespaces", _union(fw.app_state_attributes for fw in fws))
        set_(self, "route_arguments", tuple(
            (fw.setup_method, fw.route_arguments) for fw in fws
            if fw.setup_method and fw.route_arguments is not None
        ))
        set_(self, "module_conventions", tuple(
            (fw, fw.module_convention) for fw in fws if fw.module_convention is not None
        ))
        set_(self, "handler_namespaces",
             {n: a for fw in fws for n, a in fw.handler_namespaces.items()})
        every = FRAMEWORKS
        set_(self, "app_globals", _union(fw.app_globals for fw in every))
        set_(self, "resource_types", RESOURCE_TYPES | self.extra_resources
             | _union(fw.resource_types for fw in every))
        set_(self, "resource_calls", RESOURCE_CALLS | _union(fw.resource_calls for fw in every))
        set_(self, "connection_types", CONNECTION_TYPES
             | _union(fw.connection_types for fw in every))
        attributes = _union(fw.connection_attributes for fw in every)
        set_(self, "connection_attributes", attributes)
        set_(self, "connection_param_re", re.compile(
            "(?i)^(" + "|".join((*CONNECTION_PARAMS, *sorted(attributes))) + ")$"
        ))
        deferring = dict(DEFERRING_CALLS)
        for fw in every:
            deferring.update(fw.deferring_calls)
        set_(self, "deferring_calls", deferring)
        set_(self, "dependency_markers", _union(fw.dependency_markers for fw in every))
        brokers = (*BROKER_CALLS, *sorted(_union(fw.broker_calls for fw in every)))
        set_(self, "broker_call_re", re.compile("(?i)(" + "|".join(brokers) + ")"))
        keys = (*(k for fw in every for k in fw.client_keys), *CLIENT_KEYS)
        set_(self, "client_key_re", re.compile("(?i)(" + "|".join(keys) + ")"))
        sessions = (*SESSION_KEYS, *(k for fw in every for k in fw.session_keys))
        set_(self, "session_key_re", re.compile("(?i)(" + "|".join(sessions) + ")"))
        set_(self, "shared_results", _union(fw.shared_results for fw in every))

    @property
    def enabled(self) -> frozenset[str]:
        return frozenset(fw.name for fw in self.frameworks)

    def app_frameworks(self, qnames: set[str]) -> list[Framework]:
        """The enabled frameworks whose application objects are of one of the classes
        ``qnames`` (any object of the framework, for ``package_receivers``)."""
        return [
            fw for fw in self.frameworks
            if qnames & fw.app_classes or (
                fw.package_receivers and any(q.split(".", 1)[0] in fw.packages for q in qnames)
            )
        ]

    def runs_per_session(self, module: nodes.Module) -> bool:
        """Whether a framework runs the top level of ``module`` per session (a script):
        its globals are then made anew on every run."""
        return any(_convention(convention, module) is not None
                   for _fw, convention in self.module_conventions)

    def is_resource(self, qname: str) -> bool:
        """Whether objects of the class (or made by the factory) ``qname`` are resources."""
        return qname in self.resource_types or qname in self.resource_calls

    def signature(self) -> tuple[object, ...]:
        """What of these tables can change a summary of the walk (:mod:`.analysis.session`)."""
        return (self.extra_resources, self.app_classes, self.app_objects, self.app_namespaces,
                tuple(fw.name for fw, _convention in self.module_conventions))


def _convention(convention: ModuleConvention, module: nodes.Module) -> object:
    try:
        return convention(module)
    except Exception:  # pylint: disable=broad-exception-caught
        return None  # a framework's hook must not break the analysis


def _union(sets: Iterable[frozenset[str]]) -> frozenset[str]:
    result: frozenset[str] = frozenset()
    for items in sets:
        result |= items
    return result
