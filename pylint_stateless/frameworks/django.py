"""Django: class-based views (one instance per request)."""

from __future__ import annotations

from pylint_stateless.frameworks.base import EntryClass, Framework, Lifetime, Role

# ``View.as_view()`` instantiates the class for every request, so ``self`` is private
# to the request; every method it defines runs per request.
_VIEW = EntryClass(Role.VIEW, Lifetime.PER_REQUEST)
_GENERIC_VIEWS = (
    "View", "TemplateView", "RedirectView", "ListView", "DetailView", "CreateView",
    "UpdateView", "DeleteView", "FormView", "ArchiveIndexView", "YearArchiveView",
    "MonthArchiveView", "WeekArchiveView", "DayArchiveView", "TodayArchiveView",
    "DateDetailView",
)

FRAMEWORK = Framework(
    name="django",
    entry_classes={
        "django.views.generic.base.View": _VIEW,
        # Public import paths, for when Django cannot be inferred.
        "django.views.View": _VIEW,
        **{f"django.views.generic.{name}": _VIEW for name in _GENERIC_VIEWS},
    },
)
