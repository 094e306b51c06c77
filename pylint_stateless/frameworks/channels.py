"""Django Channels: consumers, one instance per connection."""

from __future__ import annotations

from pylint_stateless.frameworks.base import EntryClass, Framework, Lifetime, Role

# Channels builds a consumer instance for each connection, so ``self`` belongs to the
# connection; every method it defines (connect, receive, group handlers) serves it.
_CONSUMER = EntryClass(Role.WEBSOCKET, Lifetime.PER_REQUEST, label="consumer")

FRAMEWORK = Framework(
    name="channels",
    packages=frozenset({"channels"}),
    entry_classes={
        f"channels.{module}.{name}": _CONSUMER
        for module, names in (
            ("generic.websocket", ("WebsocketConsumer", "AsyncWebsocketConsumer",
                                   "JsonWebsocketConsumer", "AsyncJsonWebsocketConsumer")),
            ("generic.http", ("AsyncHttpConsumer",)),
            ("consumer", ("SyncConsumer", "AsyncConsumer")),
        )
        for name in names
    },
    # A consumer is its connection; so is its ``channel_name`` (what a group send reaches).
    connection_types=frozenset(
        {"channels.generic.websocket.WebsocketConsumer",
         "channels.generic.websocket.AsyncWebsocketConsumer"}
    ),
    connection_attributes=frozenset({"channel_name"}),
    # Groups live in the channel layer: a registry beside them is its local half.
    broker_calls=frozenset({"group_send", "group_add"}),
)
