"""Framework knowledge, one module per framework family.

To support a new framework, add a module here that defines ``FRAMEWORK`` (a
:class:`~pylint_stateless.frameworks.base.Framework`) and list it in ``FRAMEWORKS``.
"""

from __future__ import annotations

from pylint_stateless.frameworks import django, flask, starlette
from pylint_stateless.frameworks.base import (
    EntryClass,
    Framework,
    Lifetime,
    Registration,
    Role,
)

FRAMEWORKS: tuple[Framework, ...] = (starlette.FRAMEWORK, flask.FRAMEWORK, django.FRAMEWORK)

__all__ = ["FRAMEWORKS", "EntryClass", "Framework", "Lifetime", "Registration", "Role"]
