"""Django: class-based views (one instance per request)."""

from __future__ import annotations

from pylint_stateless.frameworks.base import EntryClass, Framework, Lifetime, Role

FRAMEWORK = Framework(
    name="django",
    entry_classes={
        # ``View.as_view()`` instantiates the class for every request, so ``self``
        # is private to the request; every method it defines runs per request.
        "django.views.generic.base.View": EntryClass(Role.VIEW, Lifetime.PER_REQUEST),
    },
)
