"""FastAPI and Starlette: route decorators, route tables, endpoints, middleware, dependencies."""

from __future__ import annotations

from pylint_stateless.frameworks.base import (
    HTTP_VERBS,
    Deferral,
    EntryClass,
    Framework,
    Lifetime,
    Registration,
    Role,
)

_ROUTE = Registration(Role.ROUTE, 1, "endpoint")
_TEMPLATES = frozenset(
    {"starlette.templating.Jinja2Templates", "fastapi.templating.Jinja2Templates"}
)

FRAMEWORK = Framework(
    name="starlette",
    aliases=("fastapi",),
    packages=frozenset({"fastapi", "starlette"}),
    app_classes=frozenset(
        {
            "fastapi.FastAPI",
            "fastapi.applications.FastAPI",
            "fastapi.APIRouter",
            "fastapi.routing.APIRouter",
            "starlette.applications.Starlette",
            "starlette.routing.Router",
        }
    ),
    decorator_methods={
        **dict.fromkeys(HTTP_VERBS, Role.ROUTE),
        "api_route": Role.ROUTE,
        "route": Role.ROUTE,
        "websocket": Role.WEBSOCKET,
        "websocket_route": Role.WEBSOCKET,
        "middleware": Role.MIDDLEWARE,
        "exception_handler": Role.ERROR_HANDLER,
    },
    registration_methods={
        "add_api_route": _ROUTE,
        "add_route": Registration(Role.ROUTE, 1, "route"),
        "add_api_websocket_route": Registration(Role.WEBSOCKET, 1, "endpoint"),
        "add_websocket_route": Registration(Role.WEBSOCKET, 1, "route"),
        "add_exception_handler": Registration(Role.ERROR_HANDLER, 1, "handler"),
        "add_middleware": Registration(Role.MIDDLEWARE, 0, "middleware_class"),
    },
    registration_callables={
        "starlette.routing.Route": _ROUTE,
        "starlette.routing.WebSocketRoute": Registration(Role.WEBSOCKET, 1, "endpoint"),
        "fastapi.routing.APIRoute": _ROUTE,
        "fastapi.routing.APIWebSocketRoute": Registration(Role.WEBSOCKET, 1, "endpoint"),
        "starlette.middleware.Middleware": Registration(Role.MIDDLEWARE, 0, "cls"),
        "fastapi.Depends": Registration(Role.DEPENDENCY, 0, "dependency"),
        "fastapi.Security": Registration(Role.DEPENDENCY, 0, "dependency"),
        "fastapi.param_functions.Depends": Registration(Role.DEPENDENCY, 0, "dependency"),
        "fastapi.param_functions.Security": Registration(Role.DEPENDENCY, 0, "dependency"),
    },
    entry_classes={
        # Starlette builds one endpoint instance per request.
        "starlette.endpoints.HTTPEndpoint": EntryClass(
            Role.ROUTE, Lifetime.PER_REQUEST, frozenset({*HTTP_VERBS, "dispatch"})
        ),
        "starlette.endpoints.WebSocketEndpoint": EntryClass(
            Role.WEBSOCKET,
            Lifetime.PER_REQUEST,
            frozenset({"on_connect", "on_receive", "on_disconnect", "dispatch"}),
        ),
        # One middleware instance wraps the app for the life of the process.
        "starlette.middleware.base.BaseHTTPMiddleware": EntryClass(
            Role.MIDDLEWARE, Lifetime.SHARED, frozenset({"dispatch"})
        ),
    },
    startup_event_methods={
        "on_event": frozenset({"startup"}),
        "add_event_handler": frozenset({"startup"}),
    },
    startup_keywords=frozenset({"lifespan", "on_startup"}),
    app_objects=frozenset({"app"}),
    app_state_attributes=frozenset({"state", "dependency_overrides"}),
    error_handlers_by_shape=True,
    connection_types=frozenset(
        {"starlette.websockets.WebSocket", "fastapi.WebSocket", "fastapi.websockets.WebSocket"}
    ),
    resource_types=_TEMPLATES,
    resource_calls=_TEMPLATES,
    # ``BackgroundTasks.add_task(fn, *args)`` and ``BackgroundTask(fn, *args)`` run ``fn``
    # after the response, in this process.
    deferring_calls={"add_task": Deferral(0, 1), "BackgroundTask": Deferral(0, 1)},
    client_keys=(r"client\.host",),
    dependency_markers=frozenset(
        {"fastapi.Depends", "fastapi.Security", "fastapi.param_functions.Depends",
         "fastapi.param_functions.Security"}
    ),
)
