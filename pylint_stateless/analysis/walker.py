"""Walk request-serving code and the helpers it calls; collect mutations of shared state.

The walk starts at an entry point with an :class:`~.model.Env` (what ``self`` is),
looks at every assignment, deletion and call in the function body (:mod:`.writes`
says which are mutations), and follows calls into functions and methods of the
analysed project up to a bounded depth, binding the callee's parameters to what the
caller passed. Results are memoised per (function, bindings, remaining depth): for the
linted module, and, when the summary does not depend on which module is being linted,
for the whole run (:class:`.session.Session`).
"""

from __future__ import annotations

from dataclasses import replace

from astroid import nodes
from pylint.interfaces import INFERENCE, Confidence

from pylint_stateless import knowledge
from pylint_stateless.analysis import astutil
from pylint_stateless.analysis.calls import Callee as Called
from pylint_stateless.analysis.model import (
    NO_CUTS,
    Callee,
    Env,
    FunctionKey,
    Hit,
    Location,
    ModuleRef,
    Mutation,
    Op,
    StateKind,
    StateRef,
    Step,
    Summary,
    weakest,
)
from pylint_stateless.analysis.facts import facts_of
from pylint_stateless.analysis.resolver import Resolver
from pylint_stateless.analysis.session import Session
from pylint_stateless.analysis.writes import Writes, guarded_call

# ``with`` (and ``async with``, its subclass) runs the context manager's enter and exit.
_STATEMENTS = (nodes.Assign, nodes.AugAssign, nodes.AnnAssign, nodes.Delete, nodes.Call,
               nodes.With)
_NESTED = (nodes.FunctionDef, nodes.ClassDef, nodes.Lambda)
_MEMOISERS = frozenset({"functools.lru_cache", "functools.cache"})
_MAX_CALLBACKS = 4  # callables followed from one library call

Target = tuple[nodes.FunctionDef, Env, Confidence]


class Walker:
    """The walks of one linted module's entry points."""

    def __init__(self, resolver: Resolver, session: Session, max_depth: int = 5,
                 setup: str = "") -> None:
        self.resolver = resolver
        self.session = session
        self.max_depth = max_depth
        # The linted module's application setup (``Application.setup_signature``): what
        # a summary stored on disk for this module only depends on.
        self.setup = setup
        self._writes = Writes(resolver)
        self._memo: dict[tuple[nodes.FunctionDef, Env, int], Summary] = {}
        self._complete: dict[FunctionKey, Summary] = {}
        self._active: set[FunctionKey] = set()

    def walk(self, func: nodes.FunctionDef, env: Env) -> tuple[Hit, ...]:
        return self._summarize(func, env, self.max_depth).hits

    def local_summaries(self) -> dict[tuple, Summary]:  # type: ignore[type-arg]
        """What this walk computed that depends on the linted module's application setup
        only (stored on disk for the next run on the module)."""
        return {key: summary for table in (self._complete, self._memo)
                for key, summary in table.items() if summary.local}

    # -- memoised summaries ---------------------------------------------------------------

    def _summarize(self, func: nodes.FunctionDef, env: Env, budget: int) -> Summary:
        """Hits in ``func`` and in what it calls, at most ``budget`` calls deep.

        A summary that was not cut short by the budget records how deep it needed to
        go, and serves every later request with at least that budget.
        """
        key = (func, env)
        store = self.session
        complete = (
            self._complete.get(key)
            or self._shared(store.complete.get(key))
            or self._from_disk(func, env, None)
        )
        if complete is not None and complete.depth <= budget:
            return complete
        cached = (
            self._memo.get((func, env, budget))
            or self._shared(store.truncated.get((func, env, budget)))
            or self._from_disk(func, env, budget)
        )
        if cached is not None:
            return cached
        if key in self._active:
            return Summary((), truncated=False, depth=0, cuts=frozenset({key}))
        self._active.add(key)
        taint, app_taint = self.resolver.taint.module, self.resolver.taint.app
        try:
            summary = self._summarize_uncached(func, env, budget)
        finally:
            self._active.discard(key)
        module_bound, app_bound = self._binds_current(func, env)
        cuts = summary.cuts - {key} or NO_CUTS  # a recursion back to here: nothing is missing
        module_bound = (summary.module_bound or module_bound
                        or self.resolver.taint.module != taint)
        app_bound = summary.app_bound or app_bound or self.resolver.taint.app != app_taint
        if (cuts, module_bound, app_bound) != (summary.cuts, summary.module_bound,
                                               summary.app_bound):
            summary = replace(summary, cuts=cuts, module_bound=module_bound,
                              app_bound=app_bound)
        if summary.truncated or summary.cuts:
            memo = store.truncated if summary.portable else self._memo
            memo[(func, env, budget)] = summary
        else:
            (store.complete if summary.portable else self._complete)[key] = summary
        return summary

    def _from_disk(self, func: nodes.FunctionDef, env: Env, budget: int | None) -> Summary | None:
        summary = self.session.from_disk(func, env, budget, self.setup)
        if summary is None or summary.portable:
            return self._shared(summary)
        # Local to this module: its own walker keeps it, as it keeps what it walks.
        if budget is None:
            self._complete[(func, env)] = summary
        else:
            self._memo[(func, env, budget)] = summary
        return summary

    def _shared(self, summary: Summary | None) -> Summary | None:
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

    # -- one function ---------------------------------------------------------------------

    def _summarize_uncached(self, func: nodes.FunctionDef, env: Env, budget: int) -> Summary:
        statements, global_names = self._body(func)
        module = func.root().name
        found = _Found(module)
        memoised = self._memoised_forever(func, module)
        if memoised is not None:
            found.add(Hit(memoised, confidence=memoised.confidence))
        for node in statements:
            for mutation in self._writes.of(node, env, global_names, module):
                found.add(Hit(mutation, confidence=mutation.confidence))
                found.modules.add(mutation.state.module)
            if not isinstance(node, (nodes.Call, nodes.With)):
                continue
            if budget <= 0:
                # Not resolved (that could build other modules): the walk is cut here.
                found.truncated = True
                continue
            targets = (self._targets(node, env) if isinstance(node, nodes.Call)
                       else self._entered(node, env))
            for callee, callee_env, confidence, deferred in targets:
                sub = self._summarize(callee, callee_env, budget - 1)
                found.absorb(sub)
                if not sub.hits:
                    continue
                step = Step(
                    Location.of(node, module),
                    Callee(astutil.function_label(callee), callee.root().name, callee),
                    deferred, node,
                )
                for hit in sub.hits:
                    found.add(_extend(_guarded(hit, node), step, deferred, confidence))
        return found.summary(self.session.interned(frozenset(found.modules)))

    def _memoised_forever(self, func: nodes.FunctionDef, module: str) -> Mutation | None:
        """``@lru_cache`` on a function without parameters: its result, computed on the first
        call, is kept for the life of the process (a lazy load, like ``global``)."""
        if func.decorators is None or func.args.args or func.args.posonlyargs:
            return None
        if func.args.vararg or func.args.kwarg or func.args.kwonlyargs:
            return None
        if self.resolver.runs_per_session(func.root()):
            return None  # a script defines it, and its cache, anew on every run
        for decorator in func.decorators.nodes:
            target = decorator.func if isinstance(decorator, nodes.Call) else decorator
            if astutil.import_qname(target) in _MEMOISERS:
                value = next(
                    (r.value for r in func.nodes_of_class(nodes.Return) if r.value is not None),
                    None,
                )
                state = self.resolver.states.memoised(func)
                return Mutation(state, Op.REBIND, Location.of(func, module),
                                facts_of(value, None, func, self.resolver), lazy=True,
                                confidence=INFERENCE, site=func)
        return None

    def _body(self, func: nodes.FunctionDef) -> tuple[list[nodes.NodeNG], frozenset[str]]:
        cached = self.session.bodies.get(func)
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
        self.session.bodies[func] = result
        return result

    # -- following calls --------------------------------------------------------------

    def _targets(
        self, call: nodes.Call, env: Env
    ) -> list[tuple[nodes.FunctionDef, Env, Confidence, bool]]:
        """What a call runs: (function, its bindings, confidence, runs later)."""
        background = _is_task_wrapped(call)
        found = self.resolver.callee(call.func, env)  # once, for both questions
        return [
            *((callee, callee_env, confidence, later)
              for callee, callee_env, confidence, later in self._deferred(call, env, found)),
            *((callee, callee_env, confidence, background)
              for callee, callee_env, confidence in self._callees(call, env, found)),
        ]

    def _entered(self, node: nodes.With, env: Env) -> list[tuple[nodes.FunctionDef, Env,
                                                                 Confidence, bool]]:
        """The project methods a ``with`` statement runs on its context managers:
        ``__enter__`` and ``__exit__`` (``__aenter__`` and ``__aexit__`` for ``async with``)."""
        names = (("__aenter__", "__aexit__") if isinstance(node, nodes.AsyncWith)
                 else ("__enter__", "__exit__"))
        targets = []
        for manager, _alias in node.items:
            for name in names:
                found = self.resolver.method_of(manager, name, env)
                if found is None:
                    continue
                func, first, _is_method = found
                targets.append((func, self.resolver.flow.bind(func, [], (), env, first),
                                INFERENCE, False))
        return targets

    def _callees(self, call: nodes.Call, env: Env, found: Called | None) -> list[Target]:
        """The project functions a call runs, found from the source (no inference): the
        function it names (``found``), or each of a dispatch table's (``handlers[action]()``)."""
        candidates = [found] if found is not None else self.resolver.flow.dispatched(call.func, env)
        targets = []
        for func, first, is_method in candidates:
            if not is_method and isinstance(func.parent, nodes.ClassDef) and func.type == "method":
                continue  # a function object taken from a class: not a call we can bind
            callee_env = self.resolver.flow.bind(func, call.args, call.keywords, env, first)
            targets.append((func, _with_free_variables(func, call, env, callee_env),
                            INFERENCE))
        return targets

    def _deferred(self, call: nodes.Call, env: Env, found: Called | None
                  ) -> list[tuple[nodes.FunctionDef, Env, Confidence, bool]]:
        """Callables handed to something that runs them later in this process: to a call
        that defers work (``add_task``, ``Thread(target=...)``, ``executor.submit``), or
        as a callback to a library (``future.add_done_callback(self._on_done)``)."""
        name = astutil.last_name(call.func)
        handed: list[tuple[nodes.NodeNG, list[nodes.NodeNG]]] = []
        deferral = self.resolver.knowledge.deferring_calls.get(name or "")
        if deferral is not None:
            if len(call.args) > deferral.position:
                first = deferral.first_argument
                handed.append((call.args[deferral.position],
                               list(call.args[first:]) if first is not None else []))
        elif name in knowledge.THREAD_CLASSES:
            args_node = _keyword(call, "args")
            target = _keyword(call, "target")
            if target is not None:
                handed.append((target, list(args_node.elts) if isinstance(
                    args_node, (nodes.Tuple, nodes.List)) else []))
        elif found is None:
            handed = _callbacks(call)  # a library call: what it may call back, now or later
        later = deferral is not None or name in knowledge.THREAD_CLASSES
        targets = []
        for target, args in handed[:_MAX_CALLBACKS]:
            if _is_partial(target):
                target, args = target.args[0], [*target.args[1:], *args]
            handed_callee = self.resolver.callee(target, env)
            if handed_callee is None:
                continue
            func, first_ref, is_method = handed_callee
            if is_method and first_ref is None and func.type == "method":
                continue  # an unbound method: nothing to bind ``self`` to
            if not later and (func.name == "__init__" or _is_property(func)):
                continue  # a class or a property's value handed to a library: not a callback
            targets.append((func, self.resolver.flow.bind(func, args, (), env, first_ref),
                            INFERENCE, later))
        return targets


class _Found:
    """What the walk of one function has found so far."""

    def __init__(self, module: str) -> None:
        # One hit per mutation site, state and kind of path: the first path found is the
        # one reported. Without this a call graph with many paths to the same mutation
        # makes summaries grow exponentially with the depth.
        self.hits: dict[tuple[object, tuple[str, ...], bool], Hit] = {}
        self.truncated = self.module_bound = self.app_bound = False
        self.cuts: frozenset[FunctionKey] = NO_CUTS
        self.modules = {module}
        self.depth = 0

    def add(self, hit: Hit) -> None:
        self.hits.setdefault(
            (hit.mutation.place, hit.mutation.state.key, hit.background), hit
        )

    def absorb(self, sub: Summary) -> None:
        """What the summary of a callee adds, but its hits (added with the call's step)."""
        self.truncated = self.truncated or sub.truncated
        self.module_bound = self.module_bound or sub.module_bound
        self.app_bound = self.app_bound or sub.app_bound
        if sub.cuts:
            self.cuts |= sub.cuts
        self.modules |= sub.modules
        self.depth = max(self.depth, sub.depth + 1)

    def summary(self, modules: frozenset[str]) -> Summary:
        return Summary(tuple(self.hits.values()), self.truncated, self.depth, modules,
                       self.module_bound, self.app_bound, self.cuts)


# --- helpers ---------------------------------------------------------------------------


def _walk(node: nodes.NodeNG):  # type: ignore[no-untyped-def]
    """Pre-order walk that does not enter nested functions, classes or lambdas."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        children = [c for c in current.get_children() if not isinstance(c, _NESTED)]
        stack.extend(reversed(children))


def _extend(hit: Hit, step: Step, background: bool, confidence: Confidence) -> Hit:
    return Hit(
        hit.mutation,
        (step, *hit.path),
        hit.background or background,
        weakest(hit.confidence, confidence),
    )


def _with_free_variables(func: nodes.FunctionDef, call: nodes.Call, env: Env,
                         callee_env: Env) -> Env:
    """A function defined inside the caller sees the caller's variables: what the caller
    was bound to (``self``) is bound for it too, unless it has its own of that name."""
    if not env.bindings or func.parent is None or func.parent.scope() is not call.scope():
        return callee_env
    own = set(func.locals)
    inherited = {name: ref for name, ref in env.bindings if name not in own}
    if not inherited:
        return callee_env
    return Env.of({**inherited, **dict(callee_env.bindings)})


def _guarded(hit: Hit, call: nodes.Call) -> Hit:
    """A global or attribute the callee rebinds, set once per process by the caller's guard
    (``if _engine is None: _connect()``): a lazy set-up."""
    mutation = hit.mutation
    if mutation.lazy or mutation.op is not Op.REBIND or not guarded_call(call,
                                                                          mutation.state.attr):
        return hit
    return replace(hit, mutation=replace(mutation, lazy=True))


def _callbacks(call: nodes.Call) -> list[tuple[nodes.NodeNG, list[nodes.NodeNG]]]:
    """Functions and bound methods handed to a library call (``self._on_done``, ``handle``,
    ``functools.partial(self._on_done, name)``), with the arguments bound to them."""
    found: list[tuple[nodes.NodeNG, list[nodes.NodeNG]]] = []
    for arg in (*call.args, *(k.value for k in call.keywords or ())):
        if isinstance(arg, (nodes.Name, nodes.Attribute)):
            found.append((arg, []))
        elif _is_partial(arg):
            found.append((arg.args[0], list(arg.args[1:])))
        if len(found) >= _MAX_CALLBACKS:
            break
    return found


def _is_property(func: nodes.FunctionDef) -> bool:
    return func.decorators is not None and any(
        astutil.last_name(d) in {"property", "cached_property"} for d in func.decorators.nodes
    )


def _is_partial(node: nodes.NodeNG) -> bool:
    """``functools.partial(func, *args)``."""
    return (isinstance(node, nodes.Call) and astutil.last_name(node.func) == "partial"
            and bool(node.args))


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
        and astutil.last_name(parent.func) in knowledge.TASK_WRAPPERS
    )
