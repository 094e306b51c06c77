"""The state of one replicated pytest run: options, pools of copies, what each test sent.

:class:`Replication` is what the adapters ask (:meth:`Replication.pool_for`): whether a
request of a given client goes to copies, and to which pool. It routes (round-robin from
copy 0 at the start of each test, or seeded-random per test, so that running one test
alone routes its requests as the whole run did), records every request of the current
test (:class:`RequestRecord`) and the reasons a request ran in the test process instead
(a WebSocket, an application that cannot be rebuilt elsewhere).
"""

from __future__ import annotations

import contextlib
import gc
import random
import threading
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pylint_stateless.replicas.apps import (
    AppLocator,
    AppSpec,
    NotReplicable,
    lint_target,
    reference,
)

if TYPE_CHECKING:
    from pylint_stateless.replicas.pool import Pool

# A factory builds a new application (and so new copies) for each test that calls it;
# above this many pools alive, a garbage collection finds the applications no test holds.
POOLS_BEFORE_COLLECTING = 4


class NotReplicatedWarning(UserWarning):
    """A request of a replicated run was served by the test process (see the summary)."""


@dataclass(frozen=True)
class Options:
    """The command line's choices: copies, routing, restarts."""

    replicas: int
    route: str = "round-robin"
    seed: int = 0
    restart: int = 0
    app: tuple[str, str, bool] | None = None

    def describe(self) -> str:
        copies = "1 copy" if self.replicas == 1 else f"{self.replicas} copies"
        route = f"seeded-random (seed {self.seed})" if self.route == "random" else "round-robin"
        text = f"{copies} of each application, {route}"
        if self.restart:
            every = "request" if self.restart == 1 else f"{self.restart} requests"
            text += f", a copy restarted after every {every}"
        return text


@dataclass
class RequestRecord:
    """One request sent to a copy."""

    method: str
    target: str  # path and query
    app: str  # AppSpec.label()
    copy: int
    generation: int
    spec: AppSpec
    status: int | None = None
    endpoint: str | None = None

    @property
    def path(self) -> str:
        return self.target.split("?", 1)[0]

    def copy_label(self) -> str:
        return f"copy {self.copy}" + (f" (restart {self.generation})" if self.generation else "")


@dataclass
class TestRecord:
    """What one test sent where, and how it ended."""

    nodeid: str
    requests: list[RequestRecord] = field(default_factory=list)
    not_replicated: list[str] = field(default_factory=list)
    failed: bool = False
    plain_outcome: str | None = None  # "passed" or "failed" when rerun without copies
    _routers: dict[int, object] = field(default_factory=dict)


class Replication:
    """One pytest run's replication."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.locator = AppLocator(options.app)
        self.pools: dict[object, Pool] = {}
        self.tests: list[TestRecord] = []
        self.current: TestRecord | None = None
        self.enabled = True
        self.requests = 0
        self.copies_started = 0
        self._outside = TestRecord("<outside tests>")
        self._lock = threading.Lock()

    # --- asked by the adapters ----------------------------------------------------

    def pool_for(self, kind: str, app: object, client: str) -> Pool | None:
        """The pool serving ``app`` as ``kind``, or None if this request runs in the test
        process (replication off for a plain rerun, or the application cannot be rebuilt:
        noted for the test, with a warning)."""
        if not self.enabled:
            return None
        try:
            spec = self.locator.spec(kind, app) if kind != "django" else django_spec()
        except NotReplicable as exc:
            self.not_replicated(f"{client}: {exc}")
            return None
        owner = None
        key: object = spec
        if spec.call and self.options.app is None:
            key = (spec, id(app))  # one application object, one set of copies
            owner = reference(app)
        with self._lock:
            pool = self.pools.get(key)
            if pool is not None and not pool.alive():
                pool.close()
                pool = None
            if pool is None:
                from pylint_stateless.replicas.pool import Pool  # pylint: disable=import-outside-toplevel

                pool = self.pools[key] = Pool(spec, self, owner)
        return pool

    def not_replicated(self, reason: str) -> None:
        record = self.current or self._outside
        if reason not in record.not_replicated:
            record.not_replicated.append(reason)
            warnings.warn(NotReplicatedWarning(f"not replicated: {reason}"), stacklevel=3)

    def route(self, pool: Pool) -> int:
        """The copy of ``pool`` the next request of the current test goes to."""
        record = self.current or self._outside
        router = record._routers.get(id(pool))  # pylint: disable=protected-access
        if router is None:
            if self.options.route == "random":
                router = random.Random(f"{self.options.seed}:{record.nodeid}:{pool.spec.label()}")
            else:
                router = [0]
            record._routers[id(pool)] = router  # pylint: disable=protected-access
        if isinstance(router, random.Random):
            return int(router.randrange(pool.size))
        assert isinstance(router, list)
        index: int = router[0] % pool.size
        router[0] += 1
        return index

    def record_request(self, pool: Pool, index: int, generation: int, method: str,
                       target: str) -> RequestRecord:
        self.requests += 1
        record = RequestRecord(method, target, pool.spec.label(), index, generation, pool.spec)
        (self.current or self._outside).requests.append(record)
        return record

    # --- asked by the plugin ------------------------------------------------------

    def begin(self, nodeid: str) -> TestRecord:
        self.current = TestRecord(nodeid)
        self.tests.append(self.current)
        return self.current

    def end(self) -> None:
        self.current = None

    @contextlib.contextmanager
    def plain(self) -> Iterator[None]:
        """Requests run in the test process meanwhile (the plain rerun of a failure)."""
        self.enabled, current = False, self.current
        try:
            yield
        finally:
            self.enabled, self.current = True, current

    def close_unused_pools(self) -> None:
        """Stop the copies of factory-built applications that no test holds any more."""
        owned = sum(1 for pool in self.pools.values() if pool.owner is not None)
        if owned > POOLS_BEFORE_COLLECTING:
            gc.collect()
        for key, pool in list(self.pools.items()):
            if not pool.alive():
                del self.pools[key]
                pool.close()

    def close(self) -> list[str]:
        problems: list[str] = []
        for pool in self.pools.values():
            problems += pool.close()
        self.pools.clear()
        return problems

    def lint_targets(self, records: list[TestRecord]) -> list[str]:
        targets: list[str] = []
        for record in records:
            for request in record.requests:
                target = lint_target(request.spec)
                if target is not None and target not in targets:
                    targets.append(target)
        return targets


def django_spec() -> AppSpec:
    """Django's test client has no application object: the copies run the project named
    by the settings module, with the test process's database names (a test runner
    renames them to the test databases)."""
    import os  # pylint: disable=import-outside-toplevel

    from django.conf import settings  # pylint: disable=import-outside-toplevel

    module = os.environ.get("DJANGO_SETTINGS_MODULE") or getattr(settings, "SETTINGS_MODULE", None)
    if not module:
        raise NotReplicable("Django settings configured in code (settings.configure()): a copy "
                            "needs DJANGO_SETTINGS_MODULE")
    names: list[tuple[str, str]] = []
    for alias, database in getattr(settings, "DATABASES", {}).items():
        name = database.get("NAME")
        if name and isinstance(name, str | os.PathLike):  # Django adds an unnamed dummy
            names.append((alias, os.fspath(name)))
    return AppSpec("django", module, extra=tuple(names))
