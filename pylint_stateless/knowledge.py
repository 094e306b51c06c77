"""Type knowledge: in-memory containers, process resources, per-request objects.

Tables of qualified names, matched against inferred classes and their ancestors
first; the ``*_NAME_RE`` patterns are the lower-confidence fallback used when the
defining library cannot be inferred.
"""

from __future__ import annotations

import re

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
}
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
}

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
    }
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
        "asyncio.locks.Event", "asyncio.locks.Condition", "asyncio.queues.Queue",
        "multiprocessing.synchronize.Lock", "queue.Queue", "contextvars.ContextVar",
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
        "aiohttp.client.ClientSession", "aiohttp.ClientSession", "urllib3.poolmanager.PoolManager",
        # databases, caches, brokers
        "sqlalchemy.engine.base.Engine", "sqlalchemy.engine.Engine",
        "sqlalchemy.ext.asyncio.engine.AsyncEngine", "sqlalchemy.orm.session.sessionmaker",
        "sqlalchemy.orm.scoping.scoped_session", "sqlalchemy.ext.asyncio.session.async_sessionmaker",
        "sqlalchemy.orm.sessionmaker", "sqlalchemy.orm.scoped_session",
        "redis.client.Redis", "redis.Redis", "redis.StrictRedis", "redis.asyncio.client.Redis",
        "redis.connection.ConnectionPool", "pymongo.mongo_client.MongoClient",
        "motor.motor_asyncio.AsyncIOMotorClient", "asyncpg.pool.Pool",
        "psycopg_pool.pool.ConnectionPool", "databases.core.Database",
        "celery.app.base.Celery", "kombu.connection.Connection",
        "flask_sqlalchemy.SQLAlchemy", "flask_sqlalchemy.extension.SQLAlchemy",
        # metrics: per process by design
        "prometheus_client.metrics.Counter", "prometheus_client.metrics.Gauge",
        "prometheus_client.metrics.Histogram", "prometheus_client.metrics.Summary",
        "prometheus_client.metrics.Info", "prometheus_client.metrics.Enum",
        "prometheus_client.registry.CollectorRegistry",
        # templates and compiled patterns
        "jinja2.environment.Environment", "jinja2.Environment",
        "starlette.templating.Jinja2Templates", "fastapi.templating.Jinja2Templates",
        "re.Pattern", "typing.Pattern",
    }
)
# Import names of resource constructors, for the fallback when inference fails.
RESOURCE_CALLS = frozenset(
    {
        "threading.Lock", "threading.RLock", "threading.Semaphore", "threading.Event",
        "threading.Condition", "threading.local", "asyncio.Lock", "asyncio.Semaphore",
        "asyncio.Event", "asyncio.Queue", "queue.Queue", "logging.getLogger",
        "structlog.get_logger", "httpx.Client", "httpx.AsyncClient", "requests.Session",
        "aiohttp.ClientSession", "sqlalchemy.create_engine",
        "sqlalchemy.ext.asyncio.create_async_engine", "sqlalchemy.orm.sessionmaker",
        "redis.Redis", "redis.StrictRedis", "redis.from_url", "redis.asyncio.Redis",
        "redis.asyncio.from_url", "aioredis.from_url", "asyncpg.create_pool",
        "motor.motor_asyncio.AsyncIOMotorClient", "pymongo.MongoClient", "boto3.client",
        "boto3.resource", "boto3.session.Session", "re.compile",
        "concurrent.futures.ThreadPoolExecutor", "concurrent.futures.ProcessPoolExecutor",
        "prometheus_client.Counter", "prometheus_client.Gauge", "prometheus_client.Histogram",
        "prometheus_client.Summary", "contextvars.ContextVar",
        "fastapi.templating.Jinja2Templates", "starlette.templating.Jinja2Templates",
        "jinja2.Environment", "celery.Celery",
    }
)
# Lower-confidence fallback on the name of the called constructor or factory.
RESOURCE_NAME_RE = re.compile(
    r"(?i)(lock|semaphore|logger|getlogger|client|engine|sessionmaker|session_?factory|"
    r"sessionlocal|pool|executor|connection|connect|redis|driver|channel|stub|templates|"
    r"environment|model|tokenizer|pipeline|index|embedder|embedding|classifier|vectorizer|"
    r"predictor|compile|limiter|scheduler|producer|consumer|publisher|bucket)"
)

# WebSocket and socket classes: a container that stores them is a connection registry.
CONNECTION_TYPES = frozenset(
    {
        "starlette.websockets.WebSocket", "fastapi.WebSocket", "fastapi.websockets.WebSocket",
        "aiohttp.web_ws.WebSocketResponse", "aiohttp.web.WebSocketResponse",
        "tornado.websocket.WebSocketHandler", "websockets.server.ServerConnection",
        "channels.generic.websocket.WebsocketConsumer",
        "channels.generic.websocket.AsyncWebsocketConsumer",
        "websockets.legacy.server.WebSocketServerProtocol", "socket.socket",
        "quart.wrappers.websocket.Websocket", "simple_websocket.ws.Server",
        "flask_sock.Sock", "asyncio.streams.StreamWriter",
    }
)
CONNECTION_PARAM_RE = re.compile(
    r"(?i)^(ws|websocket|web_socket|socket|sock|conn|connection|channel_name)$"
)

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
