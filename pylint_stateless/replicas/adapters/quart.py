"""Quart's ``test_client``: each request opens a ``TestHTTPConnection`` on the
application; the connection is given a :class:`..asgi.ReplicatedASGI` instead (it reads
``response_class`` and the rest through it). WebSocket connections stay local and are
noted as not replicated."""

from __future__ import annotations

import types
from typing import Any

from pylint_stateless.replicas.asgi import ReplicatedASGI
from pylint_stateless.replicas.patching import Patcher
from pylint_stateless.replicas.session import Replication


def patch_connections(module: types.ModuleType, replication: Replication,
                      patcher: Patcher) -> None:
    """Send the test client's HTTP requests to the copies; report its WebSockets."""
    http = module.TestHTTPConnection
    original_http = http.__init__

    def http_init(self: Any, app: Any, *args: Any, **kwargs: Any) -> None:
        original_http(self, ReplicatedASGI(app, replication, "Quart test_client"), *args, **kwargs)

    patcher.replace(http, "__init__", http_init)
    websocket = module.TestWebsocketConnection
    original_websocket = websocket.__init__

    def websocket_init(self: Any, app: Any, scope: Any, *args: Any, **kwargs: Any) -> None:
        if replication.enabled:
            replication.not_replicated(f"Quart test_client: WebSocket {scope.get('path')}")
        original_websocket(self, app, scope, *args, **kwargs)

    patcher.replace(websocket, "__init__", websocket_init)
