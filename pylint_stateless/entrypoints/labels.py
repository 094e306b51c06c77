"""How messages name an entry point: ``POST /login``, ``HTTP middleware``, ``view /x``."""

from __future__ import annotations

from astroid import nodes
from pylint.interfaces import INFERENCE, INFERENCE_FAILURE, Confidence

from pylint_stateless.analysis import astutil
from pylint_stateless.frameworks.base import HTTP_VERBS, Role


def confidence_of(qname: str | None) -> Confidence:
    """INFERENCE when the package a name comes from can be loaded by astroid (the
    import name is then as good as inference), INFERENCE_FAILURE when it cannot."""
    return INFERENCE if qname and astutil.is_importable(qname) else INFERENCE_FAILURE


def role_label(role: Role, name: str) -> str:
    if role is Role.HOOK:
        return f"{name} hook"
    if role is Role.STARTUP:
        return ""
    if role is Role.MIDDLEWARE:
        return "HTTP middleware"
    return str(role.value)


def registration_label(role: Role, name: str, call: nodes.Call) -> str:
    if role in (Role.ROUTE, Role.WEBSOCKET):
        return route_label(name, call, path_from_args=True)
    path = astutil.const_str(call.args[0] if call.args else None)
    if role is Role.VIEW and path is not None:
        return f"view {path}"
    return str(role.value)


def route_label(name: str, call: nodes.Call | None, path_from_args: bool = False) -> str:
    """``POST /login`` for ``@app.post("/login")``: the verb (from the name or the
    ``methods`` argument) and the path (the first string argument)."""
    if call is None:
        return "route"
    path = None
    for arg in call.args[:2]:
        text = astutil.const_str(arg)
        if text is not None and (text.startswith("/") or not path_from_args):
            path = text
            break
    path = path or astutil.const_str(astutil.call_argument(call, None, "path")) or (
        astutil.const_str(astutil.call_argument(call, None, "rule"))
    )
    if name in HTTP_VERBS:
        verb = name.upper()
    elif name.startswith("add_") and name[4:] in HTTP_VERBS:
        verb = name[4:].upper()
    elif "websocket" in name or name.removeprefix("add_") == "ws":
        verb = "WebSocket"
    else:
        # ``methods=["POST"]``, or a positional list of verbs: ``api_operation(["POST"], path)``
        methods = astutil.call_argument(call, None, "methods") or next(
            (arg for arg in call.args if _verbs(arg)), None
        )
        verbs = [
            str(e.value).upper()
            for e in getattr(methods, "elts", [])
            if isinstance(e, nodes.Const) and isinstance(e.value, str)
        ]
        verb = ",".join(verbs) if verbs else ("route" if path_from_args else "GET")
    return f"{verb} {path}" if path else verb


def _verbs(node: nodes.NodeNG) -> bool:
    """A list or tuple of HTTP verbs (``["GET", "POST"]``)."""
    return isinstance(node, (nodes.List, nodes.Tuple)) and bool(node.elts) and all(
        isinstance(e, nodes.Const) and isinstance(e.value, str) and e.value.lower() in HTTP_VERBS
        for e in node.elts
    )
