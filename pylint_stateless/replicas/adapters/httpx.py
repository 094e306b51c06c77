"""httpx's ``ASGITransport`` (``httpx.AsyncClient(transport=ASGITransport(app))``); its
``WSGITransport`` is not replicated, and reported."""

from __future__ import annotations

import types
from typing import Any

from pylint_stateless.replicas.asgi import ReplicatedASGI
from pylint_stateless.replicas.patching import Patcher
from pylint_stateless.replicas.session import Replication


def patch_asgi_transport(module: types.ModuleType, replication: Replication,
                         patcher: Patcher) -> None:
    """Send the ASGI transport's requests to the copies of its application."""
    transport = module.ASGITransport
    original = transport.handle_async_request

    async def handle_async_request(self: Any, request: Any) -> Any:
        if not isinstance(self.app, ReplicatedASGI):
            self.app = ReplicatedASGI(self.app, replication, "httpx.ASGITransport")
        return await original(self, request)

    patcher.replace(transport, "handle_async_request", handle_async_request)
    wsgi = module.WSGITransport
    original_wsgi = wsgi.handle_request

    def handle_request(self: Any, request: Any) -> Any:
        if replication.enabled:
            replication.not_replicated("httpx.WSGITransport: not supported, served by the test "
                                       "process")
        return original_wsgi(self, request)

    patcher.replace(wsgi, "handle_request", handle_request)
