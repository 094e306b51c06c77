"""The message catalog: ids, symbols, texts.

Every message takes what the state is and where it is defined, then which entry point
reaches it (and through which helpers).  The text says why it breaks with several
workers, restarts or threads, and what to use instead, following the remediation
checklist of the specification; its last argument adds what the entry point's
framework says its services should use (empty for most frameworks).
"""

from __future__ import annotations

from dataclasses import dataclass

MSG_ID_BASE = 67
DOCS_URL = (
    "https://github.com/pylint-stateless/pylint-stateless/blob/main/docs/messages/{symbol}.md"
)


@dataclass(frozen=True)
class MessageDef:
    """One message: its id and symbol, the template of its text, and its description."""

    msgid: str
    symbol: str
    template: str
    description: str

    @property
    def summary(self) -> str:
        """First sentence of the description: the README's table column."""
        return self.description.split(". ", 1)[0].rstrip(".") + "."

    def as_pylint(self) -> tuple[str, str, str]:
        return (self.template, self.symbol, self.description)


MESSAGES: tuple[MessageDef, ...] = (
    MessageDef(
        "W6701",
        "request-mutates-module-state",
        "%s is mutated on the request path by %s: every worker process has its own copy, "
        "a restart empties it, and concurrent requests race on it. Keep it in a database "
        "table or in Redis%s",
        "A module-level container (dict, list, set, deque, ...) is changed by code that "
        "serves requests. Each worker process and each replica holds a different copy, a "
        "restart loses the data, and threads or concurrent requests race on it. Store the "
        "data in a database table or in Redis.",
    ),
    MessageDef(
        "W6702",
        "request-rebinds-global",
        "%s is rebound on the request path by %s: the new value exists only in this worker "
        "process and is lost on restart, and concurrent requests race on it. Keep the value "
        "in a database or Redis, or compute it per request%s",
        "A module-level name is assigned (with ``global``, ``module.name = ...`` or "
        "``setattr(module, ...)``) by code that serves requests. The value is visible to "
        "this process only, disappears on restart, and concurrent requests overwrite each "
        "other. Keep the value in shared storage or compute it per request.",
    ),
    MessageDef(
        "W6703",
        "request-mutates-shared-instance",
        "%s is changed on the request path by %s: one instance serves every request of this "
        "process, so concurrent requests overwrite each other and other workers never see "
        "the change. %s%s",
        "An attribute of an object that lives as long as the process (a module-level "
        "service instance, a middleware instance) is written by code that serves requests. "
        "Concurrent requests overwrite each other's values, and each worker has its own "
        "object. Create such objects per request (a request-scoped dependency), and keep "
        "data that must outlive the request in a database table or Redis.",
    ),
    MessageDef(
        "W6704",
        "request-mutates-class-state",
        "%s is changed on the request path by %s: a class attribute is shared by every "
        "instance in this process, so concurrent requests race on it, other workers never "
        "see it, and a restart loses it. Keep the data in a database or Redis, or in an "
        "object created per request%s",
        "A class attribute is changed by code that serves requests, through the class, "
        "``cls`` or ``self``. Class attributes are shared by every instance of the process. "
        "Keep the data in shared storage or in an instance created per request.",
    ),
    MessageDef(
        "W6705",
        "in-memory-session-store",
        "%s keeps sessions or logged-in users in process memory, written by %s: users are "
        "logged out on restart and whenever a request reaches another worker. Use signed "
        "tokens (JWT) or a shared session store (Redis, a database)%s",
        "Sessions, tokens or logged-in users are kept in a container of the process. A "
        "user's next request may reach another worker, which does not know the session, "
        "and a restart logs everybody out. Use signed, self-contained tokens (JWT) or a "
        "shared session store.",
    ),
    MessageDef(
        "W6706",
        "in-memory-rate-limiter",
        "%s counts requests per client in process memory, updated by %s: each worker keeps "
        "its own count, so N workers allow N times the limit, and a restart resets it. "
        "Count in Redis (INCR with EXPIRE) or rate-limit at the gateway%s",
        "Request counts or timestamps keyed by client are kept in a container of the "
        "process. With several workers each one counts separately, so the effective limit "
        "is multiplied, and a restart resets every counter. Count in shared storage (Redis "
        "INCR with EXPIRE) or rate-limit at the gateway.",
    ),
    MessageDef(
        "W6707",
        "process-local-connection-registry",
        "%s collects connections in process memory, changed by %s: a broadcast reaches only "
        "the clients connected to this worker, and the registry is lost on restart. Fan "
        "messages out through a pub/sub broker (Redis, RabbitMQ) that every worker "
        "subscribes to%s",
        "WebSocket or other connection objects are collected in shared state of the "
        "process. A client is connected to one worker only, so a broadcast from this "
        "registry misses the clients of every other worker. Publish through a broker "
        "(Redis pub/sub, RabbitMQ) to which every worker subscribes.",
    ),
    MessageDef(
        "W6708",
        "in-memory-job-status",
        "%s keeps job status in process memory, written by %s: a status request served by "
        "another worker finds nothing, and a restart loses every job. Keep jobs in a "
        "database table or a task queue with a result backend%s",
        "The status or result of background work is written to a container of the process "
        "and read by request handlers. A status request that reaches another worker finds "
        "nothing, and a restart loses every job. Keep jobs in a database table or use a "
        "task queue with a result backend.",
    ),
    MessageDef(
        "W6709",
        "process-local-cache",
        "%s is a cache that exists only in this process, written by %s: each worker fills "
        "and invalidates its own copy, so workers serve different data and an update "
        "seen by one worker is not seen by the others. Use Redis with a TTL and keep the "
        "database as the source of truth%s",
        "A cache is filled by code that serves requests and lives in one process only. "
        "Each worker has its own copy, invalidation in one worker does not reach the "
        "others, and a plain dict used as a cache has no size limit. Use a shared cache "
        "with a TTL (Redis) in front of the real source of truth.",
    ),
    MessageDef(
        "W6710",
        "startup-state-never-refreshed",
        "%s is loaded once %s and served from memory ever after: a change at its source "
        "needs a restart of every worker, and workers started at different times serve "
        "different values. Fetch it per request, or cache it with a TTL%s",
        "Data from a database or another service is loaded once (at startup, or on the "
        "first request behind a ``global``) and served from memory forever. Changes at "
        "the source are never seen until every worker restarts. Fetch it per request, or "
        "cache it with an expiry.",
    ),
)

SYMBOLS: tuple[str, ...] = tuple(m.symbol for m in MESSAGES)
