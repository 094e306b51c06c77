"""One module per test client: what to replace in it, and (for Django and aiohttp) the
server a copy runs.

:data:`PATCHES` maps the module that defines a client (or an application class whose
construction is watched, see :func:`..apps.watch_constructor`) to the function that
patches it; :func:`install` applies them when those modules are imported, never before.
"""

from __future__ import annotations

import importlib
import types
from collections.abc import Callable
from functools import partial

from pylint_stateless.replicas.patching import ImportPatches, Patcher
from pylint_stateless.replicas.session import Replication

_HERE = __name__

# module patched -> "adapter module:function"
PATCHES: dict[str, list[str]] = {
    "starlette.testclient": ["starlette:patch_test_client"],
    "httpx": ["httpx:patch_asgi_transport"],
    "werkzeug.test": ["flask:patch_test_client"],
    "quart.testing.connections": ["quart:patch_connections"],
    "django.test.client": ["django:patch_client_handler"],
    "aiohttp.test_utils": ["aiohttp:patch_test_client"],
    # application classes: remember the factory that builds each instance
    "starlette.applications": ["starlette:watch_application"],
    "fastapi.applications": ["starlette:watch_fastapi"],
    "flask.sansio.app": ["flask:watch_application"],
    "aiohttp.web_app": ["aiohttp:watch_application"],
}


def _resolve(target: str) -> Callable[..., None]:
    module, _, name = target.partition(":")
    function: Callable[..., None] = getattr(importlib.import_module(f"{_HERE}.{module}"), name)
    return function


def install(replication: Replication, patcher: Patcher) -> ImportPatches:
    """Patch the clients now if imported, else when imported; undone by ``patcher``."""

    def apply(targets: list[str], module: types.ModuleType) -> None:
        for target in targets:
            _resolve(target)(module, replication, patcher)

    hook = ImportPatches({name: [partial(apply, targets)] for name, targets in PATCHES.items()})
    hook.install()
    return hook
