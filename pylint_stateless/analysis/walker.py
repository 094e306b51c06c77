"""Walk request-serving code and the helpers it calls; collect mutations of shared state.

The walk starts at an entry point with an :class:`~.state.Env` (what ``self`` is),
looks at every assignment, deletion and call in the function body, and follows
calls into functions and methods of the analysed project up to a bounded depth,
binding the callee's parameters to what the caller passed.  Results are memoised
per (function, bindings, remaining depth): for the linted module, and, when the
summary does not depend on which module is being linted, for the whole run
(:class:`SummaryStore`).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from astroid import nodes
from pylint.interfaces import HIGH, INFERENCE, Confidence

from pylint_stateless import knowledge
from pylint_stateless.analysis import astutil, outline
from pylint_stateless.analysis.state import (
    ClassRef,
    Env,
    Evidence,
    ModuleRef,
    Ref,
    Resolver,
    SelfRef,
    Shape,
    State,
    StateKind,
    StateRef,
)

if TYPE_CHECKING:
    from pylint_stateless.analysis import persist

_STATEMENTS = (nodes.Assign, nodes.AugAssign, nodes.AnnAssign, nodes.Delete, nodes.Call)
_NESTED = (nodes.FunctionDef, nodes.ClassDef, nodes.Lambda)
# Calls that run a callable later, in this process: callable position, first bound arg.
_DEFERRED_BY_NAME = {
    "add_task": (0, 1),  # BackgroundTasks.add_task(fn, *args)
    "BackgroundTask": (0, 1),
    "to_thread": (0, 1),  # asyncio.to_thread(fn, *args)
    "run_in_executor": (1, 2),  # loop.run_in_executor(executor, fn, *args)
    "submit": (0, 1),  # executor.submit(fn, *args)
    "start_new_thread": (0, None),
    "enqueue": (0, 1),  # rq: queue.enqueue(fn, *args), run by a worker process
}
_TASK_WRAPPERS = frozenset({"create_task", "ensure_future", "run_coroutine_threadsafe"})
_MEMOISERS = frozenset({"functools.lru_cache", "functools.cache"})


class Op(enum.Enum):
    ITEM = "item assignment"
    DELETE = "deletion"
    AUGMENTED = "augmented assignment"
    METHOD = "mutating call"
    ATTRIBUTE = "attribute assignment"
    REBIND = "rebinding"


_Key = tuple[nodes.FunctionDef, Env]
# Most summaries have no cut; ``frozenset()`` is a new object each time, and a run keeps
# every summary: one shared empty set instead of one per summary.
_NO_CUTS: frozenset = frozenset()


@dataclass(frozen=True, slots=True)
class Facts:
    """What the checker asks of a mutation's expressions (analysis/classify.py), answered
    when its summary was stored on disk (analysis/persist.py), where no node is kept."""

    loads_remote: bool  # the value is read from a database or another service
    resource_value: bool  # the value is a client, lock or pool
    stores_connection: bool  # the value is a WebSocket or a connection
    keyed: bool  # written under a key
    client_key: bool  # ... that names the client (its address, its API key)
    session_key: bool  # ... that names a session (a token, a session id)
    augmented: bool  # ``x += ...``


@dataclass(frozen=True, slots=True)
class Mutation:
    state: State
    op: Op
    site: nodes.NodeNG  # the expression to underline
    statement: nodes.NodeNG
    value: nodes.NodeNG | None = None
    key: nodes.NodeNG | None = None
    lazy: bool = False  # an assignment guarded by a test of the same target
    confidence: Confidence = HIGH
    facts: Facts | None = None  # read from disk: ``site`` and ``statement`` are Sites


@dataclass(frozen=True, slots=True)
class Step:
    """One call edge: ``call`` (in the caller) reaches ``callee``."""

    call: nodes.NodeNG
    callee: nodes.FunctionDef
    deferred: bool = False  # the callee runs later: a background task, a thread


@dataclass(frozen=True, slots=True)
class Hit:
    mutation: Mutation
    path: tuple[Step, ...] = ()
    background: bool = False
    confidence: Confidence = HIGH


@dataclass(frozen=True, slots=True)
class _Summary:
    hits: tuple[Hit, ...]
    truncated: bool  # the depth budget cut the walk short
    depth: int  # how many calls deep the walk went
    modules: frozenset[str] = frozenset()  # every module the hits and paths are in
    # What makes a summary depend on which module is being linted: reading that
    # module's tree (a function of it, an import of it, bindings to its objects), or
    # only its setup of the application object (``app['ws'] = WeakSet()``).
    module_bound: bool = False
    app_bound: bool = False
    # Functions (with their bindings) being walked higher up the stack that the walk
    # reached again and did not enter: a recursion. The summary depends on that stack,
    # unless the function cut is the summary's own: a cycle that closes where it began
    # is all in that summary.
    cuts: frozenset[_Key] = _NO_CUTS

    @property
    def portable(self) -> bool:
        """The same whichever module's walk asked for it (see SummaryStore)."""
        return not (self.module_bound or self.app_bound or self.cuts)

    @property
    def local(self) -> bool:
        """Depends on the linted module only through its application setup: the same for
        every run on that module while the setup is (analysis/persist.py)."""
        return self.app_bound and not (self.module_bound or self.cuts)


@dataclass(eq=False, repr=False)
class SummaryStore:
    """Summaries shared by the walks of every module linted in one process.

    A helper in a shared module (``services/users.py``) is reached from many handler
    modules; without sharing, each of them walks it again. Only *portable* summaries
    are shared: computed without reading the linted module (no import of it, no setup
    of the application object in it, no bindings to its objects) and without being cut
    by a recursion into a function higher up the stack (a result that depends on the
    call stack). A portable summary is what any walk would compute, so sharing it
    cannot change a message, and ``-j 1`` and ``-j 2`` agree.

    The store is emptied when a run starts. A run on one file from an editor
    (``--from-stdin``, where other modules' trees are kept between runs: :mod:`.outline`)
    keeps it for the next run of the same process (an editor's language server runs
    pylint in-process on every save), as long as no file the kept summaries read has
    changed; and it stores them on disk for the next process that lints the same file
    (:mod:`.persist`), with those that depend on the linted module only through its
    setup of the application object (``_Summary.local``).
    """

    complete: dict[_Key, _Summary] = field(default_factory=dict)
    truncated: dict[tuple[nodes.FunctionDef, Env, int], _Summary] = field(default_factory=dict)
    settings: object = None
    files: dict[str, tuple[int, int] | None] = field(default_factory=dict)
    _sets: dict[frozenset[str], frozenset[str]] = field(default_factory=dict)
    # Pure functions of the trees, for this run only: the statements of a function
    # body, and astroid's scope lookup of a global read (Resolver.global_lookups).
    bodies: dict[nodes.FunctionDef, tuple[list[nodes.NodeNG], frozenset[str]]] = field(
        default_factory=dict
    )
    lookups: dict[tuple[nodes.Module, str], tuple[nodes.NodeNG | None, list]] = field(
        default_factory=dict
    )
    # Summaries on disk (analysis/persist.py): the batch read and written, the batch
    # files read into it, and the summaries of this store already in it.
    disk: persist.Batch | None = None
    disk_read: set[str] = field(default_factory=set)
    persisted: set[tuple] = field(default_factory=set)

    def interned(self, modules: frozenset[str]) -> frozenset[str]:
        """One object per distinct set of module names (most summaries share a few)."""
        return self._sets.setdefault(modules, modules)

    def begin(self, settings: object, keep: bool) -> None:
        """A run starts with ``settings`` (anything that changes a summary)."""
        if not (keep and settings == self.settings and self._files_unchanged()):
            self.clear()
        self.settings = settings
        self.bodies.clear()
        self.lookups.clear()

    def end(self, keep: bool, read: set[str], linted: set[str]) -> None:
        """A run ended: keep the summaries of functions in kept trees, and the state of the
        files the run read (but not of those it linted, whose buffers are not on disk),
        or drop every summary."""
        self.bodies.clear()
        self.lookups.clear()
        if not keep:
            self.clear()
            return
        outlined = outline.names()
        for table in (self.complete, self.truncated):
            stale = [key for key, summary in table.items()
                     if not outline.holds(key[0].root()) or not summary.modules <= outlined]
            for key in stale:
                del table[key]  # read astroid's trees, which the next run builds anew
        self.persisted &= {*self.complete, *self.truncated}
        self.files = {path: astutil.file_stamp(path) for path in read - linted}

    def drop_reading(self, path: str | None) -> None:
        """The run lints ``path`` from a buffer: summaries that read it from disk go."""
        if path and path in self.files:
            self.clear()

    def clear(self) -> None:
        self.complete.clear()
        self.truncated.clear()
        self._sets.clear()
        self.files = {}
        self.disk = None
        self.disk_read.clear()
        self.persisted.clear()

    # -- on disk ---------------------------------------------------------------------------

    def read_disk(self, linted: str, header: dict) -> None:
        """Take the summaries stored by earlier runs on ``linted`` (analysis/persist.py)."""
        persist = _persist()
        if self.disk is not None and linted in self.disk.files:
            self.disk = None  # they read from disk the file now linted from a buffer
            self.disk_read.clear()
        if self.disk is None:
            self.disk = persist.Batch()
        path = persist.batch_file(linted, header)
        if path in self.disk_read:
            return
        self.disk_read.add(path)
        batch = persist.Batch.load(path, header)
        if batch is None or linted in batch.files:
            return
        if not self.disk.summaries:
            self.disk = batch
        else:
            self.disk.merge(batch)

    def from_disk(
        self, func: nodes.FunctionDef, env: Env, budget: int | None, setup: str
    ) -> _Summary | None:
        """The summary stored for ``func`` with ``env`` (``budget``: cut short at it): a
        portable one, or one local to the linted module whose application setup is
        ``setup``. A portable one joins the store."""
        if self.disk is None or not (self.disk.summaries or self.disk.local):
            return None
        persist = _persist()
        key = persist.summary_key(func, env, budget)
        if key is None:
            return None
        try:
            summary = self.disk.get(key, setup, _stored_summary, Hit, Step, _stored_mutation)
        except (LookupError, TypeError, ValueError):
            # A damaged batch: walk instead, and store a new one at the end of the run.
            self.disk = persist.Batch()
            return None
        if summary is not None and summary.portable:
            table_key = (func, env) if budget is None else (func, env, budget)
            (self.complete if budget is None else self.truncated)[table_key] = summary
            self.persisted.add(table_key)
        return summary

    def write_disk(self, facts_of, local: dict, setup: str) -> None:  # type: ignore[no-untyped-def]
        """Store the portable summaries computed since the last call, and ``local`` ones
        (of the linted module, whose application setup is ``setup``), with
        ``facts_of(mutation)``."""
        if self.disk is None:
            return
        persist = _persist()
        for table_key, summary in [*self.complete.items(), *self.truncated.items()]:
            if table_key in self.persisted:
                continue
            self.persisted.add(table_key)
            key = persist.summary_key(*_split(table_key))
            if key is not None:
                self.disk.add(key, summary, facts_of)
        for table_key, summary in local.items():
            key = persist.summary_key(*_split(table_key))
            if key is not None and summary.local:
                self.disk.add(key, summary, facts_of, setup=setup)
        self.disk.forget_objects()

    def unsaved(self) -> bool:
        """Whether the batch read from disk has summaries it did not have."""
        return self.disk is not None and self.disk.changed

    def save_disk(self, linted: str, header: dict, read: set[str]) -> None:
        """Write the batch for the next run on ``linted``, if it has anything new."""
        if not self.unsaved():
            return
        persist = _persist()
        for path in read - {linted}:
            self.disk.files[path] = astutil.file_stamp(path)
        self.disk.dump(persist.batch_file(linted, header), header)

    def _files_unchanged(self) -> bool:
        return all(astutil.file_stamp(path) == kept for path, kept in self.files.items())


STORE = SummaryStore()


def _persist():  # type: ignore[no-untyped-def]
    """The disk format: imported by the runs that read or write it (one file from an
    editor) only."""
    # pylint: disable-next=import-outside-toplevel,redefined-outer-name
    from pylint_stateless.analysis import persist

    return persist


def _split(table_key: tuple) -> tuple[nodes.FunctionDef, Env, int | None]:
    return table_key[0], table_key[1], table_key[2] if len(table_key) > 2 else None


def _stored_summary(hits: tuple[Hit, ...], truncated: bool, depth: int,
                    modules: frozenset[str], local: bool) -> _Summary:
    return _Summary(hits, truncated, depth, STORE.interned(modules), app_bound=local)


def _stored_mutation(  # pylint: disable=too-many-arguments,too-many-positional-arguments
    state: State, op: str, site: persist.Site, lazy: bool, confidence: Confidence,
    facts: list[bool],
) -> Mutation:
    return Mutation(state, Op[op], site, site, None, None, lazy, confidence, Facts(*facts))


@dataclass(eq=False, repr=False)
class Walker:
    resolver: Resolver
    max_depth: int = 5
    store: SummaryStore = field(default_factory=SummaryStore)
    setup: str = ""  # the linted module's application setup (Resolver.app_setup_signature)
    _memo: dict[tuple[nodes.FunctionDef, Env, int], _Summary] = field(default_factory=dict)
    _complete: dict[_Key, _Summary] = field(default_factory=dict)
    _active: set[_Key] = field(default_factory=set)

    def walk(self, func: nodes.FunctionDef, env: Env) -> tuple[Hit, ...]:
        return self._summarize(func, env, self.max_depth).hits

    # -- one function -------------------------------------------------------------------

    def _summarize(self, func: nodes.FunctionDef, env: Env, budget: int) -> _Summary:
        """Hits in ``func`` and in what it calls, at most ``budget`` calls deep.

        A summary that was not cut short by the budget records how deep it needed to
        go, and serves every later request with at least that budget.
        """
        key = (func, env)
        complete = (
            self._complete.get(key)
            or self._stored(self.store.complete.get(key))
            or self._from_disk(func, env, None)
        )
        if complete is not None and complete.depth <= budget:
            return complete
        cached = (
            self._memo.get((func, env, budget))
            or self._stored(self.store.truncated.get((func, env, budget)))
            or self._from_disk(func, env, budget)
        )
        if cached is not None:
            return cached
        if key in self._active:
            return _Summary((), truncated=False, depth=0, cuts=frozenset({key}))
        self._active.add(key)
        taint, app_taint = self.resolver.taint, self.resolver.app_taint
        try:
            summary = self._summarize_uncached(func, env, budget)
        finally:
            self._active.discard(key)
        module_bound, app_bound = self._binds_current(func, env)
        cuts = summary.cuts - {key} or _NO_CUTS  # a recursion back to here: nothing is missing
        module_bound = summary.module_bound or module_bound or self.resolver.taint != taint
        app_bound = summary.app_bound or app_bound or self.resolver.app_taint != app_taint
        if (cuts, module_bound, app_bound) != (summary.cuts, summary.module_bound,
                                               summary.app_bound):
            summary = replace(summary, cuts=cuts, module_bound=module_bound,
                              app_bound=app_bound)
        if summary.truncated or summary.cuts:
            memo = self.store.truncated if summary.portable else self._memo
            memo[(func, env, budget)] = summary
        else:
            (self.store.complete if summary.portable else self._complete)[key] = summary
        return summary

    def _from_disk(self, func: nodes.FunctionDef, env: Env, budget: int | None) -> _Summary | None:
        summary = self.store.from_disk(func, env, budget, self.setup)
        if summary is None or summary.portable:
            return self._stored(summary)
        # Local to this module: its own walker keeps it, as it keeps what it walks.
        if budget is None:
            self._complete[(func, env)] = summary
        else:
            self._memo[(func, env, budget)] = summary
        return summary

    def local_summaries(self) -> dict[tuple, _Summary]:
        """What this walk computed that depends on the linted module's application setup
        only (stored on disk for the next run on the module)."""
        return {key: summary for table in (self._complete, self._memo)
                for key, summary in table.items() if summary.local}

    def _stored(self, summary: _Summary | None) -> _Summary | None:
        """A shared summary, unless it reaches into the linted module (whose tree may not
        be the one the summary was computed on): then it is walked again."""
        if summary is None or self.resolver.current.name in summary.modules:
            return None
        return summary

    def _binds_current(self, func: nodes.FunctionDef, env: Env) -> tuple[bool, bool]:
        """Whether ``func`` or what its caller bound belongs to the linted module, and
        whether its caller bound a piece of the application object.

        By name: pylint may lint a module from a tree other than the one astroid built
        when another module imported it (a relative path on the command line, a buffer).
        """
        current = self.resolver.current.name
        module_bound = func.root().name == current
        app_bound = False
        for _name, ref in env.bindings:
            if isinstance(ref, StateRef):
                if ref.state.kind is StateKind.APP:
                    app_bound = True
                elif ref.state.module == current:
                    module_bound = True
                continue
            node = ref.module if isinstance(ref, ModuleRef) else ref.cls
            if node.root().name == current:
                module_bound = True
        return module_bound, app_bound

    def _summarize_uncached(self, func: nodes.FunctionDef, env: Env, budget: int) -> _Summary:
        statements, global_names = self._body(func)
        # One hit per mutation site, state and kind of path: the first path found is the
        # one reported. Without this a call graph with many paths to the same mutation
        # makes summaries grow exponentially with the depth.
        hits: dict[tuple[int, tuple[str, ...], bool], Hit] = {}
        truncated = module_bound = app_bound = False
        cuts: frozenset[_Key] = _NO_CUTS
        modules = {func.root().name}
        depth = 0
        memoised = self._memoised_forever(func)
        if memoised is not None:
            _add(hits, Hit(memoised, confidence=memoised.confidence))
        for node in statements:
            for mutation in self._mutations(node, env, global_names):
                _add(hits, Hit(mutation, confidence=mutation.confidence))
                modules.add(mutation.state.module)
            if not isinstance(node, nodes.Call):
                continue
            if budget <= 0:
                # Not resolved (that could build other modules): the walk is cut here.
                truncated = True
                continue
            targets = self._targets(node, env)
            for callee, callee_env, confidence, deferred in targets:
                sub = self._summarize(callee, callee_env, budget - 1)
                truncated = truncated or sub.truncated
                module_bound = module_bound or sub.module_bound
                app_bound = app_bound or sub.app_bound
                if sub.cuts:
                    cuts |= sub.cuts
                modules |= sub.modules
                depth = max(depth, sub.depth + 1)
                step = Step(node, callee, deferred)
                for hit in sub.hits:
                    _add(hits, _extend(hit, step, deferred, confidence))
        return _Summary(
            tuple(hits.values()), truncated, depth, self.store.interned(frozenset(modules)),
            module_bound, app_bound, cuts,
        )

    def _memoised_forever(self, func: nodes.FunctionDef) -> Mutation | None:
        """``@lru_cache`` on a function without parameters: its result, computed on the first
        call, is kept for the life of the process (a lazy load, like ``global``)."""
        if func.decorators is None or func.args.args or func.args.posonlyargs:
            return None
        if func.args.vararg or func.args.kwarg or func.args.kwonlyargs:
            return None
        for decorator in func.decorators.nodes:
            target = decorator.func if isinstance(decorator, nodes.Call) else decorator
            if astutil.import_qname(target) in _MEMOISERS:
                value = next(
                    (r.value for r in func.nodes_of_class(nodes.Return) if r.value is not None),
                    None,
                )
                state = self.resolver.memoised_state(func)
                return Mutation(state, Op.REBIND, func, func, value, lazy=True,
                                confidence=INFERENCE)
        return None

    def _body(self, func: nodes.FunctionDef) -> tuple[list[nodes.NodeNG], frozenset[str]]:
        cached = self.store.bodies.get(func)
        if cached is not None:
            return cached
        found: list[nodes.NodeNG] = []
        global_names: set[str] = set()
        for statement in func.body:
            for node in _walk(statement):
                if isinstance(node, _STATEMENTS):
                    found.append(node)
                elif isinstance(node, nodes.Global):
                    global_names.update(node.names)
        result = (found, frozenset(global_names))
        self.store.bodies[func] = result
        return result

    # -- mutations ----------------------------------------------------------------------

    def _mutations(
        self, node: nodes.NodeNG, env: Env, global_names: frozenset[str]
    ) -> list[Mutation]:
        found: list[Mutation] = []
        if isinstance(node, nodes.Assign):
            for target in node.targets:
                self._target(target, node, env, global_names, Op.ITEM, node.value, found)
        elif isinstance(node, nodes.AnnAssign):
            if node.value is not None:
                self._target(node.target, node, env, global_names, Op.ITEM, node.value, found)
        elif isinstance(node, nodes.AugAssign):
            self._target(node.target, node, env, global_names, Op.AUGMENTED, node.value, found)
        elif isinstance(node, nodes.Delete):
            for target in node.targets:
                self._target(target, node, env, global_names, Op.DELETE, None, found)
        elif isinstance(node, nodes.Call):
            self._call_mutation(node, env, found)
        return found

    def _target(  # pylint: disable=too-many-arguments,too-many-positional-arguments
        self,
        target: nodes.NodeNG,
        statement: nodes.NodeNG,
        env: Env,
        global_names: frozenset[str],
        op: Op,
        value: nodes.NodeNG | None,
        found: list[Mutation],
    ) -> None:
        if isinstance(target, (nodes.Tuple, nodes.List)):
            for element in target.elts:
                self._target(element, statement, env, global_names, op, None, found)
            return
        if isinstance(target, nodes.Starred):
            self._target(target.value, statement, env, global_names, op, None, found)
            return
        if isinstance(target, nodes.Subscript):
            ref = self.resolver.resolve(target.value, env)
            member = self.resolver.keyed_member(ref, target.slice)
            if member is not None:  # ``request.app["visits"] = ...``
                found.append(
                    Mutation(member, Op.REBIND, target, statement, value,
                             lazy=_is_lazy_init(statement, target),
                             confidence=member.confidence)
                )
                return
            if _is_container_ref(ref) or _is_app_ref(ref):
                assert isinstance(ref, StateRef)
                found.append(
                    Mutation(
                        ref.state, op, target, statement, value, target.slice,
                        confidence=ref.state.confidence,
                    )
                )
            return
        if isinstance(target, nodes.AssignAttr | nodes.DelAttr):
            mutation = self._attribute_write(
                target.expr, target.attrname, target, statement, env, op, value
            )
            if mutation is not None:
                found.append(mutation)
            return
        if isinstance(target, (nodes.AssignName, nodes.DelName)):
            if target.name not in global_names:
                return
            state = self.resolver.module_state(target.root(), target.name)
            if state is None:
                return
            found.append(
                Mutation(
                    state,
                    Op.REBIND,
                    target,
                    statement,
                    value,
                    lazy=_is_lazy_init(statement, target),
                    confidence=HIGH,
                )
            )

    def _attribute_write(  # pylint: disable=too-many-arguments,too-many-positional-arguments,too-many-return-statements
        self,
        owner_expr: nodes.NodeNG,
        attr: str,
        site: nodes.NodeNG,
        statement: nodes.NodeNG,
        env: Env,
        op: Op,
        value: nodes.NodeNG | None,
    ) -> Mutation | None:
        owner = self.resolver.resolve(owner_expr, env)
        if owner is None:
            return None
        lazy = _is_lazy_init(statement, site)
        if isinstance(owner, ModuleRef):
            state = self.resolver.module_state(owner.module, attr)
            if state is None:
                return None
            return Mutation(state, Op.REBIND, site, statement, value, lazy=lazy)
        if isinstance(owner, ClassRef):
            state = self.resolver.class_attr_state(owner.cls, attr)
            if state is None:
                return None
            return Mutation(state, Op.REBIND, site, statement, value, lazy=lazy)
        if isinstance(owner, SelfRef):
            if op is not Op.AUGMENTED:
                return None  # sets an attribute of a per-request instance
            state = self.resolver.class_attr_state(owner.cls, attr)
            if state is None or state.shape is not Shape.CONTAINER:
                return None
            return Mutation(state, Op.AUGMENTED, site, statement, value)
        if owner.element:
            return Mutation(owner.state, Op.ATTRIBUTE, site, statement, value,
                            confidence=owner.state.confidence)
        if owner.state.shape in (Shape.APP, Shape.NAMESPACE):
            member = self.resolver.app_member(
                owner.state, attr, namespace=attr in self.resolver.app_namespaces
            )
            return Mutation(member, Op.REBIND, site, statement, value, lazy=lazy,
                            confidence=member.confidence)
        if owner.state.shape is Shape.INSTANCE:
            state = self.resolver.instance_attr_state(owner.state, attr)
            if state is None:
                return None
            if op is Op.AUGMENTED and state.shape is Shape.CONTAINER:
                return Mutation(state, Op.AUGMENTED, site, statement, value)
            return Mutation(state, Op.REBIND, site, statement, value, lazy=lazy,
                            confidence=owner.state.confidence)
        return None

    def _call_mutation(self, call: nodes.Call, env: Env, found: list[Mutation]) -> None:
        func = call.func
        if isinstance(func, nodes.Attribute) and func.attrname in knowledge.MUTATING_METHODS:
            if func.attrname == "setdefault" and _initialises_once(call):
                # ``store.setdefault("key", {})`` creates the entry the first time and is a
                # no-op ever after; what is then written into the entry is found on the
                # element it returns (``ELEMENT_METHODS``).
                return
            ref = self.resolver.resolve(func.expr, env)
            if _is_container_ref(ref) or _is_app_mapping(ref):
                assert isinstance(ref, StateRef)
                value = call.args[-1] if call.args else None
                key = call.args[0] if len(call.args) > 1 else None
                found.append(
                    Mutation(ref.state, Op.METHOD, call, call.statement(), value, key,
                             confidence=ref.state.confidence)
                )
            return
        if (
            isinstance(func, nodes.Name)
            and func.name in {"setattr", "delattr"}
            and len(call.args) >= 2
            and astutil.import_qname(func) == f"builtins.{func.name}"
        ):
            attr = astutil.const_str(call.args[1])
            if attr is None:
                return
            value = call.args[2] if len(call.args) > 2 else None
            mutation = self._attribute_write(
                call.args[0], attr, call, call.statement(), env, Op.REBIND, value
            )
            if mutation is not None:
                found.append(mutation)

    # -- following calls --------------------------------------------------------------

    def _targets(
        self, call: nodes.Call, env: Env
    ) -> list[tuple[nodes.FunctionDef, Env, Confidence, bool]]:
        """What a call runs: (function, its bindings, confidence, runs later)."""
        background = _is_task_wrapped(call)
        return [
            *((callee, callee_env, confidence, True)
              for callee, callee_env, confidence in self._deferred(call, env)),
            *((callee, callee_env, confidence, background)
              for callee, callee_env, confidence in self._callees(call, env)),
        ]

    def _callees(
        self, call: nodes.Call, env: Env
    ) -> list[tuple[nodes.FunctionDef, Env, Confidence]]:
        """The project function a call runs, found from the source (no inference)."""
        found = self.resolver.callee(call.func, env)
        if found is None:
            return []
        func, first, is_method = found
        if not is_method and isinstance(func.parent, nodes.ClassDef) and func.type == "method":
            return []  # a function object taken from a class: not a call we can bind
        return [(func, self._bind(func, call.args, call.keywords, env, first), INFERENCE)]

    def _deferred(
        self, call: nodes.Call, env: Env
    ) -> list[tuple[nodes.FunctionDef, Env, Confidence]]:
        """Callables handed to something that runs them later in this process."""
        name = astutil.last_name(call.func)
        target: nodes.NodeNG | None = None
        args: list[nodes.NodeNG] = []
        if name in _DEFERRED_BY_NAME:
            position, first_arg = _DEFERRED_BY_NAME[name]
            if len(call.args) > position:
                target = call.args[position]
                args = list(call.args[first_arg:]) if first_arg is not None else []
        elif name in {"Thread", "Timer", "Process"}:
            target = _keyword(call, "target")
            args_node = _keyword(call, "args")
            if isinstance(args_node, (nodes.Tuple, nodes.List)):
                args = list(args_node.elts)
        if target is None:
            return []
        found = self.resolver.callee(target, env)
        if found is None:
            return []
        func, first, is_method = found
        if is_method and first is None and func.type == "method":
            return []  # an unbound method: nothing to bind ``self`` to
        return [(func, self._bind(func, args, (), env, first), INFERENCE)]

    def _bind(  # pylint: disable=too-many-arguments,too-many-positional-arguments
        self,
        func: nodes.FunctionDef,
        args: list[nodes.NodeNG],
        keywords: tuple[nodes.Keyword, ...] | list[nodes.Keyword],
        env: Env,
        first: Ref | None,
    ) -> Env:
        """What the callee's parameters are bound to, from the caller's arguments."""
        params = [*func.args.posonlyargs, *func.args.args]
        mapping: dict[str, Ref] = {}
        offset = 0
        if func.type in {"method", "classmethod"} and isinstance(func.parent, nodes.ClassDef):
            if params and first is not None:
                mapping[params[0].name] = first
            offset = 1
        for index, arg in enumerate(args):
            if isinstance(arg, nodes.Starred) or offset + index >= len(params):
                break
            ref = self.resolver.resolve(arg, env)
            if ref is not None:
                mapping[params[offset + index].name] = ref
        names = {p.name for p in params} | {p.name for p in func.args.kwonlyargs}
        for keyword in keywords or ():
            if keyword.arg in names:
                ref = self.resolver.resolve(keyword.value, env)
                if ref is not None:
                    mapping[keyword.arg] = ref
        return Env.of(mapping)


# --- helpers ---------------------------------------------------------------------------


def _walk(node: nodes.NodeNG):
    """Pre-order walk that does not enter nested functions, classes or lambdas."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        children = [c for c in current.get_children() if not isinstance(c, _NESTED)]
        stack.extend(reversed(children))


# ``dict()``, ``OrderedDict()``, ``deque()``...: the containers the project knows, called bare.
_EMPTY_FACTORIES = frozenset(knowledge.CONTAINER_TYPES.values())


def _initialises_once(call: nodes.Call) -> bool:
    """``setdefault`` with a constant key and an empty default: idempotent."""
    if call.keywords or not call.args or len(call.args) > 2:
        return False
    if not isinstance(call.args[0], nodes.Const):
        return False
    if len(call.args) == 1:
        return True  # the default is None
    default = call.args[1]
    if isinstance(default, nodes.Dict):
        return not default.items
    if isinstance(default, (nodes.List, nodes.Set, nodes.Tuple)):
        return not default.elts
    return (
        isinstance(default, nodes.Call)
        and not default.args
        and not default.keywords
        and astutil.last_name(default.func) in _EMPTY_FACTORIES
    )


def _is_container_ref(ref: Ref | None) -> bool:
    return (
        isinstance(ref, StateRef)
        and not ref.view
        and (ref.element or ref.state.shape is Shape.CONTAINER)
    )


def _is_app_ref(ref: Ref | None) -> bool:
    """Something hanging off the application object: item writes into it are shared."""
    return isinstance(ref, StateRef) and not ref.view and ref.state.kind is StateKind.APP


def _is_app_mapping(ref: Ref | None) -> bool:
    """``app.update(...)``, ``current_app.config.update(...)``: the mapping itself."""
    return (
        isinstance(ref, StateRef)
        and not ref.element
        and ref.state.shape in (Shape.APP, Shape.NAMESPACE)
    )


def _add(hits: dict[tuple[int, tuple[str, ...], bool], Hit], hit: Hit) -> None:
    hits.setdefault((id(hit.mutation.site), hit.mutation.state.key, hit.background), hit)


def _extend(hit: Hit, step: Step, background: bool, confidence: Confidence) -> Hit:
    return Hit(
        hit.mutation,
        (step, *hit.path),
        hit.background or background,
        Evidence.weakest(hit.confidence, confidence),
    )


def _keyword(call: nodes.Call, name: str) -> nodes.NodeNG | None:
    for keyword in call.keywords or ():
        if keyword.arg == name:
            return keyword.value
    return None


def _is_task_wrapped(call: nodes.Call) -> bool:
    parent = call.parent
    return (
        isinstance(parent, nodes.Call)
        and call in parent.args
        and astutil.last_name(parent.func) in _TASK_WRAPPERS
    )


def _is_lazy_init(statement: nodes.NodeNG, target: nodes.NodeNG) -> bool:
    """Whether ``statement`` sits in ``if <target> is None:`` (or similar) for its target."""
    text = astutil.text(target) if not isinstance(target, nodes.AssignName) else target.name
    if isinstance(target, nodes.AssignAttr):
        text = f"{astutil.text(target.expr)}.{target.attrname}"
    node = statement.parent
    child = statement
    while node is not None and not isinstance(node, (nodes.FunctionDef, nodes.Module)):
        if isinstance(node, nodes.If) and child in node.body:
            if _mentions(node.test, text):
                return True
        child = node
        node = node.parent
    return False


def _mentions(test: nodes.NodeNG, text: str) -> bool:
    if text == "...":
        return False
    for sub in test.nodes_of_class((nodes.Name, nodes.Attribute)):
        if astutil.text(sub) == text:
            return True
    return False
