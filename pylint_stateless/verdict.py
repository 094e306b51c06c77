"""The verdict: which message a finding gets, or none, where it goes, and its text.

The walker reports hits (a mutation of a state, reached from an entry point through
calls). For one linted module, :class:`Verdict` turns them into messages:

- a hit from start-up code, a lazily created resource, or a lazy load of data that
  does not go stale is dropped (it is inventoried, not reported);
- hits on one state at one statement of the module make one message, which names
  every entry point that reaches it;
- the specialised messages (sessions, rate limits, connections, jobs, caches) win over
  the generic ones when the evidence is clear: what is stored in the state (a
  WebSocket), what it is keyed by (the client address), who writes it (a background
  task), its declared type (a ``TTLCache``) and, last, its name;
- a connection registry in a module that fans messages out through a broker is the
  local half of the recommended remedy: not reported.

The message templates are in :mod:`.messages`; the arguments are built here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from astroid import nodes
from pylint.interfaces import Confidence

from pylint_stateless.analysis import astutil
from pylint_stateless.analysis.model import Hit, Op, Shape, State, StateKind, weakest
from pylint_stateless.entrypoints import EntryPoint
from pylint_stateless.frameworks import Role
from pylint_stateless.knowledge import CACHE_TYPES, MEMORY_STORES, MUTATING_METHODS, Knowledge

# Names that say a container keeps logins (a session store on their own), and names that
# say "sessions" of something (chats, kernels...): a login's only with identity data.
SESSION_RE = re.compile(
    r"(^|_)(session_store|tokens?|logins?|logged_in(_users)?|logged_users|"
    r"active_users|online_users|authenticated(_users)?|user_sessions?|sids?)(_|$)"
)
WEAK_SESSION_RE = re.compile(r"(^|_)sessions?(_|$)")
RATE_RE = re.compile(
    r"(^|_)(rate|rates|rate_limits?|ratelimits?|limiter|throttle|throttles|throttling|"
    r"login_attempts|failed_attempts|failed_logins|request_counts?|requests_per_\w+|quota|"
    r"quotas)(_|$)"
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
REGISTRY = "process-local-connection-registry"
SHARED_INSTANCE = "request-mutates-shared-instance"
STARTUP = "startup-state-never-refreshed"
_GENERIC = {
    StateKind.MODULE: "request-mutates-module-state",
    StateKind.ATTRIBUTE: SHARED_INSTANCE,
    StateKind.CLASS: "request-mutates-class-state",
    StateKind.APP: SHARED_INSTANCE,
    StateKind.LOCAL: "request-mutates-module-state",
}
_GENERIC_REBIND = {**_GENERIC, StateKind.MODULE: "request-rebinds-global"}


@dataclass(eq=False, repr=False)
class Report:
    """One message to emit: one state at one place in the linted module."""

    state: State
    anchor: nodes.NodeNG
    hit: Hit
    entry: EntryPoint
    symbol: str = ""
    # Every entry point that reaches it, in order: a dict for its keys, so that adding
    # one is not a search of the others (thousands of routes may write one state).
    entries: dict[EntryPoint, None] = field(default_factory=dict)
    confidence: Confidence | None = None


class Verdict:
    """The messages of one linted module, from the hits of its entry points."""

    def __init__(self, module: nodes.Module, knowledge: Knowledge,
                 ignore: tuple[re.Pattern[str], ...] = (), every_site: bool = False) -> None:
        self.module = module
        self._knowledge = knowledge
        self._ignore = ignore
        self._every_site = every_site  # one message per place, not one per state
        self._reports: dict[tuple[int, tuple[str, ...]], Report] = {}
        self._hits: dict[State, list[Hit]] = {}
        self._entries: list[EntryPoint] = []
        # Hits that make no message: start-up code, lazy resources (the inventory's).
        self.dropped: list[tuple[EntryPoint, Hit]] = []

    def add(self, entry: EntryPoint, hits: Iterable[Hit]) -> None:
        """What the walk from ``entry`` found."""
        self._entries.append(entry)
        for hit in hits:
            symbol = _forced_symbol(entry, hit)
            if symbol is None:
                self.dropped.append((entry, hit))
                continue
            state = hit.mutation.state
            if self._ignored(state):
                continue
            anchor = _anchor(hit, entry, self.module)
            key = (id(_statement(anchor)), state.key)
            report = self._reports.get(key)
            self._hits.setdefault(state, []).append(hit)
            if report is None:
                report = self._reports[key] = Report(state, anchor, hit, entry, symbol)
            report.entries[entry] = None
            report.confidence = weakest(
                *(c for c in (report.confidence,) if c is not None),
                entry.confidence, hit.confidence, state.confidence,
            )

    def reports(self) -> list[Report]:
        """Every message of the module, in the order of the source."""
        specialised: dict[State, str] = {}
        for report in self._reports.values():
            if report.symbol:
                continue
            if report.hit.mutation.op is Op.REBIND:
                report.symbol = _GENERIC_REBIND[report.state.kind]
                continue
            state = report.state
            if state not in specialised:  # once per state, however many hits it has
                container_hits = [h for h in self._hits[state] if h.mutation.op is not Op.REBIND]
                specialised[state] = _specialise(
                    state, container_hits, functools.partial(self._read_by_handler, state)
                ) or _GENERIC[state.kind]
            report.symbol = specialised[state]
        reports = sorted(self._reports.values(), key=_source_order)
        if any(r.symbol == REGISTRY for r in reports) and self._fans_out():
            # The registry is the local half of a broker fan-out: the remedy is in place.
            reports = [r for r in reports if r.symbol != REGISTRY]
        if not self._every_site:
            reports = _one_per_state(reports)
        return reports

    def _read_by_handler(self, state: State) -> bool:
        """Whether an entry point of the module reads ``state`` (by its last name), other
        than to write it: a status request reading what background work wrote."""
        leaf = state.attr
        for entry in self._entries:
            for node in entry.func.nodes_of_class((nodes.Name, nodes.Attribute)):
                name = node.name if isinstance(node, nodes.Name) else node.attrname
                if name == leaf and not _written_here(node):
                    return True
        return False

    def _ignored(self, state: State) -> bool:
        return any(p.fullmatch(state.name) or p.fullmatch(state.attr) for p in self._ignore)

    def _fans_out(self) -> bool:
        """Whether the module publishes or subscribes through a message broker."""
        broker = self._knowledge.broker_call_re
        return any(
            broker.search(astutil.last_name(call.func) or "")
            for call in self.module.nodes_of_class(nodes.Call)
        )


def _source_order(report: Report) -> tuple[int, int, str, str]:
    return (report.anchor.fromlineno or 0, report.anchor.col_offset or 0, report.symbol,
            report.state.name)


def _one_per_state(reports: list[Report]) -> list[Report]:
    """One message per state and kind: at its first place in the module, naming every
    entry point of the module that reaches it."""
    first: dict[tuple[tuple[str, ...], str], Report] = {}
    for report in reports:  # in the order of the source
        key = (report.state.key, report.symbol)
        kept = first.get(key)
        if kept is None:
            first[key] = report
            continue
        kept.entries.update(report.entries)
        kept.confidence = weakest(*(c for c in (kept.confidence, report.confidence)
                                    if c is not None))
    return list(first.values())


def _forced_symbol(entry: EntryPoint, hit: Hit) -> str | None:
    """'' to classify normally, a symbol to force, None to drop the hit."""
    mutation = hit.mutation
    loads_data = mutation.facts.loads_remote
    if entry.role is Role.STARTUP:
        return STARTUP if loads_data else None
    if mutation.op is Op.REBIND and mutation.facts.resource_value:
        return None  # a client, lock or pool created lazily: per process by design
    if mutation.facts.shipped_data:
        return None  # a memo of files shipped with the code: it cannot go stale
    if mutation.lazy and mutation.op in (Op.REBIND, Op.ITEM, Op.METHOD):
        # Set once per process (``if _x is None``): set-up, unless the data goes stale.
        return STARTUP if loads_data else None
    return ""


def _written_here(node: nodes.NodeNG) -> bool:
    """Whether ``node`` is the thing an assignment or a mutating call writes."""
    parent = node.parent
    if isinstance(parent, nodes.Subscript) and parent.value is node:
        node, parent = parent, parent.parent
    if isinstance(parent, (nodes.Assign, nodes.AugAssign, nodes.Delete)):
        return node is not getattr(parent, "value", None)
    return isinstance(parent, nodes.Attribute) and parent.attrname in MUTATING_METHODS


def _specialise(state: State, hits: list[Hit], read_by_handler: Callable[[], bool]
                ) -> str | None:
    if state.key[0] == "process":
        return None  # ``os.environ``: the process's own settings, whatever the keys
    by_type = _store_kind(state)
    if by_type is not None:
        return by_type
    names = _names(state, under_keys=any(h.mutation.facts.keyed for h in hits))
    facts = [h.mutation.facts for h in hits]
    if (
        any(f.stores_connection for f in facts)
        or any(CONNECTION_RE.search(n) for n in names)
        or "websocket" in state.annotation.lower()
    ):
        return REGISTRY
    if any(f.client_key for f in facts) or any(RATE_RE.search(n) for n in names):
        return "in-memory-rate-limiter"  # counted per client: its address, its key
    if any(SESSION_RE.search(n) for n in names) or any(f.session_key for f in facts) or (
        any(WEAK_SESSION_RE.search(n) for n in names) and any(f.identity for f in facts)
    ):
        return "in-memory-session-store"
    if JOB_RE.search(names[0]) or (any(h.background for h in hits) and (
        any(not h.background for h in hits) or read_by_handler()
    )):
        # The status of work a request starts or reads and background work updates.
        return "in-memory-job-status"
    if state.qualified_type in CACHE_TYPES or CACHE_RE.search(names[0]):
        return "process-local-cache"
    return None


def _store_kind(state: State) -> str | None:
    """A library store's kind by its type: a rate limiter's, a scheduler's jobs."""
    store = MEMORY_STORES.get(state.qualified_type or "")
    return {"rate-limit": "in-memory-rate-limiter", "job": "in-memory-job-status"}.get(
        store[2]) if store else None


def snake(name: str) -> str:
    """``activeConnections`` and ``ACTIVE_CONNECTIONS`` both give ``active_connections``."""
    name = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name)
    return name.lower().lstrip("_")


def _names(state: State, under_keys: bool) -> list[str]:
    """The state's own name, then, for a container written under keys, the names of what
    holds it: the shared instance and its class (``RateLimiter().user_requests[token]``
    is a rate limiter's)."""
    names = [snake(state.attr)]
    owner = state.owner
    if under_keys and owner is not None and owner.kind is not StateKind.APP:
        names.append(snake(owner.attr))
        if owner.class_name:
            names.append(snake(owner.class_name))
    return names


# --- where the message goes, and its text ----------------------------------------------


def _anchor(hit: Hit, entry: EntryPoint, module: nodes.Module) -> nodes.NodeNG:
    """Where the message goes: the mutation itself, or the call that leaves the module."""
    site = hit.mutation.site
    if site is not None and site.root() is module:
        return site
    for step in reversed(hit.path):
        if step.call is not None and step.call.root() is module:
            return step.call
    return entry.anchor


def _statement(node: nodes.NodeNG) -> nodes.NodeNG:
    try:
        return node.statement()
    except Exception:  # pylint: disable=broad-exception-caught
        return node


def message_args(report: Report, module: nodes.Module) -> tuple[str, ...]:
    """The arguments of the message's template (:mod:`.messages`)."""
    args: tuple[str, ...] = (
        _describe_state(report.state, module, report.hit.mutation.op is Op.REBIND),
        _describe_who(report, module),
    )
    if report.symbol == SHARED_INSTANCE:
        args = (*args, _shared_instance_remedy(report))
    return (*args, _platform_remedy(report))


def _platform_remedy(report: Report) -> str:
    """What the framework of an entry point that reaches the state says replaces process
    memory where it runs (a serverless function's warm container), or nothing."""
    for entry in report.entries or [report.entry]:
        if entry.remedy:
            return f". {entry.remedy}"
    return ""


def _where(state: State, module: nodes.Module, line: int | None = None) -> str:
    line = state.line if line is None else line
    if state.module == module.name:
        return f"line {line}"
    return f"{state.module}, line {line}"


def _made_in(state: State) -> str:
    """``main()``: the function that made an object it handed to the application."""
    return f"{state.key[2].rsplit('.', 1)[-1]}()"


def _describe_state(state: State, module: nodes.Module, rebind: bool) -> str:
    """``Module-level dict 'users' (line 5)``: what the state is and where it is defined."""
    if state.kind is StateKind.APP:
        return f"Application state '{state.name}'"
    if state.kind is StateKind.LOCAL:
        return (f"The {state.type_name} '{state.name}' made in {_made_in(state)} "
                f"({_where(state, module)}) and handed to the application")
    if state.key[0] == "process":
        return f"The process-wide {state.type_name} '{state.name}'"
    if state.key[0] == "memoised":
        where = _where(state, module)
        return f"The result of '{state.name}' (cached for good by lru_cache, {where})"
    if state.key[0] == "shared result":
        return (f"The {state.type_name} returned by '{state.name}' (kept for the process "
                f"and shared by every caller by @{state.key[3]}, {_where(state, module)})")
    kind = f"{state.type_name}, " if state.shape is Shape.CONTAINER and not rebind else ""
    where = f"({kind}{_where(state, module)})"
    if state.kind is StateKind.CLASS:
        return f"Class attribute '{state.name}' {where}"
    if state.kind is StateKind.ATTRIBUTE and state.owner is not None:
        owner = state.owner
        if owner.framework_held:
            holder = f"the shared {owner.name}"
        elif owner.kind is StateKind.APP:
            holder = f"the shared {owner.type_name} '{owner.name}'"
        elif owner.kind is StateKind.LOCAL:
            holder = (f"the shared {owner.type_name} '{owner.name}' (made in {_made_in(owner)}, "
                      f"{_where(owner, module)})")
        else:
            holder = f"the shared {owner.type_name} '{owner.name}' ({_where(owner, module)})"
        return f"Attribute '{state.attr}' {where} of {holder}"
    if state.shape is Shape.CONTAINER and not rebind:
        return f"Module-level {state.type_name} '{state.name}' ({_where(state, module)})"
    return f"Module-level name '{state.name}' ({_where(state, module)})"


def _describe_who(report: Report, module: nodes.Module) -> str:
    entry = report.entry
    text = entry.describe()
    if report.symbol == STARTUP:
        text = (
            f"at startup by {text}"
            if entry.role is Role.STARTUP
            else f"on the first request to {text}"
        )
    steps = []
    for step in report.hit.path:
        label = step.callee.label
        function = step.callee.function
        if function is None or function.root() is not module:
            label = f"{step.callee.module}.{label}"
        steps.append(f"background task '{label}'" if step.deferred else f"'{label}'")
    if steps:
        text += " via " + " -> ".join(steps)
    others = len(report.entries) - 1
    if others > 0:
        text += f" (and {others} other entry point{'s' if others > 1 else ''})"
    return text


def _shared_instance_remedy(report: Report) -> str:
    """A container on a shared object holds data: it belongs in shared storage; a plain
    attribute set per request belongs to the request."""
    mutation = report.hit.mutation
    if (
        mutation.op is not Op.REBIND
        or report.state.shape is Shape.CONTAINER
        or mutation.facts.augmented  # a counter, a running total
    ):
        return "Keep the data in a database table or Redis, not on the object"
    return (
        "Pass per-request values as arguments or create the object per request "
        "(a request-scoped dependency)"
    )
