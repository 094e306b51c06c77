"""Falcon: resources registered as instances (shared by every request), hooks."""

from __future__ import annotations

from pylint_stateless.frameworks.base import Framework, Registration, Role

FRAMEWORK = Framework(
    name="falcon",
    packages=frozenset({"falcon"}),
    app_classes=frozenset(
        {"falcon.App", "falcon.app.App", "falcon.asgi.App", "falcon.asgi.app.App", "falcon.API"}
    ),
    registration_methods={
        # ``app.add_route("/things", ThingsResource())``: the one instance answers every
        # request, through its ``on_get``/``on_post``... responders.
        "add_route": Registration(Role.ROUTE, 1, "resource", resource_methods="on_"),
        "add_sink": Registration(Role.ROUTE, 0, "sink"),
        "add_error_handler": Registration(Role.ERROR_HANDLER, 1, "handler"),
    },
)
