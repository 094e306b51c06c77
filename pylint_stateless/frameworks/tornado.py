"""Tornado: request handlers and WebSocket handlers, one instance per request or connection."""

from __future__ import annotations

from collections.abc import Iterator

from astroid import nodes

from pylint_stateless.frameworks.base import (
    HTTP_VERBS,
    Deferral,
    EntryClass,
    Framework,
    Lifetime,
    Role,
)

_HANDLER_METHODS = frozenset(
    {*HTTP_VERBS, "prepare", "on_finish", "initialize", "on_connection_close",
     "write_error", "data_received"}
)
_WEBSOCKET_METHODS = frozenset(
    {"open", "on_message", "on_close", "on_ping", "on_pong", "select_subprotocol"}
)

def _route_arguments(
    module: nodes.Module,
) -> Iterator[tuple[nodes.NodeNG, dict[str, nodes.NodeNG]]]:
    """``(r"/api", Handler, {"store": store})`` and ``url(r"/api", Handler, dict(store=...))``:
    what each handler's ``initialize`` receives."""
    for node in module.nodes_of_class((nodes.Tuple, nodes.Call)):
        if isinstance(node, nodes.Tuple):
            parts = node.elts
        elif isinstance(node.func, (nodes.Name, nodes.Attribute)) and (
            getattr(node.func, "attrname", None) or getattr(node.func, "name", None)
        ) in {"url", "URLSpec"}:
            parts = list(node.args)
            for keyword in node.keywords or ():
                if keyword.arg == "kwargs":
                    parts = [*parts[:2], keyword.value]
        else:
            continue
        if len(parts) < 3:
            continue
        arguments = _keywords(parts[2])
        if arguments:
            yield parts[1], arguments


def _keywords(node: nodes.NodeNG) -> dict[str, nodes.NodeNG]:
    if isinstance(node, nodes.Dict):
        return {key.value: value for key, value in node.items
                if isinstance(key, nodes.Const) and isinstance(key.value, str)}
    if (isinstance(node, nodes.Call) and isinstance(node.func, nodes.Name)
            and node.func.name == "dict"):
        return {k.arg: k.value for k in node.keywords or () if k.arg}
    return {}


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
    handler_namespaces={"settings": "application"},
    # ``tornado.options.options``: the process's configuration, one object per process.
    app_globals=frozenset({"tornado.options.options"}),
    connection_types=frozenset({"tornado.websocket.WebSocketHandler"}),
    setup_method="initialize",
    # ``IOLoop.add_callback(fn, *args)``: ``fn`` runs later, on the loop.
    deferring_calls={"add_callback": Deferral(0, 1), "spawn_callback": Deferral(0, 1),
                     "add_timeout": Deferral(1, 2)},
    client_keys=(r"remote_ip",),
    route_arguments=_route_arguments,
)
