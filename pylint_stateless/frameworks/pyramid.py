"""Pyramid: ``@view_config`` and ``config.add_view``; view classes are built per request."""

from __future__ import annotations

from pylint_stateless.frameworks.base import Framework, Registration, Role

FRAMEWORK = Framework(
    name="pyramid",
    packages=frozenset({"pyramid"}),
    app_classes=frozenset({"pyramid.config.Configurator"}),
    registration_methods={"add_view": Registration(Role.VIEW, 0, "view")},
    decorator_functions={
        "pyramid.view.view_config": Role.VIEW,
        "pyramid.view.view_defaults": Role.VIEW,
        "pyramid.view.notfound_view_config": Role.ERROR_HANDLER,
        "pyramid.view.exception_view_config": Role.ERROR_HANDLER,
        "pyramid.view.forbidden_view_config": Role.ERROR_HANDLER,
    },
)
