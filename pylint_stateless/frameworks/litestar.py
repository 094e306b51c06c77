"""Litestar: handler decorators, controllers (one instance per application), ``app.state``."""

from __future__ import annotations

from pylint_stateless.frameworks.base import EntryClass, Framework, Lifetime, Role

_DECORATORS = ("get", "post", "put", "patch", "delete", "head", "route")
_WEBSOCKET = ("websocket", "websocket_listener", "websocket_stream")

FRAMEWORK = Framework(
    name="litestar",
    packages=frozenset({"litestar"}),
    app_classes=frozenset({"litestar.Litestar", "litestar.app.Litestar"}),
    decorator_functions={
        **{f"litestar.{name}": Role.ROUTE for name in _DECORATORS},
        **{f"litestar.handlers.{name}": Role.ROUTE for name in _DECORATORS},
        **{f"litestar.handlers.http_handlers.decorators.{name}": Role.ROUTE
           for name in _DECORATORS},
        "litestar.handlers.http_handlers.base.HTTPRouteHandler": Role.ROUTE,
        **{f"litestar.{name}": Role.WEBSOCKET for name in _WEBSOCKET},
        **{f"litestar.handlers.{name}": Role.WEBSOCKET for name in _WEBSOCKET},
        "litestar.handlers.websocket_handlers.route_handler.WebsocketRouteHandler": Role.WEBSOCKET,
    },
    entry_classes={
        # A controller is instantiated once, when the application registers it.
        "litestar.Controller": EntryClass(Role.ROUTE, Lifetime.SHARED),
        "litestar.controller.Controller": EntryClass(Role.ROUTE, Lifetime.SHARED),
    },
    startup_keywords=frozenset({"on_startup", "lifespan"}),
    app_objects=frozenset({"app"}),
    app_state_attributes=frozenset({"state"}),
)
