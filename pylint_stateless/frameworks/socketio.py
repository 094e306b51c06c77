"""Socket.IO servers (python-socketio, Flask-SocketIO): event handlers."""

from __future__ import annotations

from pylint_stateless.frameworks.base import EntryClass, Framework, Lifetime, Role

# A namespace object is registered once and answers every event through ``on_*`` methods.
_NAMESPACE = EntryClass(Role.WEBSOCKET, Lifetime.SHARED, method_prefix="on_")

FRAMEWORK = Framework(
    name="socketio",
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
)
