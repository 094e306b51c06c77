"""Robyn: routes on ``Robyn`` and ``SubRouter`` objects, WebSocket handlers, middleware,
start-up handlers, authentication handlers.

Robyn runs the application in several processes (``--processes``), each with several
workers: module state is one copy per process. A handler gets its own ``request``; the
application, its ``SubRouter`` objects and the authentication handler instance are shared.
WebSockets are declared with ``@app.websocket("/ws")`` (and ``@handler.on_connect``,
``@handler.on_close`` on the function it decorates), or, before Robyn 0.70, with
``websocket = WebSocket(app, "/ws")`` and ``@websocket.on("message")``.
"""

from __future__ import annotations

from astroid import nodes

from pylint_stateless.frameworks.base import (
    HTTP_VERBS,
    ConventionEntry,
    EntryClass,
    Framework,
    Lifetime,
    Registration,
    Role,
)

_PACKAGES = frozenset({"robyn"})
_CALLBACKS = frozenset({"on_connect", "on_close"})


def _event_label(_name: str, call: nodes.Call | None) -> str:
    """``WebSocket event message`` for ``@websocket.on("message")``; "" for the routes."""
    if call is None or not isinstance(call.func, nodes.Attribute) or call.func.attrname != "on":
        return ""
    first = call.args[0] if call.args else None
    if isinstance(first, nodes.Const) and isinstance(first.value, str):
        return f"WebSocket event {first.value}"
    return "WebSocket event"


def _websocket_callback(func: nodes.FunctionDef) -> ConventionEntry | None:
    """``@handler.on_connect`` where ``handler`` is a module function decorated with
    ``@<app>.websocket(...)``: called for every connection."""
    for decorator in func.decorators.nodes if func.decorators else ():
        if not (isinstance(decorator, nodes.Attribute) and decorator.attrname in _CALLBACKS
                and isinstance(decorator.expr, nodes.Name)):
            continue
        handler = _module_function(func.root(), decorator.expr.name)
        if handler is not None and _declares_websocket(handler):
            return ConventionEntry(Role.WEBSOCKET, f"WebSocket {decorator.attrname[3:]}")
    return None


def _module_function(module: nodes.Module, name: str) -> nodes.FunctionDef | None:
    for node in module.locals.get(name, ()):
        if isinstance(node, nodes.FunctionDef):
            return node
    return None


def _declares_websocket(handler: nodes.FunctionDef) -> bool:
    """``@app.websocket("/ws")`` on ``handler``, ``app`` imported from Robyn or built from
    one of its classes in the module."""
    for decorator in handler.decorators.nodes if handler.decorators else ():
        func = decorator.func if isinstance(decorator, nodes.Call) else None
        if isinstance(func, nodes.Attribute) and func.attrname == "websocket":
            return _imports_robyn(handler.root())
    return False


def _imports_robyn(module: nodes.Module) -> bool:
    for node in module.body:
        if isinstance(node, nodes.ImportFrom) and node.modname.split(".", 1)[0] in _PACKAGES:
            return True
        if isinstance(node, nodes.Import) and any(
            name.split(".", 1)[0] in _PACKAGES for name, _ in node.names
        ):
            return True
    return False


FRAMEWORK = Framework(
    name="robyn",
    packages=_PACKAGES,
    app_classes=frozenset(
        {
            "robyn.Robyn",
            "robyn.SubRouter",
            "robyn.BaseRobyn",
            # the WebSocket object of Robyn before 0.70: ``WebSocket(app, "/ws")``, first
            # named ``WS``
            "robyn.WebSocket",
            "robyn.ws.WebSocket",
            "robyn.WS",
            "robyn.ws.WS",
        }
    ),
    decorator_methods={
        **dict.fromkeys(HTTP_VERBS, Role.ROUTE),
        "connect": Role.ROUTE,
        "websocket": Role.WEBSOCKET,
        "on": Role.WEBSOCKET,
        "before_request": Role.MIDDLEWARE,
        "after_request": Role.MIDDLEWARE,
    },
    bare_decorator_methods={
        "exception": Role.ERROR_HANDLER,
        "startup_handler": Role.STARTUP,
    },
    registration_methods={
        "add_route": Registration(Role.ROUTE, 2, "handler"),
        "startup_handler": Registration(Role.STARTUP, 0, "handler"),
    },
    entry_classes={
        # ``app.configure_authentication(BearerAuth(...))``: one instance for the process.
        **dict.fromkeys(
            ("robyn.AuthenticationHandler", "robyn.authentication.AuthenticationHandler"),
            EntryClass(Role.HOOK, Lifetime.SHARED, frozenset({"authenticate"}),
                       label="authentication"),
        ),
    },
    function_convention=_websocket_callback,
    event_label=_event_label,
    connection_types=frozenset({"robyn.WebSocketAdapter", "robyn.ws.WebSocketAdapter",
                                "robyn.WebSocketConnector", "robyn.robyn.WebSocketConnector"}),
)
