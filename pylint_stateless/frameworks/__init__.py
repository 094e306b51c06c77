"""Framework knowledge, one module per framework family.

To support a new framework, add a module here that defines ``FRAMEWORK`` (a
:class:`~pylint_stateless.frameworks.base.Framework`) and list it in ``FRAMEWORKS``;
``docs/frameworks.md`` says what each table field means.
"""

from __future__ import annotations

from pylint_stateless.frameworks import (
    aiohttp,
    bentoml,
    blacksheep,
    bottle,
    channels,
    connexion,
    django,
    falcon,
    flask,
    gradio,
    grpc,
    litestar,
    mcp,
    ninja,
    pyramid,
    ray_serve,
    robyn,
    sanic,
    serverless,
    slack_bolt,
    socketio,
    starlette,
    streamlit,
    tasks,
    tornado,
)
from pylint_stateless.frameworks.base import (
    EntryClass,
    Framework,
    Lifetime,
    Registration,
    Role,
)

FRAMEWORKS: tuple[Framework, ...] = (
    starlette.FRAMEWORK,
    flask.FRAMEWORK,
    django.FRAMEWORK,
    ninja.FRAMEWORK,
    channels.FRAMEWORK,
    aiohttp.FRAMEWORK,
    tornado.FRAMEWORK,
    sanic.FRAMEWORK,
    litestar.FRAMEWORK,
    blacksheep.FRAMEWORK,
    robyn.FRAMEWORK,
    connexion.FRAMEWORK,
    falcon.FRAMEWORK,
    bottle.FRAMEWORK,
    pyramid.FRAMEWORK,
    socketio.FRAMEWORK,
    grpc.FRAMEWORK,
    tasks.FRAMEWORK,
    ray_serve.FRAMEWORK,
    bentoml.FRAMEWORK,
    serverless.FRAMEWORK,
    slack_bolt.FRAMEWORK,
    mcp.FRAMEWORK,
    gradio.FRAMEWORK,
    streamlit.FRAMEWORK,
)
FRAMEWORK_NAMES: tuple[str, ...] = tuple(fw.name for fw in FRAMEWORKS)
#: Every other name a table is known by (``fastapi``, ``quart``, ``drf``...) -> its name.
FRAMEWORK_ALIASES: dict[str, str] = {
    alias: fw.name for fw in FRAMEWORKS for alias in fw.aliases
}

__all__ = [
    "FRAMEWORK_ALIASES",
    "FRAMEWORKS",
    "FRAMEWORK_NAMES",
    "EntryClass",
    "Framework",
    "Lifetime",
    "Registration",
    "Role",
]
