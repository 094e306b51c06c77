"""Tornado: request handlers and WebSocket handlers, one instance per request or connection."""

from __future__ import annotations

from pylint_stateless.frameworks.base import HTTP_VERBS, EntryClass, Framework, Lifetime, Role

_HANDLER_METHODS = frozenset(
    {*HTTP_VERBS, "prepare", "on_finish", "initialize", "on_connection_close",
     "write_error", "data_received"}
)
_WEBSOCKET_METHODS = frozenset(
    {"open", "on_message", "on_close", "on_ping", "on_pong", "select_subprotocol"}
)

FRAMEWORK = Framework(
    name="tornado",
    packages=frozenset({"tornado"}),
    app_classes=frozenset({"tornado.web.Application"}),
    entry_classes={
        # A handler instance serves one request (one connection for WebSockets), so
        # ``self`` is private to it; class attributes are shared by every instance.
        "tornado.web.RequestHandler": EntryClass(
            Role.ROUTE, Lifetime.PER_REQUEST, _HANDLER_METHODS
        ),
        "tornado.websocket.WebSocketHandler": EntryClass(
            Role.WEBSOCKET, Lifetime.PER_REQUEST, _HANDLER_METHODS | _WEBSOCKET_METHODS
        ),
    },
    app_objects=frozenset({"application"}),
    app_state_attributes=frozenset({"settings"}),
    connection_types=frozenset({"tornado.websocket.WebSocketHandler"}),
)
