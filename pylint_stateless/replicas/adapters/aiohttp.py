"""aiohttp's ``TestClient`` (``TestClient(TestServer(app))``): a real HTTP client against
a real server. Each copy runs the application behind its own server on a free local port
(``AppRunner``: startup, shutdown and cleanup signals run as in production), and the
client's requests are sent to the chosen copy's address instead of the local test
server's; the client's cookie jar is keyed by host, not port, so cookies follow. A
redirect is followed by the client to the copy that sent it. WebSocket connections stay
local and are noted as not replicated.
"""

from __future__ import annotations

import asyncio
import inspect
import socket
import threading
import types
from typing import Any

from pylint_stateless.replicas.apps import AppSpec, watch_constructor
from pylint_stateless.replicas.patching import Patcher
from pylint_stateless.replicas.session import Replication
from pylint_stateless.replicas.wire import Served

STOP_TIMEOUT = 30.0


def patch_test_client(module: types.ModuleType, replication: Replication,
                      patcher: Patcher) -> None:
    """Send the test client's requests to the copies of its application."""
    client_class = module.TestClient
    original_request = client_class._request  # pylint: disable=protected-access
    original_ws = client_class._ws_connect  # pylint: disable=protected-access

    async def _request(self: Any, method: str, path: Any, **kwargs: Any) -> Any:
        from yarl import URL  # pylint: disable=import-outside-toplevel

        app = self.app
        pool = None if app is None else replication.pool_for("aiohttp", app, "aiohttp TestClient")
        url = URL(path)
        if pool is None or url.absolute:
            return await original_request(self, method, path, **kwargs)
        copy, record = pool.lease(method, str(path))
        base = URL(f"http://127.0.0.1:{copy.ready()['port']}")
        response = await self._session.request(method, base.join(url), **kwargs)  # pylint: disable=protected-access
        record.status = response.status
        self._responses.append(response)  # pylint: disable=protected-access
        return response

    async def _ws_connect(self: Any, path: Any, *args: Any, **kwargs: Any) -> Any:
        if replication.enabled:
            replication.not_replicated(f"aiohttp TestClient: WebSocket {path}")
        return await original_ws(self, path, *args, **kwargs)

    patcher.replace(client_class, "_request", _request)
    patcher.replace(client_class, "_ws_connect", _ws_connect)


def watch_application(module: types.ModuleType, _: Replication,
                      patcher: Patcher) -> None:
    watch_constructor(module.Application, patcher)


class AiohttpServer:
    """Serves the application on a free local port, from an event loop in a thread (the
    copy's main thread waits for the stop message)."""

    def __init__(self, spec: AppSpec) -> None:
        self.spec = spec
        self.loop = asyncio.new_event_loop()
        self.runner: Any = None
        self.thread: threading.Thread | None = None

    def start(self) -> dict[str, Any]:
        """Build the application and run its startup hooks, in this copy."""
        from aiohttp import web  # pylint: disable=import-outside-toplevel

        asyncio.set_event_loop(self.loop)
        app = self.spec.build()
        if inspect.isawaitable(app):  # an async application factory
            app = self.loop.run_until_complete(app)
        self.runner = web.AppRunner(app, handle_signals=False, access_log=None)
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]

        async def serve() -> None:
            await self.runner.setup()
            await web.SockSite(self.runner, sock).start()

        self.loop.run_until_complete(serve())
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        return {"port": port}

    def handle(self, payload: Any) -> Served:
        raise RuntimeError("an aiohttp copy is reached over HTTP, not through the pipe")

    def stop(self) -> None:
        try:
            asyncio.run_coroutine_threadsafe(self.runner.cleanup(), self.loop).result(STOP_TIMEOUT)
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            if self.thread is not None:
                self.thread.join(STOP_TIMEOUT)
