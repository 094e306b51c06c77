"""Django Channels: a consumer instance per connection; module state is shared."""
# pylint: disable=missing-function-docstring,missing-class-docstring
from channels.generic.websocket import AsyncJsonWebsocketConsumer, WebsocketConsumer

online_users = {}
messages = []


class ChatConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        self.room = self.scope["url_route"]["kwargs"]["room"]  # per connection: fine
        online_users[self.scope["user"].id] = self.channel_name  # [process-local-connection-registry]
        await self.accept()

    async def receive_json(self, content, **kwargs):
        messages.append(content)  # [request-mutates-module-state]


class Echo(WebsocketConsumer):
    def receive(self, text_data=None, bytes_data=None):
        self.last = text_data  # per connection: fine
        self.send(text_data=text_data)
