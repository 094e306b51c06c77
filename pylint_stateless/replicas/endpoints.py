"""Which function served a request, found in the copy that served it.

The summary matches pylint-stateless's findings to the requests of a failing test; the
function that served each request (``module:qualname``) is the surest key, since a
finding's ``obj`` is the entry point it sits in. Route paths in the messages are the
fallback (:mod:`.findings`).
"""

from __future__ import annotations

from typing import Any


def endpoint_name(function: object) -> str | None:
    """``module:qualname`` of a view function or class."""
    function = getattr(function, "view_class", function)  # Django's as_view()
    module = getattr(function, "__module__", None)
    qualname = getattr(function, "__qualname__", None)
    if isinstance(module, str) and isinstance(qualname, str):
        return f"{module}:{qualname}"
    return None


def rule_endpoint(app: Any, path: str, method: str, host: str | None = None) -> str | None:
    """The view of a Flask or Quart application (``url_map`` and ``view_functions``)
    matching ``method path``; None for other applications or no match."""
    url_map = getattr(app, "url_map", None)
    views = getattr(app, "view_functions", None)
    if url_map is None or not isinstance(views, dict):
        return None
    try:
        adapter = url_map.bind(host or "localhost")
        name, _ = adapter.match(path, method=method)
    except Exception:  # pylint: disable=broad-exception-caught  # NotFound, redirects...
        return None
    return endpoint_name(views.get(name))
