"""Django Ninja (and Django Ninja Extra): operation decorators on ``NinjaAPI`` and ``Router``,
authentication, throttle and pagination classes, class-based controllers.

An operation function gets the Django ``request``, private to the request. The API
object, its routers and the authentication, throttle and pagination objects are built
once, at import time, and serve every request: what their methods keep on ``self`` is
shared. Ninja Extra builds a new controller instance for every request
(``injector.create_object`` in its route functions), so a controller's ``self`` is
private to the request.
"""

from __future__ import annotations

from pylint_stateless.frameworks.base import EntryClass, Framework, Lifetime, Registration, Role

_VERBS = ("get", "post", "put", "patch", "delete")
# ``ninja_extra.route.get`` and its aliases ``http_get``..., by the paths they are imported as.
_EXTRA_DECORATORS = (
    *(f"route.{verb}" for verb in (*_VERBS, "generic")),
    *(f"http_{verb}" for verb in (*_VERBS, "generic")),
)
_EXTRA_MODULES = ("ninja_extra", "ninja_extra.controllers", "ninja_extra.controllers.route")

# ``auth=AuthBearer()``: one instance for the process; ``authenticate`` runs per request.
_AUTH = EntryClass(Role.HOOK, Lifetime.SHARED, frozenset({"authenticate", "__call__"}),
                   label="authentication")
_AUTH_CLASSES = (
    "ninja.security.HttpBearer", "ninja.security.http.HttpBearer",
    "ninja.security.HttpBasicAuth", "ninja.security.http.HttpBasicAuth",
    "ninja.security.APIKeyHeader", "ninja.security.apikey.APIKeyHeader",
    "ninja.security.APIKeyQuery", "ninja.security.apikey.APIKeyQuery",
    "ninja.security.APIKeyCookie", "ninja.security.apikey.APIKeyCookie",
    "ninja.security.base.AuthBase", "ninja.security.apikey.APIKeyBase",
    "ninja.security.http.HttpAuthBase",
)

# ``throttle=MyThrottle()`` and ``@paginate(MyPagination)`` also build one instance, at
# import time, that serves every request.
_THROTTLE = EntryClass(Role.HOOK, Lifetime.SHARED, frozenset({"allow_request"}), label="throttle")
_PAGINATION = EntryClass(
    Role.HOOK, Lifetime.SHARED, frozenset({"paginate_queryset", "apaginate_queryset"}),
    label="pagination",
)
_SHARED_CLASSES = {
    **dict.fromkeys(_AUTH_CLASSES, _AUTH),
    **dict.fromkeys(
        ("ninja.throttling.BaseThrottle", "ninja.throttling.SimpleRateThrottle",
         "ninja.throttling.AnonRateThrottle", "ninja.throttling.AuthRateThrottle",
         "ninja.throttling.UserRateThrottle"),
        _THROTTLE,
    ),
    **dict.fromkeys(
        ("ninja.pagination.PaginationBase", "ninja.pagination.AsyncPaginationBase",
         "ninja.pagination.LimitOffsetPagination", "ninja.pagination.PageNumberPagination",
         "ninja.pagination.CursorPagination"),
        _PAGINATION,
    ),
}

FRAMEWORK = Framework(
    name="ninja",
    aliases=("django-ninja", "django_ninja", "ninja_extra", "django-ninja-extra"),
    packages=frozenset({"ninja", "ninja_extra"}),
    app_classes=frozenset(
        {
            "ninja.NinjaAPI",
            "ninja.main.NinjaAPI",
            "ninja.Router",
            "ninja.router.Router",
            "ninja_extra.NinjaExtraAPI",
            "ninja_extra.main.NinjaExtraAPI",
            "ninja_extra.Router",
            "ninja_extra.router.Router",
        }
    ),
    decorator_methods={
        **dict.fromkeys(_VERBS, Role.ROUTE),
        "api_operation": Role.ROUTE,
        "exception_handler": Role.ERROR_HANDLER,
    },
    registration_methods={
        "add_api_operation": Registration(Role.ROUTE, 2, "view_func"),
        "add_exception_handler": Registration(Role.ERROR_HANDLER, 1, "handler"),
    },
    decorator_functions={
        f"{module}.{name}": Role.ROUTE for module in _EXTRA_MODULES for name in _EXTRA_DECORATORS
    },
    entry_classes=_SHARED_CLASSES,
    error_handlers_by_shape=True,
)
