"""Bottle: module-level route decorators and app methods."""

from __future__ import annotations

from pylint_stateless.frameworks.base import Framework, Registration, Role

_VERBS = ("route", "get", "post", "put", "patch", "delete")

FRAMEWORK = Framework(
    name="bottle",
    packages=frozenset({"bottle"}),
    app_classes=frozenset({"bottle.Bottle"}),
    decorator_methods={**dict.fromkeys(_VERBS, Role.ROUTE), "error": Role.ERROR_HANDLER},
    bare_decorator_methods={"hook": Role.HOOK},
    decorator_functions={f"bottle.{verb}": Role.ROUTE for verb in _VERBS},
    registration_methods={"add_route": Registration(Role.ROUTE, 0, "route")},
)
