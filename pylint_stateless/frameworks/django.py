"""Django and Django REST framework.

Views are instantiated per request (class-based views, DRF views and viewsets), so
``self`` is private to the request; middleware and ``ModelAdmin`` instances are
created once and shared by every request.  Function views are found from
``urlpatterns`` and from the view decorators.
"""

from __future__ import annotations

from astroid import nodes

from pylint_stateless.frameworks.base import (
    ConventionEntry,
    EntryClass,
    Framework,
    Lifetime,
    Registration,
    Role,
)

_PACKAGES = frozenset({"django", "rest_framework"})

_VIEW = EntryClass(Role.VIEW, Lifetime.PER_REQUEST)
_GENERIC_VIEWS = (
    "View", "TemplateView", "RedirectView", "ListView", "DetailView", "CreateView",
    "UpdateView", "DeleteView", "FormView", "ArchiveIndexView", "YearArchiveView",
    "MonthArchiveView", "WeekArchiveView", "DayArchiveView", "TodayArchiveView",
    "DateDetailView",
)
_DRF_VIEWS = (
    "rest_framework.views.APIView",
    "rest_framework.generics.GenericAPIView",
    "rest_framework.viewsets.ViewSetMixin",
    "rest_framework.viewsets.ViewSet",
    "rest_framework.viewsets.GenericViewSet",
    "rest_framework.viewsets.ModelViewSet",
    "rest_framework.viewsets.ReadOnlyModelViewSet",
    *(f"rest_framework.generics.{name}" for name in (
        "CreateAPIView", "ListAPIView", "RetrieveAPIView", "DestroyAPIView", "UpdateAPIView",
        "ListCreateAPIView", "RetrieveUpdateAPIView", "RetrieveDestroyAPIView",
        "RetrieveUpdateDestroyAPIView",
    )),
)
_MIDDLEWARE = EntryClass(
    Role.MIDDLEWARE,
    Lifetime.SHARED,
    frozenset({"__call__", "process_request", "process_view", "process_response",
               "process_exception", "process_template_response"}),
)
_VIEW_DECORATORS = (
    "django.views.decorators.http.require_http_methods",
    "django.views.decorators.http.require_GET",
    "django.views.decorators.http.require_POST",
    "django.views.decorators.http.require_safe",
    "django.views.decorators.csrf.csrf_exempt",
    "django.views.decorators.csrf.csrf_protect",
    "django.views.decorators.cache.cache_page",
    "django.views.decorators.cache.never_cache",
    "django.contrib.auth.decorators.login_required",
    "django.contrib.auth.decorators.permission_required",
    "django.contrib.auth.decorators.user_passes_test",
    "django.contrib.admin.views.decorators.staff_member_required",
    "rest_framework.decorators.api_view",
)

# Signals sent by tests, migrations and start-up, never while serving a request.
_QUIET_SIGNALS = frozenset(
    {"setting_changed", "template_rendered", "pre_migrate", "post_migrate", "class_prepared",
     "autoreload_started", "file_changed"}
)


def _views_module_function(func: nodes.FunctionDef) -> ConventionEntry | None:
    """``def view(request, ...)`` at the top of a ``views`` module that imports Django: a
    view by Django's convention, whether or not ``urlpatterns`` can be read."""
    if not isinstance(func.parent, nodes.Module) or func.name.startswith("_"):
        return None
    params = [p.name for p in (*func.args.posonlyargs, *func.args.args)]
    if params[:1] != ["request"]:
        return None
    name = func.parent.name
    if not (name == "views" or name.endswith(".views") or ".views." in name):
        return None
    if not _imports_django(func.parent):
        return None
    return ConventionEntry(Role.VIEW, "Django view")


def _imports_django(module: nodes.Module) -> bool:
    for node in module.body:
        if isinstance(node, nodes.ImportFrom):
            if node.modname.split(".", 1)[0] in _PACKAGES:
                return True
        elif isinstance(node, nodes.Import):
            if any(name.split(".", 1)[0] in _PACKAGES for name, _ in node.names):
                return True
    return False


def _middleware_by_shape(cls: nodes.ClassDef, _bases: frozenset[str]) -> EntryClass | None:
    """``__init__(self, get_response)`` and ``__call__``: Django's middleware protocol."""
    init = cls.locals.get("__init__")
    if not init or not isinstance(init[0], nodes.FunctionDef) or "__call__" not in cls.locals:
        return None
    params = [p.name for p in (*init[0].args.posonlyargs, *init[0].args.args)]
    return _MIDDLEWARE if params[1:2] == ["get_response"] else None


FRAMEWORK = Framework(
    name="django",
    aliases=("drf", "rest_framework", "djangorestframework"),
    packages=_PACKAGES,
    registration_callables={
        # urlpatterns: path("route/", view)
        "django.urls.path": Registration(Role.VIEW, 1, "view"),
        "django.urls.re_path": Registration(Role.VIEW, 1, "view"),
        "django.urls.conf.path": Registration(Role.VIEW, 1, "view"),
        "django.urls.conf.re_path": Registration(Role.VIEW, 1, "view"),
        "django.conf.urls.url": Registration(Role.VIEW, 1, "view"),
    },
    decorator_functions={
        **dict.fromkeys(_VIEW_DECORATORS, Role.VIEW),
        "django.dispatch.receiver": Role.HOOK,
        "django.dispatch.dispatcher.receiver": Role.HOOK,
        "django.contrib.admin.action": Role.VIEW,
        "django.contrib.admin.decorators.action": Role.VIEW,
    },
    entry_classes={
        "django.views.generic.base.View": _VIEW,
        # Public import paths, for when Django cannot be inferred.
        "django.views.View": _VIEW,
        **{f"django.views.generic.{name}": _VIEW for name in _GENERIC_VIEWS},
        **dict.fromkeys(_DRF_VIEWS, _VIEW),
        "django.utils.deprecation.MiddlewareMixin": _MIDDLEWARE,
        "django.contrib.admin.ModelAdmin": EntryClass(Role.VIEW, Lifetime.SHARED),
        "django.contrib.admin.options.ModelAdmin": EntryClass(Role.VIEW, Lifetime.SHARED),
    },
    quiet_signals=_QUIET_SIGNALS,
    function_convention=_views_module_function,
    class_convention=_middleware_by_shape,
    app_globals=frozenset({"django.conf.settings"}),
)
