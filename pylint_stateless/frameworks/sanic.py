"""Sanic: route decorators on apps and blueprints, listeners, class-based views, ``app.ctx``."""

from __future__ import annotations

from pylint_stateless.frameworks.base import (
    HTTP_VERBS,
    EntryClass,
    Framework,
    Lifetime,
    Registration,
    Role,
)

_SERVER_START = frozenset(
    {"before_server_start", "after_server_start", "main_process_start", "main_process_ready",
     "reload_process_start"}
)

FRAMEWORK = Framework(
    name="sanic",
    packages=frozenset({"sanic"}),
    app_classes=frozenset(
        {"sanic.Sanic", "sanic.app.Sanic", "sanic.Blueprint", "sanic.blueprints.Blueprint"}
    ),
    decorator_methods={
        **dict.fromkeys(HTTP_VERBS, Role.ROUTE),
        "route": Role.ROUTE,
        "websocket": Role.WEBSOCKET,
        "middleware": Role.MIDDLEWARE,
        "exception": Role.ERROR_HANDLER,
    },
    bare_decorator_methods={
        "middleware": Role.MIDDLEWARE,
        "on_request": Role.MIDDLEWARE,
        "on_response": Role.MIDDLEWARE,
        **dict.fromkeys(_SERVER_START, Role.STARTUP),
    },
    registration_methods={"add_route": Registration(Role.ROUTE, 0, "handler")},
    entry_classes={
        # ``HTTPMethodView.as_view`` creates an instance per request.
        "sanic.views.HTTPMethodView": EntryClass(Role.VIEW, Lifetime.PER_REQUEST),
    },
    startup_event_methods={"listener": _SERVER_START},
    app_objects=frozenset({"app"}),
    app_state_attributes=frozenset({"ctx", "config"}),
    app_globals=frozenset({"sanic.Sanic.get_app"}),
)
