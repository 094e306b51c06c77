"""Socket.IO servers (python-socketio, Flask-SocketIO): event handlers."""

from __future__ import annotations

from astroid import nodes

from pylint_stateless.frameworks.base import EntryClass, Framework, Lifetime, Role

# A namespace object is registered once and answers every event through ``on_*`` methods.
_NAMESPACE = EntryClass(Role.WEBSOCKET, Lifetime.SHARED, method_prefix="on_")


def _event_label(_name: str, call: nodes.Call | None) -> str:
    """``Socket.IO event connect`` for ``@sio.on("connect")``."""
    first = call.args[0] if call is not None and call.args else None
    if isinstance(first, nodes.Const) and isinstance(first.value, str):
        return f"Socket.IO event {first.value}"
    return "Socket.IO event"


FRAMEWORK = Framework(
    name="socketio",
    aliases=("python-socketio", "flask-socketio", "flask_socketio"),
    packages=frozenset({"socketio", "flask_socketio", "engineio"}),
    app_classes=frozenset(
        {
            "socketio.Server", "socketio.AsyncServer", "socketio.server.Server",
            "socketio.async_server.AsyncServer", "socketio.base_server.BaseServer",
            "flask_socketio.SocketIO",
        }
    ),
    decorator_methods={"on": Role.WEBSOCKET, "event": Role.WEBSOCKET},
    bare_decorator_methods={"event": Role.WEBSOCKET},
    entry_classes={
        "socketio.Namespace": _NAMESPACE,
        "socketio.AsyncNamespace": _NAMESPACE,
        "socketio.namespace.Namespace": _NAMESPACE,
        "socketio.async_namespace.AsyncNamespace": _NAMESPACE,
        "flask_socketio.Namespace": _NAMESPACE,
        "flask_socketio.namespace.Namespace": _NAMESPACE,
    },
    # ``def init_handlers(socketio): @socketio.on("connect")``: a server passed around
    # is known by its name when nothing can be inferred.
    receiver_names=r"(?i)(^|\.|_)(sio|socketio|socket_io)$",
    event_label=_event_label,
)
