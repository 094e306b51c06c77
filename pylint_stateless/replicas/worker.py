"""The loop a copy runs: build the application, start it, serve requests, stop it.

:func:`main` is the target of the ``spawn``-ed process, so the application is imported
anew in it: nothing of the test process's memory is shared. The server for the kind of
application (:data:`SERVERS`) starts it as a server would (ASGI lifespan, aiohttp's
startup and cleanup signals, Django's setup) and stops it on ``("stop", None)``, or when
the test process goes away.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import traceback
from multiprocessing.connection import Connection
from typing import Any, Protocol

from pylint_stateless.replicas.apps import AppSpec
from pylint_stateless.replicas.wire import RemoteError, Reply, Served

SERVERS = {
    "asgi": "pylint_stateless.replicas.asgi:ASGIServer",
    "wsgi": "pylint_stateless.replicas.wsgi:WSGIServer",
    "django": "pylint_stateless.replicas.adapters.django:DjangoServer",
    "aiohttp": "pylint_stateless.replicas.adapters.aiohttp:AiohttpServer",
}


class Server(Protocol):
    """The copy's half of a kind of application."""

    def start(self) -> dict[str, Any]:
        """Start the application (startup hooks); what the test process needs to know."""

    def handle(self, payload: Any) -> Served:
        """Serve one request."""

    def stop(self) -> None:
        """Stop the application (shutdown hooks)."""


def make_server(spec: AppSpec) -> Server:
    module, _, name = SERVERS[spec.kind].partition(":")
    server_class = getattr(importlib.import_module(module), name)
    server: Server = server_class(spec)
    return server


def main(conn: Connection, spec: AppSpec) -> None:
    """Serve ``spec``'s application over ``conn`` until told to stop."""
    try:
        server = make_server(spec)
        info = server.start()
    except BaseException:  # pylint: disable=broad-exception-caught
        conn.send(("failed", traceback.format_exc()))
        conn.close()
        return
    conn.send(("ready", info))
    try:
        while True:
            try:
                kind, payload = conn.recv()
            except (EOFError, OSError):
                return  # the test process is gone
            if kind == "stop":
                break
            reply = _serve(server, payload)
            try:
                conn.send(("reply", reply))
            except Exception as exc:  # pylint: disable=broad-exception-caught
                # the response did not pickle (nothing was sent): say so instead
                conn.send(("reply", Reply(None, reply.status, reply.endpoint, RemoteError.of(exc))))
    finally:
        problem = ""
        try:
            server.stop()
        except BaseException:  # pylint: disable=broad-exception-caught
            problem = traceback.format_exc()
        with contextlib.suppress(OSError, EOFError):
            conn.send(("stopped", problem))
            conn.close()


def _serve(server: Server, payload: Any) -> Reply:
    """One request, with what the application prints meanwhile sent back to the test
    process (where pytest captures it with the test's output)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            served = server.handle(payload)
        except BaseException as exc:  # pylint: disable=broad-exception-caught
            served = Served(None, error=exc)
    error = RemoteError.of(served.error) if served.error is not None else None
    return Reply(served.result, served.status, served.endpoint, error, out.getvalue(),
                 err.getvalue())
