"""The checker: per-request code that mutates process-local state."""

from __future__ import annotations

import gc
import os
import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import astroid
from astroid import nodes
from pylint.checkers import BaseChecker
from pylint.checkers.utils import only_required_for_messages
from pylint.exceptions import EmptyReportError
from pylint.reporters.ureports.nodes import Section

from pylint_stateless import inventory
from pylint_stateless.analysis import astutil
from pylint_stateless.analysis.model import Env, Hit, Ref, SelfRef, Shape, StateRef
from pylint_stateless.analysis.resolver import Resolver
from pylint_stateless.analysis.session import SESSION
from pylint_stateless.analysis.walker import Walker
from pylint_stateless.analysis.writes import decorator_mutations
from pylint_stateless.entrypoints import Discovery, EntryPoint
from pylint_stateless.frameworks import (
    FRAMEWORK_ALIASES,
    FRAMEWORKS,
    EntryClass,
    Lifetime,
    Role,
)
from pylint_stateless.inventory import Inventory
from pylint_stateless.knowledge import Knowledge
from pylint_stateless.messages import MESSAGES, SYMBOLS
from pylint_stateless.options import OPTIONS
from pylint_stateless.verdict import Report, Verdict, message_args

if TYPE_CHECKING:
    from pylint.lint import PyLinter

_DEBUG = os.environ.get("PYLINT_STATELESS_DEBUG") == "1"
USAGE_ERROR = 32  # pylint's exit status bit for a bad command line or configuration
class StatelessChecker(BaseChecker):
    """Finds state that request-serving code keeps in one process's memory."""

    name = "stateless"
    msgs = {m.msgid: m.as_pylint() for m in MESSAGES}
    options = OPTIONS

    def __init__(self, linter: PyLinter) -> None:
        super().__init__(linter)
        self.reports = (("RP6701", "State inventory", self._report),)
        self._inventory = Inventory()
        self._inventory_on = False
        self._discovery: Discovery | None = None
        self._knowledge = Knowledge()
        self._ignore: tuple[re.Pattern[str], ...] = ()
        self._max_depth = 5
        self._linted: set[str] = set()
        self._disk: dict[str, object] | None = None  # the header of summaries on disk

    def open(self) -> None:
        config = self.linter.config
        enabled = {FRAMEWORK_ALIASES.get(name, name) for name in config.stateless_frameworks}
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
            extra_resources=frozenset(config.stateless_resource_types),
            handler_names=frozenset(config.stateless_serverless_handlers),
        )
        self._ignore = tuple(config.stateless_ignore_names)
        self._max_depth = config.stateless_max_depth
        self._inventory = Inventory()
        self._inventory_on = bool(config.stateless_inventory) or bool(config.reports)
        self._linted = set()
        settings = (*self._knowledge.signature(), tuple(sys.path))
        SESSION.begin(settings, keep=self._keeps())
        self._disk = None
        if config.from_stdin and config.persistent:
            try:
                # pylint: disable-next=import-outside-toplevel
                from pylint_stateless.analysis import persist

                if not SESSION.plugin_digest:
                    SESSION.plugin_digest = persist.sources_digest()
                self._disk = persist.header(settings, SESSION.plugin_digest)
            except Exception:  # pylint: disable=broad-exception-caught
                if _DEBUG:
                    raise

    def close(self) -> None:
        """Write the inventory, in a sequential run (a ``-j`` run writes it after merging)."""
        config = self.linter.config
        keep = self._keeps()
        saving = self._disk is not None and len(self._linted) == 1 and SESSION.unsaved()
        # Stat'ing every file the run read is for what outlives it only.
        read = _files_read() if keep or saving else set()
        if saving and self._disk is not None:
            try:
                SESSION.save_disk(next(iter(self._linted)), self._disk, read)
            except Exception:  # pylint: disable=broad-exception-caught
                if _DEBUG:
                    raise
        SESSION.end(keep, read, self._linted)
        if config.stateless_inventory and (config.jobs <= 1 or config.from_stdin):
            self._write_inventory(self.linter)

    def _keeps(self) -> bool:
        """Whether this run keeps trees and summaries for the next run of the process: one
        file from an editor, in a process that outlives the run (a language server)."""
        return bool(self.linter.config.from_stdin) and not runs_once(sys.orig_argv)

    def get_map_data(self) -> list[dict[str, object]] | None:
        """The inventory of the file a ``-j`` worker just checked (``open`` resets it)."""
        if not self._inventory_on:
            return None
        return [item.as_dict() for item in self._inventory.sorted_items()]

    def reduce_map_data(self, linter: PyLinter, data: list[list[dict[str, object]]]) -> None:
        for items in data:
            self._inventory.extend(inventory.Item.from_dict(d) for d in items)
        if linter.config.stateless_inventory:
            self._write_inventory(linter)

    def _write_inventory(self, linter: PyLinter) -> None:
        """Write the JSON inventory; if it cannot be, pylint exits with its usage-error bit
        (32), as it does when ``--output`` cannot be written, whatever the score: pylint
        exits 0 when the score reaches ``fail-under`` (10 by default), so that is raised
        out of reach (``--exit-zero`` still wins)."""
        if not self._inventory.write(linter.config.stateless_inventory):
            linter.msg_status |= USAGE_ERROR
            linter.config.fail_under = float("inf")

    def _report(self, section: Section, *_stats: object) -> None:
        if not self._inventory.items:
            raise EmptyReportError()
        self._inventory.report(section)

    # -- collection during pylint's walk ----------------------------------------------

    @only_required_for_messages(*SYMBOLS)
    def visit_module(self, node: nodes.Module) -> None:
        """A module starts: its resolver and the discovery of its entry points."""
        from_stdin = bool(self.linter.config.from_stdin)
        resolver = Resolver(
            node,
            self._knowledge,
            SESSION.lookups,
            # One file from an editor: the modules its helpers live in are read for the
            # plugin alone (analysis/outline.py) and kept between runs.
            trees=SESSION.trees if from_stdin else None,
        )
        self._discovery = Discovery(node, self._knowledge, resolver)
        if node.file:
            self._linted.add(node.file)
            if from_stdin:
                SESSION.drop_reading(node.file)
            if self._disk is not None:
                try:
                    SESSION.read_disk(node.file, self._disk)
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
    def visit_assign(self, node: nodes.Assign) -> None:
        if self._discovery is not None:
            self._discovery.add_assign(node)

    @only_required_for_messages(*SYMBOLS)
    def visit_call(self, node: nodes.Call) -> None:
        if self._discovery is not None:
            self._discovery.add_call(node)

    @only_required_for_messages(*SYMBOLS)
    def leave_module(self, node: nodes.Module) -> None:
        """The module is walked: find what its entry points mutate, and report it."""
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
            discovery.resolver.close()
            del discovery
            if collecting:
                gc.enable()
        for report in reports:
            self.add_message(
                report.symbol, node=report.anchor, args=message_args(report, node),
                confidence=report.confidence,
            )

    # -- analysis -----------------------------------------------------------------------

    def _analyse(self, module: nodes.Module, discovery: Discovery) -> list[Report]:
        resolver = discovery.resolver
        setup = resolver.app.setup_signature() if self._disk is not None else ""
        walker = Walker(resolver, SESSION, max_depth=self._max_depth, setup=setup)
        verdict = Verdict(module, self._knowledge, self._ignore,
                          every_site=self.linter.config.stateless_report_every_site)
        for entry in discovery.entry_points():
            try:
                hits = walker.walk(entry.func, self._entry_env(entry, resolver))
                counted = [Hit(m, confidence=m.confidence)
                           for m in decorator_mutations(entry.func, resolver)]
            except Exception:  # pylint: disable=broad-exception-caught
                if _DEBUG:
                    raise
                continue
            verdict.add(entry, (*counted, *hits))
        reports = verdict.reports()
        if self._inventory_on:
            self._inventory.extend(inventory.items_of(module, resolver, reports, verdict.dropped))
        if self._disk is not None:
            try:
                SESSION.write_disk(walker.local_summaries(), walker.setup)
            except Exception:  # pylint: disable=broad-exception-caught
                if _DEBUG:
                    raise
        return reports

    def _entry_env(self, entry: EntryPoint, resolver: Resolver) -> Env:
        """What the framework binds an entry point's parameters to: ``self`` (per request,
        or the shared instance), and the dependencies it fills."""
        func = entry.func
        bindings = {**_closure_objects(func, resolver), **_dependencies(func, resolver)}
        cls = func.parent if isinstance(func.parent, nodes.ClassDef) else None
        params = [*func.args.posonlyargs, *func.args.args]
        if cls is None or not params or func.type == "staticmethod":
            return Env.of(bindings)
        self_name = params[0].name
        if entry.self_state is not None:
            ref = resolver.resolve(entry.self_state, Env())
            if isinstance(ref, StateRef) and ref.state.shape is Shape.INSTANCE:
                return Env.of({**bindings, self_name: ref})
        if entry.lifetime is Lifetime.SHARED and entry.shared_self is not None:
            shared = resolver.states.shared_instance(
                entry.shared_self, f"{entry.shared_self.name} instance"
            )
            return Env.of({**bindings, self_name: StateRef(shared)})
        return Env.of({**bindings, self_name: SelfRef(cls)})


def _closure_objects(func: nodes.FunctionDef, resolver: Resolver) -> dict[str, Ref]:
    """An entry point defined inside a function (an application factory, a user interface
    builder) that uses a container or object that function made: the function ran once,
    and what it made lives as long as the entry point, shared by every request."""
    if func.parent is None or not isinstance(func.parent.scope(), nodes.FunctionDef):
        return {}
    found: dict[str, Ref] = {}
    for name in func.nodes_of_class(nodes.Name):
        if name.name in found or name.name in func.locals:
            continue
        scope, bindings = resolver.names.lookup(name)
        if not isinstance(scope, nodes.FunctionDef) or scope is func or not bindings:
            continue
        if any(not isinstance(b, nodes.AssignName) or isinstance(b.parent, nodes.Arguments)
               for b in bindings):
            continue  # a parameter of the factory: what its callers pass (``Flow.closure``)
        state = resolver.states.local_object(scope, name.name)
        if state is not None:
            found[name.name] = StateRef(state)
    return found


def _dependencies(func: nodes.FunctionDef, resolver: Resolver) -> dict[str, Ref]:
    """Parameters filled by a framework's dependency that returns one shared object."""
    if not resolver.knowledge.dependency_markers:
        return {}
    arguments = func.args
    bindings: dict[str, Ref] = {}
    groups = ((arguments.args, arguments.defaults, arguments.annotations),
              (arguments.kwonlyargs, arguments.kw_defaults, arguments.kwonlyargs_annotations))
    for params, defaults, annotations in groups:
        padded = [None] * (len(params) - len(defaults)) + list(defaults)
        for param, default, annotation in zip(params, padded, annotations):
            ref = resolver.flow.dependency(default, annotation)
            if ref is not None:
                bindings[param.name] = ref
    return bindings


def _files_read() -> set[str]:
    """Project files whose trees the run holds: outlines and astroid's cached modules."""
    read = SESSION.trees.paths()
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


__all__: Sequence[str] = ["StatelessChecker"]
