"""Flask and Quart: route decorators, request hooks, ``add_url_rule``, class-based views."""

from __future__ import annotations

from pylint_stateless.frameworks.base import (
    HTTP_VERBS,
    EntryClass,
    Framework,
    Lifetime,
    Registration,
    Role,
)

FRAMEWORK = Framework(
    name="flask",
    aliases=("quart",),
    packages=frozenset(
        {"flask", "quart", "werkzeug", "flask_restful", "flask_restx", "flask_sock",
         "simple_websocket", "flask_sqlalchemy"}
    ),
    app_classes=frozenset(
        {
            "flask.Flask",
            "flask.app.Flask",
            "flask.Blueprint",
            "flask.blueprints.Blueprint",
            "flask.sansio.scaffold.Scaffold",
            "quart.Quart",
            "quart.app.Quart",
            "quart.Blueprint",
            "quart.blueprints.Blueprint",
        }
    ),
    decorator_methods={
        **dict.fromkeys(("get", "post", "put", "patch", "delete"), Role.ROUTE),
        "route": Role.ROUTE,
        "websocket": Role.WEBSOCKET,
        "errorhandler": Role.ERROR_HANDLER,
        "app_errorhandler": Role.ERROR_HANDLER,
    },
    bare_decorator_methods={
        "before_request": Role.HOOK,
        "after_request": Role.HOOK,
        "teardown_request": Role.HOOK,
        "before_app_request": Role.HOOK,
        "after_app_request": Role.HOOK,
        "teardown_app_request": Role.HOOK,
        "teardown_appcontext": Role.HOOK,
        "context_processor": Role.HOOK,
        "app_context_processor": Role.HOOK,
        "url_value_preprocessor": Role.HOOK,
        "before_websocket": Role.HOOK,
        "after_websocket": Role.HOOK,
        "before_serving": Role.STARTUP,
    },
    registration_methods={
        "add_url_rule": Registration(Role.ROUTE, 2, "view_func"),
        "add_websocket": Registration(Role.WEBSOCKET, 2, "view_func"),
        "register_error_handler": Registration(Role.ERROR_HANDLER, 1, "f"),
        "before_request": Registration(Role.HOOK, 0, "f"),
        "after_request": Registration(Role.HOOK, 0, "f"),
        "teardown_request": Registration(Role.HOOK, 0, "f"),
    },
    app_objects=frozenset({"current_app", "app"}),
    app_state_attributes=frozenset({"config", "extensions"}),
    entry_classes={
        # ``View.as_view`` builds a new instance for every request unless the class
        # sets ``init_every_request = False``.
        **dict.fromkeys(
            ("flask.views.View", "flask.views.MethodView", "quart.views.View",
             "quart.views.MethodView", "flask_restful.Resource", "flask_restx.Resource"),
            EntryClass(
                Role.VIEW, Lifetime.PER_REQUEST, frozenset({*HTTP_VERBS, "dispatch_request"}),
                shared_if_false="init_every_request",
            ),
        ),
    },
    error_handlers_by_shape=True,
    middleware_attributes=frozenset({"wsgi_app", "asgi_app"}),
    app_globals=frozenset({"flask.current_app", "quart.current_app"}),
    connection_types=frozenset(
        {"quart.wrappers.websocket.Websocket", "simple_websocket.ws.Server", "flask_sock.Sock"}
    ),
    resource_types=frozenset(
        {"flask_sqlalchemy.SQLAlchemy", "flask_sqlalchemy.extension.SQLAlchemy"}
    ),
    client_keys=(r"remote_addr",),
)
