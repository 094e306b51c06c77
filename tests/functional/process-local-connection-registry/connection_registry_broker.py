"""A local socket registry fed by a broker: the local half of a pub/sub fan-out."""
# pylint: disable=missing-function-docstring
from fastapi import FastAPI, WebSocket

app = FastAPI()
local_sockets = {}


class Broker:
    """Stands in for a Redis client."""

    async def publish(self, channel, message):
        return channel, message

    def pubsub(self):
        return self


broker = Broker()


async def pump():
    for socket in local_sockets.get("lobby", ()):
        await socket.send_text("x")


@app.websocket("/ws/{room}")
async def room_socket(websocket: WebSocket, room: str):
    local_sockets.setdefault(room, set()).add(websocket)  # delivered locally, fanned out by the broker
    await broker.publish(room, "joined")
