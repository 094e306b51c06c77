"""The copies of one application: started on the first request, routed, restarted, stopped.

Each :class:`Copy` is a process started with ``multiprocessing``'s ``spawn`` method
(a new interpreter, so the application is imported afresh: the point of the exercise) and
a pipe to it. A :class:`Pool` holds the N copies of one application and sends each
request to the copy the test's router chooses (:meth:`.session.Replication.route`);
with ``--stateless-restart=K`` a copy that has served K requests is stopped (its
shutdown hooks run) and replaced by a new one before it serves another.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import sys
import threading
import types
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from pylint_stateless.replicas.apps import AppSpec
from pylint_stateless.replicas.wire import ReplicaError, Reply
from pylint_stateless.replicas.worker import main as serve

if TYPE_CHECKING:
    from pylint_stateless.replicas.session import Replication, RequestRecord

# Seconds. Only so that a copy that hangs fails the test instead of the whole run.
START_TIMEOUT = 120.0
REQUEST_TIMEOUT = 300.0
STOP_TIMEOUT = 30.0


@contextlib.contextmanager
def _main_not_inherited() -> Iterator[None]:
    """Start a process without the test runner's ``__main__``.

    ``spawn`` runs the parent's main script again in the child (as ``__mp_main__``), so
    that functions defined there can be unpickled. A copy's target lives in this package,
    and the main script is pytest's: importing pytest would add about 35 ms to the 230 ms
    a copy of the example shop takes to start. The start method reads
    ``sys.modules["__main__"]`` only while the process is being started, so an empty
    module stands in meanwhile.
    """
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if main is not None:
            sys.modules["__main__"] = main


class Copy:
    """One process serving the application."""

    def __init__(self, spec: AppSpec, index: int, generation: int) -> None:
        self.spec = spec
        self.index = index
        self.generation = generation
        self.served = 0
        self.info: dict[str, Any] | None = None
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=serve, args=(child, spec), daemon=True,
            name=f"stateless-copy-{index}.{generation}",
        )
        with _main_not_inherited():
            self.process.start()
        child.close()

    @property
    def label(self) -> str:
        return f"copy {self.index}" + (f" (restart {self.generation})" if self.generation else "")

    def ready(self) -> dict[str, Any]:
        """Wait until the application has started; what the server told about itself."""
        if self.info is None:
            kind, info = self._receive(START_TIMEOUT, "to start")
            if kind != "ready":
                raise ReplicaError(f"{self.label} of {self.spec.label()} failed to start:\n{info}")
            self.info = info
        return self.info

    def call(self, payload: Any) -> Reply:
        self.ready()
        self.conn.send(("request", payload))
        kind, reply = self._receive(REQUEST_TIMEOUT, "to answer")
        if kind != "reply":
            raise ReplicaError(f"{self.label} of {self.spec.label()} stopped while serving a "
                               f"request:\n{reply}")
        answer: Reply = reply
        return answer

    def _receive(self, timeout: float, what: str) -> tuple[str, Any]:
        if not self.conn.poll(timeout):
            raise ReplicaError(f"{self.label} of {self.spec.label()} took more than "
                               f"{timeout:.0f} s {what}")
        try:
            message: tuple[str, Any] = self.conn.recv()
            return message
        except (EOFError, OSError):
            self.process.join(1)
            raise ReplicaError(f"{self.label} of {self.spec.label()} died (exit code "
                               f"{self.process.exitcode})") from None

    def request_stop(self) -> None:
        """Ask the copy to run its shutdown hooks and exit (see :meth:`finish_stop`)."""
        try:
            if self.info is None and self.process.is_alive():
                self.ready()  # a copy still starting stops after it has started
            self.conn.send(("stop", None))
        except (OSError, EOFError, ReplicaError):
            pass

    def finish_stop(self, wait_for_exit: bool = True) -> str:
        """Wait until the copy has run its shutdown hooks, and until it has exited unless
        ``wait_for_exit`` is false (a restart need not wait for the interpreter's own
        shutdown: :meth:`reap` does it later); what went wrong, or ``""``."""
        problem = ""
        stopped = False
        try:
            if self.conn.poll(STOP_TIMEOUT):
                kind, text = self.conn.recv()
                stopped = kind == "stopped"
                problem = text if stopped else ""
        except (OSError, EOFError):
            pass
        self.conn.close()
        if wait_for_exit or not stopped:
            problem = self.reap() or problem
        return problem

    def reap(self) -> str:
        """Wait for the process to exit, ending it if it does not."""
        self.process.join(STOP_TIMEOUT)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(5)
            return f"{self.label} did not stop within {STOP_TIMEOUT:.0f} s"
        return ""


class Pool:
    """The copies of one application (``spec``), started on first use."""

    def __init__(self, spec: AppSpec, replication: Replication,
                 owner: Callable[[], object | None] | None = None) -> None:
        self.spec = spec
        self.replication = replication
        self.owner = owner  # the application object a factory pool was made for
        self.copies: list[Copy] = []
        self.broken: str | None = None
        self._replaced: list[Copy] = []  # stopped by a restart, maybe still exiting
        self._lock = threading.RLock()

    @property
    def size(self) -> int:
        return self.replication.options.replicas

    def alive(self) -> bool:
        """False once the application object a factory-built pool serves is gone."""
        return self.owner is None or self.owner() is not None

    def request(self, payload: Any, method: str, target: str) -> Reply:
        """Send one request to the chosen copy and record it for the current test."""
        with self._lock:
            copy, record = self._choose(method, target)
            try:
                reply = copy.call(payload)
            except ReplicaError as exc:
                # dead, or late with a reply that would answer the next request: either way
                # this pool's copies cannot be trusted any more
                self.broken = str(exc)
                copy.process.terminate()
                raise
        record.status, record.endpoint = reply.status, reply.endpoint
        reply.where = f"{copy.label} of {self.spec.label()}"
        if reply.output:
            sys.stdout.write(reply.output)
        if reply.errors:
            sys.stderr.write(reply.errors)
        return reply

    def lease(self, method: str, target: str) -> tuple[Copy, RequestRecord]:
        """Choose a copy for a request the client sends itself (aiohttp's, over TCP);
        the caller sets the record's status."""
        with self._lock:
            return self._choose(method, target)

    def _choose(self, method: str, target: str) -> tuple[Copy, RequestRecord]:
        """The copy for the next request, started or restarted if need be; the request is
        recorded first, so that a copy that fails to start shows in the test's record."""
        index = self.replication.route(self)
        generation = self.copies[index].generation if self.copies else 0
        record = self.replication.record_request(self, index, generation, method, target)
        if self.broken is not None:
            raise ReplicaError(self.broken)
        if not self.copies:
            self.copies = [self._start(number, 0) for number in range(self.size)]
            for copy in self.copies:
                self._ready(copy)
        copy = self.copies[index]
        restart = self.replication.options.restart
        if restart and copy.served >= restart:
            copy = self._restart(copy)
            record.generation = copy.generation
        copy.served += 1
        return copy, record

    def _start(self, index: int, generation: int) -> Copy:
        self.replication.copies_started += 1
        return Copy(self.spec, index, generation)

    def _ready(self, copy: Copy) -> None:
        try:
            copy.ready()
        except ReplicaError as exc:
            self.broken = str(exc)
            raise

    def _restart(self, copy: Copy) -> Copy:
        copy.request_stop()
        problem = copy.finish_stop(wait_for_exit=False)
        self._replaced.append(copy)
        if problem:
            sys.stderr.write(f"{copy.label} of {self.spec.label()}: shutdown failed:\n{problem}\n")
        fresh = self._start(copy.index, copy.generation + 1)
        self.copies[copy.index] = fresh
        self._ready(fresh)
        return fresh

    def close(self) -> list[str]:
        """Stop every copy (all asked first, then awaited); the shutdown problems."""
        with self._lock:
            copies, self.copies = self.copies, []
            for copy in copies:
                copy.request_stop()
            problems = [copy.finish_stop() for copy in copies]
            problems += [copy.reap() for copy in self._replaced]
            self._replaced.clear()
        return [f"{self.spec.label()}: {p}" for p in problems if p]
