"""Flask's ``test_client`` (any werkzeug test ``Client``): its ``run_wsgi_app`` calls a
:class:`..wsgi.ReplicatedWSGI` instead of the application, after the client has added its
cookies to the environ and before it reads the ones the response sets."""

from __future__ import annotations

import types
from typing import Any

from pylint_stateless.replicas.apps import watch_constructor
from pylint_stateless.replicas.patching import Patcher
from pylint_stateless.replicas.session import Replication
from pylint_stateless.replicas.wsgi import ReplicatedWSGI


def patch_test_client(module: types.ModuleType, replication: Replication,
                      patcher: Patcher) -> None:
    """Send the test client's requests to the copies of its application."""
    client = module.Client
    original = client.run_wsgi_app

    def run_wsgi_app(self: Any, environ: dict[str, Any], buffered: bool = False) -> Any:
        local = self.application
        pool = replication.pool_for("wsgi", local, "test_client")
        if pool is None:
            return original(self, environ, buffered)
        self.application = ReplicatedWSGI(pool)
        try:
            return original(self, environ, buffered)
        finally:
            self.application = local

    patcher.replace(client, "run_wsgi_app", run_wsgi_app)


def watch_application(module: types.ModuleType, _: Replication,
                      patcher: Patcher) -> None:
    watch_constructor(module.App, patcher)  # Flask's and Quart's common base
