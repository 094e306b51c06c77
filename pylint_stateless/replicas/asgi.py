"""ASGI applications: the stand-in in the test process and the server in a copy.

A test client that drives an ASGI application in-process (Starlette's and FastAPI's
``TestClient``, httpx's ``ASGITransport``, Quart's test client) calls
``app(scope, receive, send)``. The adapters give it :class:`ReplicatedASGI` instead,
which reads the request body, sends the scope and the body to a copy, and replays the
messages the application sent there (``http.response.start``, each
``http.response.body`` chunk, trailers) through the client's ``send``: the client builds
its response, cookies and redirects from them exactly as from the application itself.

In the copy, :class:`ASGIServer` runs the application on one event loop for its whole
life: the lifespan protocol at start and stop (as uvicorn does, an application that
rejects ``lifespan`` is served without it), each request with the lifespan state copied
into its scope.
"""

from __future__ import annotations

import asyncio
import pickle
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pylint_stateless.replicas.endpoints import endpoint_name, rule_endpoint
from pylint_stateless.replicas.wire import Served, picklable

if TYPE_CHECKING:
    from pylint_stateless.replicas.apps import AppSpec
    from pylint_stateless.replicas.session import Replication

Message = dict[str, Any]

# Scope keys that belong to the process that made the scope.
_LOCAL_KEYS = frozenset({"state", "app", "router", "endpoint", "route", "fastapi_astack"})


@dataclass
class ASGIRequest:
    """An HTTP request as an ASGI server receives it: its scope and whole body; and the
    FastAPI ``dependency_overrides`` the test set on its application object (pickled:
    functions travel by their import path, so a copy finds its own), None if none."""

    scope: dict[str, Any]
    body: bytes
    overrides: bytes | None = None


def portable_scope(scope: dict[str, Any]) -> dict[str, Any]:
    """The scope without what only makes sense in this process (the lifespan state, the
    application object) or cannot be pickled."""
    return picklable(scope, lambda key, _value: key in _LOCAL_KEYS)


def request_target(scope: dict[str, Any]) -> str:
    query = scope.get("query_string") or b""
    path = scope.get("path", "")
    return f"{path}?{query.decode('latin-1')}" if query else path


class ReplicatedASGI:
    """Stands in for an ASGI application in a test client: HTTP requests go to a copy;
    WebSocket sessions (noted as not replicated) and lifespan to the local application.
    Other attributes are the application's."""

    def __init__(self, app: Any, replication: Replication, client: str) -> None:
        self.app = app
        self.stateless_replication = replication
        self.stateless_client = client

    def __getattr__(self, name: str) -> Any:
        if name == "app":  # not set yet (copying, unpickling)
            raise AttributeError(name)
        return getattr(self.app, name)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        replication = self.stateless_replication
        if scope["type"] == "websocket" and replication.enabled:
            replication.not_replicated(f"{self.stateless_client}: WebSocket {scope.get('path')}")
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        pool = replication.pool_for("asgi", self.app, self.stateless_client)
        if pool is None:
            await self.app(scope, receive, send)
            return
        try:
            overrides = _overrides(self.app)
        except Exception as exc:  # pylint: disable=broad-exception-caught
            replication.not_replicated(f"{self.stateless_client}: dependency_overrides cannot be "
                                       f"sent to a copy ({exc})")
            await self.app(scope, receive, send)
            return
        body = await read_body(receive)
        reply = pool.request(ASGIRequest(portable_scope(scope), body, overrides),
                             scope.get("method", "GET"), request_target(scope))
        for message in reply.result or ():
            await send(message)
        reply.raise_error()
        return None


def _overrides(app: Any) -> bytes | None:
    """FastAPI's ``dependency_overrides`` of ``app``, pickled, or None if it has none."""
    overrides = getattr(app, "dependency_overrides", None)
    if not overrides or not isinstance(overrides, dict):
        return None
    return pickle.dumps(dict(overrides))


async def read_body(receive: Any) -> bytes:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break  # http.disconnect
        chunks.append(bytes(message.get("body", b"")))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _portable_message(message: Message) -> Message:
    out = dict(message)
    if "body" in out:
        out["body"] = bytes(out["body"])
    if "headers" in out:
        out["headers"] = [(bytes(k), bytes(v)) for k, v in out["headers"]]
    return out


class ASGIServer:
    """Runs an ASGI application in a copy."""

    def __init__(self, spec: AppSpec) -> None:
        self.spec = spec
        self.app: Any = None
        self.loop = asyncio.new_event_loop()
        self.state: dict[str, Any] = {}
        self._to_app: asyncio.Queue[Message] | None = None
        self._from_app: asyncio.Queue[Message] | None = None
        self._lifespan: asyncio.Future[None] | None = None
        self._lifespan_running = False

    def start(self) -> dict[str, Any]:
        asyncio.set_event_loop(self.loop)
        self.app = self.spec.build()
        self.loop.run_until_complete(self._startup())
        return {"lifespan": self._lifespan_running}

    def handle(self, payload: ASGIRequest) -> Served:
        return self.loop.run_until_complete(self._request(payload))

    def stop(self) -> None:
        try:
            if self._lifespan_running:
                self.loop.run_until_complete(self._shutdown())
        finally:
            self._cancel_leftovers()
            self.loop.close()

    async def _startup(self) -> None:
        self._to_app, self._from_app = asyncio.Queue(), asyncio.Queue()
        scope = {"type": "lifespan", "asgi": {"version": "3.0", "spec_version": "2.0"},
                 "state": self.state}
        self._lifespan = asyncio.ensure_future(self._run_lifespan(scope))
        await self._to_app.put({"type": "lifespan.startup"})
        message = await self._from_app.get()
        if message["type"] == "lifespan.startup.failed":
            raise RuntimeError(f"lifespan startup failed: {message.get('message', '')}")
        # "lifespan.returned": the application does not speak lifespan; serve it without.
        self._lifespan_running = message["type"] == "lifespan.startup.complete"

    async def _run_lifespan(self, scope: dict[str, Any]) -> None:
        assert self._to_app is not None and self._from_app is not None
        try:
            await self.app(scope, self._to_app.get, self._from_app.put)
        except Exception:  # pylint: disable=broad-exception-caught
            pass  # reported through lifespan.*.failed, or lifespan unsupported
        finally:
            await self._from_app.put({"type": "lifespan.returned"})

    async def _shutdown(self) -> None:
        assert self._to_app is not None and self._from_app is not None
        await self._to_app.put({"type": "lifespan.shutdown"})
        message = await self._from_app.get()
        if message["type"] == "lifespan.shutdown.failed":
            raise RuntimeError(f"lifespan shutdown failed: {message.get('message', '')}")

    def _cancel_leftovers(self) -> None:
        tasks = [t for t in asyncio.all_tasks(self.loop) if not t.done()]
        for task in tasks:
            task.cancel()
        if tasks:
            self.loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))

    async def _request(self, request: ASGIRequest) -> Served:
        overrides = getattr(self.app, "dependency_overrides", None)
        if isinstance(overrides, dict):  # as the test process has them for this request
            overrides.clear()
            if request.overrides is not None:
                overrides.update(pickle.loads(request.overrides))
        scope = dict(request.scope)
        scope["state"] = dict(self.state)  # a copy per request, as servers do
        if "_quart._preserve_context" in scope:
            scope["_quart._preserve_context"] = False  # Quart's test contexts stay local
        messages: list[Message] = []
        complete = asyncio.Event()
        received = False

        async def receive() -> Message:
            nonlocal received
            if not received:
                received = True
                return {"type": "http.request", "body": request.body, "more_body": False}
            await complete.wait()
            return {"type": "http.disconnect"}

        async def send(message: Message) -> None:
            if message["type"] == "http.response.debug":
                return  # Starlette's template and context objects: of this process only
            messages.append(_portable_message(message))
            if (message["type"] == "http.response.body" and not message.get("more_body", False)
                    or message["type"] == "http.response.trailers"
                    and not message.get("more_trailers", False)):
                complete.set()

        error: BaseException | None = None
        try:
            await self.app(scope, receive, send)
        except (Exception, asyncio.CancelledError) as exc:  # pylint: disable=broad-exception-caught
            error = exc
        finally:
            complete.set()
        status = next((m["status"] for m in messages if m["type"] == "http.response.start"), None)
        server = scope.get("server") or ("localhost", None)
        endpoint = (endpoint_name(scope["endpoint"]) if scope.get("endpoint") is not None
                    else rule_endpoint(self.app, scope.get("path", "/"), scope.get("method", "GET"),
                                       server[0]))
        return Served(messages, status, endpoint, error)
