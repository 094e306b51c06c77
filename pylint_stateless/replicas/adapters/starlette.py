"""Starlette's and FastAPI's ``TestClient``: its transport's application is replaced by
:class:`..asgi.ReplicatedASGI` on the first request (``TestClient.__enter__`` runs the
lifespan of the local application, through the client's own reference to it)."""

from __future__ import annotations

import types
from typing import Any

from pylint_stateless.replicas.apps import watch_constructor
from pylint_stateless.replicas.asgi import ReplicatedASGI
from pylint_stateless.replicas.patching import Patcher
from pylint_stateless.replicas.session import Replication


def patch_test_client(module: types.ModuleType, replication: Replication,
                      patcher: Patcher) -> None:
    transport = module._TestClientTransport  # pylint: disable=protected-access
    original = transport.handle_request

    def handle_request(self: Any, request: Any) -> Any:
        if not isinstance(self.app, ReplicatedASGI):
            self.app = ReplicatedASGI(self.app, replication, "TestClient")
        return original(self, request)

    patcher.replace(transport, "handle_request", handle_request)


def watch_application(module: types.ModuleType, _: Replication,
                      patcher: Patcher) -> None:
    watch_constructor(module.Starlette, patcher)


def watch_fastapi(module: types.ModuleType, _: Replication,
                  patcher: Patcher) -> None:
    watch_constructor(module.FastAPI, patcher)  # FastAPI.__init__ does not call Starlette's
