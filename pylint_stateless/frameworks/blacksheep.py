"""BlackSheep: routes on the application's router and the default routers, controllers,
middleware, start-up events.

``@app.router.get("/")``, ``@router.post(...)`` on a ``Router``, and the module-level
``@get("/")`` (the default router's methods, also those of ``blacksheep.server.controllers``
that controllers use). A controller is registered as a transient service of the
application: a new instance is built for every request, so its ``self`` is private to the
request (its class attributes are not). Middleware (``app.middlewares.append``), the
authentication handlers and authorization requirements (Guardpost's), and the application
are shared by every request.
"""

from __future__ import annotations

from pylint_stateless.frameworks.base import (
    HTTP_VERBS,
    EntryClass,
    Framework,
    Lifetime,
    Registration,
    Role,
)

_VERBS = (*HTTP_VERBS, "connect")
_ROUTING_MODULES = ("blacksheep", "blacksheep.server.routing", "blacksheep.server.controllers")

# Guardpost, BlackSheep's authentication and authorization: ``app.use_authentication()
# .add(Handler())`` and ``Policy("name", Requirement())`` keep one instance for the process.
_AUTHENTICATION = EntryClass(Role.HOOK, Lifetime.SHARED, frozenset({"authenticate"}),
                             label="authentication")
_REQUIREMENT = EntryClass(Role.HOOK, Lifetime.SHARED, frozenset({"handle"}),
                          label="authorization requirement")

FRAMEWORK = Framework(
    name="blacksheep",
    packages=frozenset({"blacksheep", "guardpost"}),
    app_classes=frozenset(
        {
            "blacksheep.Application",
            "blacksheep.server.Application",
            "blacksheep.server.application.Application",
            "blacksheep.Router",
            "blacksheep.server.routing.Router",
            "blacksheep.server.routing.RouterBase",
            "blacksheep.RoutesRegistry",
            "blacksheep.server.routing.RoutesRegistry",
        }
    ),
    decorator_methods={
        **dict.fromkeys(_VERBS, Role.ROUTE),
        "route": Role.ROUTE,
        "ws": Role.WEBSOCKET,
        "exception_handler": Role.ERROR_HANDLER,
    },
    bare_decorator_methods={
        "on_start": Role.STARTUP,
        "after_start": Role.STARTUP,
        "on_middlewares_configuration": Role.STARTUP,
        "lifespan": Role.STARTUP,
    },
    registration_methods={
        **{f"add_{verb}": Registration(Role.ROUTE, 1, "handler") for verb in _VERBS},
        "add_ws": Registration(Role.WEBSOCKET, 1, "handler"),
    },
    decorator_functions={
        **{f"{module}.{verb}": Role.ROUTE for module in _ROUTING_MODULES
           for verb in (*_VERBS, "route")},
        **{f"{module}.ws": Role.WEBSOCKET for module in _ROUTING_MODULES},
    },
    entry_classes={
        **dict.fromkeys(("guardpost.AuthenticationHandler",
                         "guardpost.authentication.AuthenticationHandler"), _AUTHENTICATION),
        **dict.fromkeys(("guardpost.Requirement", "guardpost.authorization.Requirement"),
                        _REQUIREMENT),
    },
    # ``app.middlewares.append(middleware)``: a function, or an instance whose ``__call__``
    # serves every request.
    hook_lists={"middlewares": Role.MIDDLEWARE},
    connection_types=frozenset(
        {"blacksheep.WebSocket", "blacksheep.server.websocket.WebSocket"}
    ),
    # BlackSheep's HTTP client: one per process, like any connection pool.
    resource_types=frozenset({"blacksheep.client.ClientSession",
                              "blacksheep.client.session.ClientSession"}),
    resource_calls=frozenset({"blacksheep.client.ClientSession"}),
)
