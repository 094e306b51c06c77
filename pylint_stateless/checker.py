"""The checker: per-request code that mutates process-local state."""

from __future__ import annotations

import gc
import os
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import astroid
from astroid import nodes
from pylint.checkers import BaseChecker
from pylint.checkers.utils import only_required_for_messages
from pylint.exceptions import EmptyReportError
from pylint.reporters.ureports.nodes import Section
from pylint.interfaces import Confidence

from pylint_stateless.analysis import astutil, classify, outline
from pylint_stateless.analysis.state import (
    Env,
    Evidence,
    Resolver,
    SelfRef,
    Shape,
    State,
    StateKind,
    StateRef,
)
from pylint_stateless.analysis.walker import STORE, Hit, Op, Walker
from pylint_stateless.entrypoints import Discovery, EntryPoint, Knowledge
from pylint_stateless.frameworks import (
    FRAMEWORK_NAMES,
    FRAMEWORKS,
    EntryClass,
    Lifetime,
    Role,
)
from pylint_stateless.inventory import Inventory, Use
from pylint_stateless.inventory import Item as InventoryItem
from pylint_stateless.messages import MESSAGES, SYMBOLS

if TYPE_CHECKING:
    from pylint.lint import PyLinter

_DEBUG = os.environ.get("PYLINT_STATELESS_DEBUG") == "1"
MAX_DEPTH_CHOICES = range(0, 31)


class CsvChoices(tuple):
    """``choices`` for a comma-separated option: every element must be one of them.

    argparse checks ``value in choices`` with the whole parsed list; this makes an
    unknown name a clear "invalid choice" error naming the option.
    """

    def __contains__(self, value: object) -> bool:
        if isinstance(value, (list, tuple)):
            return all(tuple.__contains__(self, item) for item in value)
        return tuple.__contains__(self, value)


@dataclass(eq=False, repr=False)
class _Report:
    """One message to emit: one state at one place in the linted module."""

    state: State
    anchor: nodes.NodeNG
    hit: Hit
    entry: EntryPoint
    symbol: str = ""
    entries: list[EntryPoint] = field(default_factory=list)
    confidence: Confidence | None = None


class StatelessChecker(BaseChecker):
    """Finds state that request-serving code keeps in one process's memory."""

    name = "stateless"
    msgs = {m.msgid: m.as_pylint() for m in MESSAGES}
    options = (
        (
            "stateless-entry-decorators",
            {
                "default": (),
                "type": "csv",
                "metavar": "<qualified names>",
                "help": "Qualified names of extra decorators that make a function serve "
                "requests (in-house wrappers around a framework's route decorator), e.g. "
                "'myapp.web.route'.",
            },
        ),
        (
            "stateless-ignore-names",
            {
                "default": (),
                "type": "regexp_csv",
                "metavar": "<regexps>",
                "help": "Regular expressions of state names never to report; matched in "
                "full against the name ('cache') and the dotted name ('service.cache').",
            },
        ),
        (
            "stateless-resource-types",
            {
                "default": (),
                "type": "csv",
                "metavar": "<qualified names>",
                "help": "Qualified names of extra classes or factories whose objects are "
                "process resources (clients, pools, locks), never state.",
            },
        ),
        (
            "stateless-entry-base-classes",
            {
                "default": (),
                "type": "csv",
                "metavar": "<qualified names>",
                "help": "Qualified names of in-house base classes whose subclasses' methods "
                "serve requests, one instance per request (their ``self`` is private).",
            },
        ),
        (
            "stateless-shared-base-classes",
            {
                "default": (),
                "type": "csv",
                "metavar": "<qualified names>",
                "help": "Qualified names of in-house base classes whose subclasses' methods "
                "serve requests on one instance shared by every request of the process.",
            },
        ),
        (
            "stateless-frameworks",
            {
                "default": FRAMEWORK_NAMES,
                "type": "csv",
                "choices": CsvChoices(FRAMEWORK_NAMES),
                "metavar": "<names>",
                "help": "Frameworks whose entry points are recognised (default: all of "
                f"{', '.join(FRAMEWORK_NAMES)}).",
            },
        ),
        (
            "stateless-inventory",
            {
                "default": "",
                "type": "string",
                "metavar": "<file>",
                "help": "Write the state inventory (every module- or class-level mutable "
                "object and shared instance, and what the code does with it) to this file, "
                "as JSON. With --reports=y the same inventory is printed as a table.",
            },
        ),
        (
            "stateless-max-depth",
            {
                "default": 5,
                "type": "int",
                "choices": MAX_DEPTH_CHOICES,
                "metavar": "<0-30>",
                "help": "How many calls deep to follow helpers from an entry point.",
            },
        ),
    )

    def __init__(self, linter: PyLinter) -> None:
        super().__init__(linter)
        self.reports = (("RP6701", "State inventory", self._report),)
        self._inventory = Inventory()
        self._inventory_on = False
        self._discovery: Discovery | None = None
        self._knowledge = Knowledge()
        self._extra_resources: frozenset[str] = frozenset()
        self._ignore: tuple[re.Pattern[str], ...] = ()
        self._max_depth = 5
        self._linted: set[str] = set()
        self._disk: dict | None = None  # the header of summaries on disk, when they are used

    def open(self) -> None:
        config = self.linter.config
        enabled = set(config.stateless_frameworks)
        extra_bases = [
            *((q, EntryClass(Role.ROUTE, Lifetime.PER_REQUEST))
              for q in config.stateless_entry_base_classes),
            *((q, EntryClass(Role.ROUTE, Lifetime.SHARED))
              for q in config.stateless_shared_base_classes),
        ]
        self._knowledge = Knowledge(
            frameworks=tuple(fw for fw in FRAMEWORKS if fw.name in enabled),
            extra_decorators=frozenset(config.stateless_entry_decorators),
            extra_bases=tuple(extra_bases),
        )
        self._extra_resources = frozenset(config.stateless_resource_types)
        self._ignore = tuple(config.stateless_ignore_names)
        self._max_depth = config.stateless_max_depth
        self._inventory = Inventory()
        self._inventory_on = bool(config.stateless_inventory) or bool(config.reports)
        self._linted = set()
        tables = self._knowledge
        settings = (
            self._extra_resources, tables.app_classes, tables.app_objects,
            tables.app_namespaces, tuple(sys.path),
        )
        STORE.begin(settings, keep=self._keeps())
        self._disk = None
        if config.from_stdin and config.persistent:
            try:
                # pylint: disable-next=import-outside-toplevel
                from pylint_stateless.analysis import persist

                self._disk = persist.header(settings)
            except Exception:  # pylint: disable=broad-exception-caught
                if _DEBUG:
                    raise

    def close(self) -> None:
        """Write the inventory, in a sequential run (a ``-j`` run writes it after merging)."""
        config = self.linter.config
        keep = self._keeps()
        saving = self._disk is not None and len(self._linted) == 1 and STORE.unsaved()
        # Stat'ing every file the run read is for what outlives it only.
        read = _files_read() if keep or saving else set()
        if saving:
            try:
                STORE.save_disk(next(iter(self._linted)), self._disk, read)
            except Exception:  # pylint: disable=broad-exception-caught
                if _DEBUG:
                    raise
        STORE.end(keep, read, self._linted)
        if not keep:
            # Let the trees go with astroid's: kept until the process exits, they would
            # be freed by the interpreter's shutdown, the slowest time to free them.
            outline.forget()
        if config.stateless_inventory and (config.jobs <= 1 or config.from_stdin):
            self._inventory.write(config.stateless_inventory)

    def _keeps(self) -> bool:
        """Whether this run keeps trees and summaries for the next run of the process: one
        file from an editor, in a process that outlives the run (a language server)."""
        return bool(self.linter.config.from_stdin) and not runs_once(sys.orig_argv)

    def get_map_data(self) -> list[dict] | None:
        """The inventory of the file a ``-j`` worker just checked (``open`` resets it)."""
        if not self._inventory_on:
            return None
        return [item.as_dict() for item in self._inventory.sorted_items()]

    def reduce_map_data(self, linter: PyLinter, data: list[list[dict]]) -> None:
        for items in data:
            self._inventory.extend(InventoryItem.from_dict(d) for d in items)
        if linter.config.stateless_inventory:
            self._inventory.write(linter.config.stateless_inventory)

    def _report(self, section: Section, *_stats: object) -> None:
        if not self._inventory.items:
            raise EmptyReportError()
        self._inventory.report(section)

    # -- collection during pylint's walk ----------------------------------------------

    @only_required_for_messages(*SYMBOLS)
    def visit_module(self, node: nodes.Module) -> None:
        tables = self._knowledge
        resolver = Resolver(
            node,
            extra_resources=self._extra_resources,
            app_classes=tables.app_classes,
            app_objects=tables.app_objects,
            app_namespaces=tables.app_namespaces,
            # One file from an editor: the modules its helpers live in are read for the
            # plugin alone (analysis/outline.py), not built for pylint's checkers.
            outlines=bool(self.linter.config.from_stdin),
            global_lookups=STORE.lookups,
        )
        self._discovery = Discovery(node, tables, resolver)
        if node.file:
            self._linted.add(node.file)
            if self.linter.config.from_stdin:
                STORE.drop_reading(node.file)
            if self._disk is not None:
                try:
                    STORE.read_disk(node.file, self._disk)
                except Exception:  # pylint: disable=broad-exception-caught
                    if _DEBUG:
                        raise

    @only_required_for_messages(*SYMBOLS)
    def visit_functiondef(self, node: nodes.FunctionDef) -> None:
        if self._discovery is not None:
            self._discovery.add_function(node)

    visit_asyncfunctiondef = visit_functiondef

    @only_required_for_messages(*SYMBOLS)
    def visit_classdef(self, node: nodes.ClassDef) -> None:
        if self._discovery is not None:
            self._discovery.add_class(node)

    @only_required_for_messages(*SYMBOLS)
    def visit_call(self, node: nodes.Call) -> None:
        if self._discovery is not None:
            self._discovery.add_call(node)

    @only_required_for_messages(*SYMBOLS)
    def leave_module(self, node: nodes.Module) -> None:
        discovery, self._discovery = self._discovery, None
        if discovery is None:
            return
        collecting = gc.isenabled()
        # The walk makes many small, short-lived objects, freed by reference counting
        # when it ends. A collection during the walk would move them to the old
        # generation, whose growth decides when Python scans the whole heap (pylint's
        # trees: each full collection of a large project costs tenths of a second).
        gc.disable()
        try:
            reports = self._analyse(node, discovery)
        except Exception:  # pylint: disable=broad-exception-caught
            if _DEBUG:
                raise
            return  # never crash pylint; the module is simply not reported on
        finally:
            # The resolver's caches of this module go while no collection can see them.
            del discovery
            if collecting:
                gc.enable()
        for report in reports:
            args = (
                _describe_state(report.state, node, report.hit.mutation.op is Op.REBIND),
                _describe_who(report, node),
            )
            if report.symbol == "request-mutates-shared-instance":
                args = (*args, _shared_instance_remedy(report))
            self.add_message(
                report.symbol, node=report.anchor, args=args, confidence=report.confidence
            )

    # -- analysis -----------------------------------------------------------------------

    def _analyse(self, module: nodes.Module, discovery: Discovery) -> list[_Report]:
        resolver = discovery.resolver
        assert resolver is not None
        walker = Walker(resolver, max_depth=self._max_depth, store=STORE,
                        setup=resolver.app_setup_signature() if self._disk is not None else "")
        reports: dict[tuple[int, tuple[str, ...]], _Report] = {}
        hits_by_state: dict[State, list[Hit]] = {}
        dropped: list[tuple[EntryPoint, Hit]] = []  # setup, lazy resources: inventory only
        for entry in discovery.entry_points():
            try:
                hits = walker.walk(entry.func, self._entry_env(entry, resolver))
            except Exception:  # pylint: disable=broad-exception-caught
                if _DEBUG:
                    raise
                continue
            for hit in hits:
                symbol = self._symbol_override(entry, hit, resolver)
                if symbol is None:
                    dropped.append((entry, hit))
                    continue
                state = hit.mutation.state
                if self._ignored(state):
                    continue
                anchor = _anchor(hit, entry, module)
                key = (id(_statement(anchor)), state.key)
                report = reports.get(key)
                hits_by_state.setdefault(state, []).append(hit)
                if report is None:
                    report = reports[key] = _Report(state, anchor, hit, entry, symbol)
                if entry not in report.entries:
                    report.entries.append(entry)
                report.confidence = Evidence.weakest(
                    *(c for c in (report.confidence,) if c is not None),
                    entry.confidence,
                    hit.confidence,
                    state.confidence,
                )
        for report in reports.values():
            if not report.symbol:
                report.symbol = classify.classify(
                    report.state, report.hit, hits_by_state[report.state]
                )
        if any(r.symbol == _REGISTRY for r in reports.values()) and _fans_out(module):
            # The registry is the local half of a broker fan-out: the remedy is in place.
            reports = {k: r for k, r in reports.items() if r.symbol != _REGISTRY}
        if self._inventory_on:
            self._inventory.extend(inventory_items(module, resolver, reports.values(), dropped))
        if self._disk is not None:
            try:
                STORE.write_disk(lambda mutation: classify.facts(mutation, resolver),
                                 walker.local_summaries(), walker.setup)
            except Exception:  # pylint: disable=broad-exception-caught
                if _DEBUG:
                    raise
        return sorted(
            reports.values(),
            key=lambda r: (r.anchor.fromlineno or 0, r.anchor.col_offset or 0, r.symbol,
                           r.state.name),
        )

    def _symbol_override(self, entry: EntryPoint, hit: Hit, resolver: Resolver) -> str | None:
        """'' to classify normally, a symbol to force, None to drop the hit."""
        mutation = hit.mutation
        loads_data = classify.fact(mutation, "loads_remote", resolver)
        if entry.role is Role.STARTUP:
            return "startup-state-never-refreshed" if loads_data else None
        if mutation.op is Op.REBIND:
            if classify.fact(mutation, "resource_value", resolver):
                return None  # a client, lock or pool created lazily: per process by design
            if mutation.lazy:
                return "startup-state-never-refreshed" if loads_data else None
        return ""

    def _entry_env(self, entry: EntryPoint, resolver: Resolver) -> Env:
        func = entry.func
        cls = func.parent if isinstance(func.parent, nodes.ClassDef) else None
        params = [*func.args.posonlyargs, *func.args.args]
        if cls is None or not params or func.type == "staticmethod":
            return Env()
        self_name = params[0].name
        if entry.self_state is not None:
            ref = resolver.resolve(entry.self_state, Env())
            if isinstance(ref, StateRef) and ref.state.shape is Shape.INSTANCE:
                return Env.of({self_name: ref})
        if entry.lifetime is Lifetime.SHARED and entry.shared_self is not None:
            shared = resolver.shared_instance_state(
                entry.shared_self, f"{entry.shared_self.name} instance"
            )
            return Env.of({self_name: StateRef(shared)})
        return Env.of({self_name: SelfRef(cls)})

    def _ignored(self, state: State) -> bool:
        return any(p.fullmatch(state.name) or p.fullmatch(state.attr) for p in self._ignore)


# --- message text ----------------------------------------------------------------------


def _anchor(hit: Hit, entry: EntryPoint, module: nodes.Module) -> nodes.NodeNG:
    """Where the message goes: the mutation itself, or the call that leaves the module."""
    site = hit.mutation.site
    if site.root() is module:
        return site
    for step in reversed(hit.path):
        if step.call.root() is module:
            return step.call
    return entry.anchor


def _statement(node: nodes.NodeNG) -> nodes.NodeNG:
    try:
        return node.statement()
    except Exception:  # pylint: disable=broad-exception-caught
        return node


def _where(state: State, module: nodes.Module, line: int | None = None) -> str:
    line = state.line if line is None else line
    if state.module == module.name:
        return f"line {line}"
    return f"{state.module}, line {line}"


def _describe_state(state: State, module: nodes.Module, rebind: bool) -> str:
    """``Module-level dict 'users' (line 5)``: what the state is and where it is defined."""
    if state.kind is StateKind.APP:
        return f"Application state '{state.name}'"
    if state.key[0] == "process":
        return f"The process-wide {state.type_name} '{state.name}'"
    if state.key[0] == "memoised":
        return f"The result of '{state.name}' (cached for good by lru_cache, {_where(state, module)})"
    kind = f"{state.type_name}, " if state.shape is Shape.CONTAINER and not rebind else ""
    where = f"({kind}{_where(state, module)})"
    if state.kind is StateKind.CLASS:
        return f"Class attribute '{state.name}' {where}"
    if state.kind is StateKind.ATTRIBUTE and state.owner is not None:
        owner = state.owner
        if owner.held_by_framework():
            holder = f"the shared {owner.name}"
        else:
            holder = f"the shared {owner.type_name} '{owner.name}' ({_where(owner, module)})"
        return f"Attribute '{state.attr}' {where} of {holder}"
    if state.shape is Shape.CONTAINER and not rebind:
        return f"Module-level {state.type_name} '{state.name}' ({_where(state, module)})"
    return f"Module-level name '{state.name}' ({_where(state, module)})"


def _describe_who(report: _Report, module: nodes.Module) -> str:
    entry = report.entry
    hit = report.hit
    text = entry.describe()
    if report.symbol == "startup-state-never-refreshed":
        text = (
            f"at startup by {text}"
            if entry.role is Role.STARTUP
            else f"on the first request to {text}"
        )
    steps = []
    for step in hit.path:
        label = astutil.function_label(step.callee)
        if step.callee.root() is not module:
            label = f"{step.callee.root().name}.{label}"
        steps.append(f"background task '{label}'" if step.deferred else f"'{label}'")
    if steps:
        text += " via " + " -> ".join(steps)
    others = len(report.entries) - 1
    if others > 0:
        text += f" (and {others} other entry point{'s' if others > 1 else ''})"
    return text


_REGISTRY = "process-local-connection-registry"
_BROKER_CALL_RE = re.compile(
    r"(?i)(publish|subscribe|pubsub|amqp|basic_consume|exchange_declare|group_send|"
    r"group_add|xadd|xreadgroup)"
)


def _fans_out(module: nodes.Module) -> bool:
    """Whether the module publishes or subscribes through a message broker."""
    return any(
        _BROKER_CALL_RE.search(astutil.last_name(call.func) or "")
        for call in module.nodes_of_class(nodes.Call)
    )


def _shared_instance_remedy(report: _Report) -> str:
    """A container on a shared object holds data: it belongs in shared storage; a plain
    attribute set per request belongs to the request."""
    mutation = report.hit.mutation
    if (
        mutation.op is not Op.REBIND
        or report.state.shape is Shape.CONTAINER
        or classify.fact(mutation, "augmented")  # a counter, a running total
    ):
        return "Keep the data in a database table or Redis, not on the object"
    return (
        "Pass per-request values as arguments or create the object per request "
        "(a request-scoped dependency)"
    )


def inventory_items(
    module: nodes.Module,
    resolver: Resolver,
    reports: Iterable[_Report],
    dropped: Iterable[tuple[EntryPoint, Hit]],
) -> list[InventoryItem]:
    """What this module contributes to the inventory: what it defines, what it writes."""
    items: list[InventoryItem] = []
    for name, bindings in module.locals.items():
        if not any(isinstance(b, nodes.AssignName) and b.scope() is module for b in bindings):
            continue
        state = resolver.module_state(module, name)
        if state is not None and state.shape in _INVENTORIED:
            items.append(_item(state, Use.RESOURCE if state.shape is Shape.RESOURCE else None))
    for cls in module.nodes_of_class(nodes.ClassDef):
        for name, bindings in cls.locals.items():
            if any(isinstance(b, nodes.AssignName) for b in bindings):
                state = resolver.class_attr_state(cls, name)
                if state is not None and state.shape is Shape.CONTAINER:
                    items.append(_item(state, None))
    for report in reports:
        entry_points = {f"{module.name}.{e.name}" for e in report.entries}
        state: State | None = report.state
        use = Use.STARTUP if all(e.role is Role.STARTUP for e in report.entries) else Use.REQUEST
        while state is not None:  # a shared instance is mutated through its attributes
            item = _item(state, use)
            item.entry_points = set(entry_points)
            if state is report.state:
                item.messages = {report.symbol}
            items.append(item)
            state = state.owner if state.kind is StateKind.ATTRIBUTE else None
    for entry, hit in dropped:
        state = hit.mutation.state
        if state.key[0] == "memoised":
            continue
        resource = classify.fact(hit.mutation, "resource_value", resolver)
        items.append(_item(state, Use.RESOURCE if resource else Use.STARTUP))
        if entry.role is Role.STARTUP:
            items[-1].entry_points = {f"{module.name}.{entry.name}"}
    return items


_INVENTORIED = frozenset({Shape.CONTAINER, Shape.INSTANCE, Shape.APP, Shape.RESOURCE})


def _item(state: State, use: Use | None) -> InventoryItem:
    kind = {StateKind.MODULE: "module", StateKind.CLASS: "class",
            StateKind.ATTRIBUTE: "attribute", StateKind.APP: "application"}[state.kind]
    type_name = state.type_name if state.type_name != "value" else "attribute"
    return InventoryItem(
        name=state.name, kind=kind, module=state.module, line=state.line,
        type=type_name, use=use if use is not None else Use.READ_ONLY,
    )


def _files_read() -> set[str]:
    """Project files whose trees the run holds: outlines and astroid's cached modules."""
    read = outline.paths()
    for module in list(astroid.MANAGER.astroid_cache.values()):
        path = module.file
        if path and path.endswith(".py") and not astutil.is_external_file(path):
            read.add(path)
    return read


# Interpreter options followed by a separate argument (``-X dev``, ``-W error``).
_OPTIONS_WITH_ARGUMENT = frozenset({"-X", "-W", "-Q"})


def runs_once(argv: Sequence[str]) -> bool:
    """Whether the process started with ``argv`` (``sys.orig_argv``) runs pylint and exits.

    ``pylint ...`` (the console script; pre-commit, ALE, a CI step) and ``python -m pylint
    ...`` do; a language server that runs pylint in-process on every save (VS Code's
    extension: ``python lsp_server.py``), a test runner or any other host may run it again.
    """
    args = list(argv[1:])
    while args:
        arg = args.pop(0)
        if arg == "-m":
            return bool(args) and args[0] == "pylint"
        if arg.startswith("-m"):
            return arg[2:] == "pylint"
        if arg in ("-c", "-"):
            return False
        if arg in _OPTIONS_WITH_ARGUMENT:
            if args:
                args.pop(0)
            continue
        if arg.startswith("-"):
            continue
        name = arg.replace("\\", "/").rsplit("/", 1)[-1].lower()
        return name in {"pylint", "pylint.exe", "pylint-script.py"}
    return False


def register_checker(linter: PyLinter) -> None:
    linter.register_checker(StatelessChecker(linter))


__all__: Sequence[str] = ["StatelessChecker", "register_checker"]
