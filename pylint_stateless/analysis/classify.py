"""Which message a piece of state deserves, from all the evidence in the module.

The specialised messages (sessions, rate limits, connections, jobs, caches) win
over the generic ones when the evidence is clear: what is stored in the state
(a WebSocket), what it is keyed by (the client address), who writes it (a
background task), its declared type (a ``TTLCache``) and, last, its name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from astroid import nodes

from pylint_stateless import knowledge
from pylint_stateless.analysis import astutil
from pylint_stateless.analysis.state import Env, Resolver, Shape, State, StateKind
from pylint_stateless.analysis.walker import Facts, Hit, Mutation, Op

SESSION_RE = re.compile(
    r"(^|_)(sessions?|session_store|tokens?|logins?|logged_in(_users)?|logged_users|"
    r"active_users|online_users|authenticated(_users)?|user_sessions?|sids?)(_|$)"
)
RATE_RE = re.compile(
    r"(^|_)(rate|rates|rate_limits?|ratelimits?|limiter|throttle|throttles|throttling|"
    r"login_attempts|failed_attempts|request_counts?|requests_per_\w+|quota|quotas)(_|$)"
)
JOB_RE = re.compile(
    r"(^|_)(jobs?|job_status(es)?|task_status(es)?|task_results?|job_results?|"
    r"processing_status|progress|statuses)(_|$)"
)
CACHE_RE = re.compile(r"(^|_)(cache|caches|cached|caching|memo|memos|memoized|lru)(_|$)")
CONNECTION_RE = re.compile(
    r"(^|_)(connections|active_connections|websockets|websocket_connections|sockets|"
    r"ws_clients|ws_connections|subscribers|listeners|peers|channels_registry|connected|"
    r"connected_clients|online)(_|$)"
)
SESSION_KEY_RE = re.compile(r"(?i)(token|session_?id|\bsid\b|session_key|cookie)")
CLIENT_KEY_RE = re.compile(
    r"(?i)(remote_addr|client\.host|client_ip|\bip\b|ip_address|ip_addr|x-forwarded-for|"
    r"x_forwarded_for|x-real-ip|peername|REMOTE_ADDR|client_host|api_key)"
)

def snake(name: str) -> str:
    """``activeConnections`` and ``ACTIVE_CONNECTIONS`` both give ``active_connections``."""
    name = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name)
    return name.lower().lstrip("_")


def classify(state: State, hit: Hit, all_hits: Iterable[Hit]) -> str:
    """The message symbol for one hit on ``state``, given every hit on it in the module."""
    if hit.mutation.op is Op.REBIND:
        return _GENERIC_REBIND[state.kind]
    container_hits = [h for h in all_hits if h.mutation.op is not Op.REBIND]
    return _specialise(state, container_hits) or _GENERIC[state.kind]


_GENERIC = {
    StateKind.MODULE: "request-mutates-module-state",
    StateKind.ATTRIBUTE: "request-mutates-shared-instance",
    StateKind.CLASS: "request-mutates-class-state",
    StateKind.APP: "request-mutates-shared-instance",
}
_GENERIC_REBIND = {**_GENERIC, StateKind.MODULE: "request-rebinds-global"}


def _specialise(state: State, hits: list[Hit]) -> str | None:
    names = _names(state, under_keys=any(fact(h.mutation, "keyed") for h in hits))
    annotation = state.annotation()
    if (
        any(fact(h.mutation, "stores_connection") for h in hits)
        or any(_matches(CONNECTION_RE, n) for n in names)
        or "websocket" in annotation.lower()
    ):
        return "process-local-connection-registry"
    if any(_matches(SESSION_RE, n) for n in names):
        return "in-memory-session-store"
    if any(_matches(RATE_RE, n) for n in names) or any(
        fact(h.mutation, "client_key") for h in hits
    ):
        return "in-memory-rate-limiter"
    if any(fact(h.mutation, "session_key") for h in hits):
        return "in-memory-session-store"
    if any(h.background for h in hits) or _matches(JOB_RE, names[0]):
        return "in-memory-job-status"
    if state.qualified_type in knowledge.CACHE_TYPES or _matches(CACHE_RE, names[0]):
        return "process-local-cache"
    return None


# --- what a mutation's expressions tell -------------------------------------------------
# Each asks the nodes, or, for a mutation read from disk without them, the stored answer.


def fact(mutation: Mutation, name: str, resolver: Resolver | None = None) -> bool:
    """One of the :class:`Facts` (by field name) about a mutation's expressions."""
    if mutation.facts is not None:
        return getattr(mutation.facts, name)
    return _LIVE[name](mutation, resolver)


def facts(mutation: Mutation, resolver: Resolver) -> Facts:
    """Every answer at once: what is stored on disk with a summary."""
    if mutation.facts is not None:
        return mutation.facts
    return Facts(**{name: find(mutation, resolver) for name, find in _LIVE.items()})


# How each fact is read from a live mutation's nodes (the resolver is the linted module's).
_LIVE = {
    # the value written is read from a database or another service
    "loads_remote": lambda m, resolver: loads_remote_data(m.value, resolver),
    # the value written is a client, a lock or a pool: per process by design
    "resource_value": lambda m, resolver: (
        m.value is not None and resolver.value_shape(m.value)[0] is Shape.RESOURCE
    ),
    "stores_connection": lambda m, _resolver: _stores_connection(m.value),
    "keyed": lambda m, _resolver: m.key is not None,
    "client_key": lambda m, _resolver: _keyed_by_client(m.key),
    "session_key": lambda m, _resolver: _keyed_by_session(m.key),
    # ``total += amount``: a counter or a running total
    "augmented": lambda m, _resolver: isinstance(m.statement, nodes.AugAssign),
}


def _names(state: State, under_keys: bool) -> list[str]:
    """The state's own name, then, for a container written under keys, the names of what
    holds it: the shared instance and its class (``RateLimiter().user_requests[token]``
    is a rate limiter's)."""
    names = [snake(state.attr)]
    owner = state.owner
    if under_keys and owner is not None and owner.kind is not StateKind.APP:
        names.append(snake(owner.attr))
        if owner.class_name():
            names.append(snake(owner.class_name()))
    return names


def _matches(pattern: re.Pattern[str], name: str) -> bool:
    return bool(pattern.search(name))


def _keyed_by_session(key: nodes.NodeNG | None) -> bool:
    """``users[token] = ...``, ``store[session_id] = ...``: keyed by a session token."""
    return key is not None and bool(SESSION_KEY_RE.search(_key_text(key)))


def _keyed_by_client(key: nodes.NodeNG | None) -> bool:
    return key is not None and bool(CLIENT_KEY_RE.search(_key_text(key)))


def _key_text(key: nodes.NodeNG) -> str:
    """The key expression, and what a local variable used as key was assigned."""
    text = astutil.text(key)
    if isinstance(key, nodes.Name):
        try:
            _, bindings = key.lookup(key.name)
        except Exception:  # pylint: disable=broad-exception-caught
            return text
        for binding in bindings:
            value = astutil.assigned_value(binding) if isinstance(binding, nodes.AssignName) else None
            if value is not None:
                text += " " + astutil.text(value)
    return text


def _stores_connection(value: nodes.NodeNG | None) -> bool:
    """Whether ``value`` is a WebSocket or connection object, by annotation or inference,
    or an object built around one (``Player(websocket)``), or a Channels channel name."""
    if isinstance(value, nodes.Attribute) and value.attrname == "channel_name":
        return True
    if isinstance(value, nodes.Call):
        return any(
            _stores_connection(arg)
            for arg in (*value.args, *(k.value for k in value.keywords or ()))
        )
    if not isinstance(value, nodes.Name):
        return False
    try:
        _, bindings = value.lookup(value.name)
    except Exception:  # pylint: disable=broad-exception-caught
        return False
    for binding in bindings:
        if not isinstance(binding, nodes.AssignName):
            continue
        if not isinstance(binding.parent, nodes.Arguments):
            made = astutil.assigned_value(binding)  # ``ws = web.WebSocketResponse()``
            if isinstance(made, nodes.Call) and (
                astutil.import_qname(made.func) in knowledge.CONNECTION_TYPES
            ):
                return True
            continue
        if _is_connection_self(binding):
            return True
        annotation = _param_annotation(binding)
        if annotation is not None:
            qname = astutil.qname_of(astutil.infer_one(annotation)) or astutil.import_qname(
                annotation
            )
            if qname in knowledge.CONNECTION_TYPES:
                return True
            if astutil.text(annotation).lower().endswith(("websocket", "websocketresponse")):
                return True
        if knowledge.CONNECTION_PARAM_RE.match(binding.name):
            return True
    return False


def _is_connection_self(param: nodes.AssignName) -> bool:
    """``self`` in a method of a WebSocket handler class: the connection itself."""
    func = param.parent.parent
    cls = getattr(func, "parent", None)
    if not isinstance(func, nodes.FunctionDef) or not isinstance(cls, nodes.ClassDef):
        return False
    params = [*func.args.posonlyargs, *func.args.args]
    if not params or params[0] is not param or func.type != "method":
        return False
    if astutil.class_qnames(cls) & knowledge.CONNECTION_TYPES:
        return True
    return any(astutil.import_qname(base) in knowledge.CONNECTION_TYPES for base in cls.bases)


def _param_annotation(param: nodes.AssignName) -> nodes.NodeNG | None:
    arguments = param.parent
    assert isinstance(arguments, nodes.Arguments)
    for group, annotations in (
        (arguments.posonlyargs, arguments.posonlyargs_annotations),
        (arguments.args, arguments.annotations),
        (arguments.kwonlyargs, arguments.kwonlyargs_annotations),
    ):
        for arg, annotation in zip(group, annotations):
            if arg is param:
                return annotation
    return None


def loads_remote_data(value: nodes.NodeNG | None, resolver: Resolver) -> bool:
    """Whether ``value`` reads data from a database or another service."""
    if isinstance(value, nodes.Await):
        value = value.value
    if not isinstance(value, nodes.Call):
        return False
    if resolver.value_shape(value)[0] is Shape.RESOURCE:
        return False
    if _remote_call(value):
        return True
    found = resolver.callee(value.func, Env())
    if found is None or found[0].name == "__init__":
        return False
    return any(
        _remote_call(call)
        for statement in found[0].body
        for call in statement.nodes_of_class(nodes.Call)
    )


def _remote_call(call: nodes.Call) -> bool:
    name = astutil.last_name(call.func)
    if name and (knowledge.RESOURCE_NAME_RE.search(name) or name[:1].isupper()):
        return False  # a client, or a constructor (``S3Credentials(...)``): no data read
    text = (astutil.import_qname(call.func) or astutil.text(call.func)).replace(".", "_")
    return bool(knowledge.REMOTE_SOURCE_RE.search(text))
