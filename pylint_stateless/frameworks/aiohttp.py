"""aiohttp: route tables, router methods, class-based views, middleware, app-scoped state."""

from __future__ import annotations

from pylint_stateless.frameworks.base import (
    HTTP_VERBS,
    EntryClass,
    Framework,
    Lifetime,
    Registration,
    Role,
)

_ROUTE_DEF = Registration(Role.ROUTE, 1, "handler")

FRAMEWORK = Framework(
    name="aiohttp",
    packages=frozenset({"aiohttp"}),
    app_classes=frozenset(
        {
            "aiohttp.web.RouteTableDef",
            "aiohttp.web_routedef.RouteTableDef",
            "aiohttp.web.Application",
            "aiohttp.web_app.Application",
            "aiohttp.web_urldispatcher.UrlDispatcher",
        }
    ),
    decorator_methods={
        **dict.fromkeys(HTTP_VERBS, Role.ROUTE),
        "route": Role.ROUTE,
        "view": Role.ROUTE,
    },
    registration_methods={
        **{f"add_{verb}": Registration(Role.ROUTE, 1, "handler") for verb in HTTP_VERBS},
        "add_route": Registration(Role.ROUTE, 2, "handler"),
        "add_view": Registration(Role.ROUTE, 1, "handler"),
    },
    registration_callables={
        **{f"aiohttp.web.{verb}": _ROUTE_DEF for verb in (*HTTP_VERBS, "view")},
        **{f"aiohttp.web_routedef.{verb}": _ROUTE_DEF for verb in (*HTTP_VERBS, "view")},
        "aiohttp.web.route": Registration(Role.ROUTE, 2, "handler"),
        "aiohttp.web_routedef.route": Registration(Role.ROUTE, 2, "handler"),
    },
    decorator_functions={
        "aiohttp.web.middleware": Role.MIDDLEWARE,
        "aiohttp.web_middlewares.middleware": Role.MIDDLEWARE,
    },
    entry_classes={
        # aiohttp creates a View instance for every request.
        "aiohttp.web.View": EntryClass(Role.VIEW, Lifetime.PER_REQUEST),
        "aiohttp.web_urldispatcher.View": EntryClass(Role.VIEW, Lifetime.PER_REQUEST),
    },
    hook_lists={"on_startup": Role.STARTUP, "cleanup_ctx": Role.STARTUP},
    app_objects=frozenset({"app", "config_dict"}),
    connection_types=frozenset(
        {"aiohttp.web_ws.WebSocketResponse", "aiohttp.web.WebSocketResponse"}
    ),
    # aiohttp's HTTP client: one session per process is the recommended use.
    resource_types=frozenset({"aiohttp.client.ClientSession", "aiohttp.ClientSession"}),
    resource_calls=frozenset({"aiohttp.ClientSession"}),
    client_keys=(r"request\.remote\b",),
)
