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
        # sets ``init_every_request = False`` (handled by the discovery).
        **dict.fromkeys(
            ("flask.views.View", "flask.views.MethodView", "quart.views.View",
             "quart.views.MethodView", "flask_restful.Resource", "flask_restx.Resource"),
            EntryClass(
                Role.VIEW, Lifetime.PER_REQUEST, frozenset({*HTTP_VERBS, "dispatch_request"})
            ),
        ),
    },
)
