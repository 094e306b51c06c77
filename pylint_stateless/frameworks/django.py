"""Django and Django REST framework.

Views are instantiated per request (class-based views, DRF views and viewsets), so
``self`` is private to the request; middleware and ``ModelAdmin`` instances are
created once and shared by every request.  Function views are found from
``urlpatterns`` and from the view decorators.
"""

from __future__ import annotations

from pylint_stateless.frameworks.base import EntryClass, Framework, Lifetime, Registration, Role

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

FRAMEWORK = Framework(
    name="django",
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
    app_objects=frozenset(),
)
