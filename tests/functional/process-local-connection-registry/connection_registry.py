"""WebSocket registries in process memory, beside per-connection locals."""
# pylint: disable=missing-function-docstring,missing-class-docstring
from fastapi import FastAPI, WebSocket, WebSocketDisconnect

app = FastAPI()
websocket_connections = {}
rooms = {}


class ConnectionManager:
    def __init__(self):
        self.active: list[WebSocket] = []

    async def connect(self, websocket: WebSocket):
        await websocket.accept()
        self.active.append(websocket)  # [process-local-connection-registry]

    def disconnect(self, websocket: WebSocket):
        self.active.remove(websocket)  # [process-local-connection-registry]

    async def broadcast(self, message: str):
        for connection in self.active:
            await connection.send_text(message)


manager = ConnectionManager()


@app.websocket("/ws/{user_id}")
async def websocket_endpoint(websocket: WebSocket, user_id: str):
    await manager.connect(websocket)
    websocket_connections[user_id] = websocket  # [process-local-connection-registry]
    rooms.setdefault("lobby", set()).add(websocket)  # [process-local-connection-registry]
    try:
        while True:
            await manager.broadcast(await websocket.receive_text())
    except WebSocketDisconnect:
        manager.disconnect(websocket)
        del websocket_connections[user_id]  # [process-local-connection-registry]


@app.websocket("/echo")
async def echo(websocket: WebSocket):
    mine = [websocket]  # one list per connection: fine
    mine.append(websocket)
    await websocket.send_text("hi")


class Player:
    """Wraps a connection."""

    def __init__(self, socket: WebSocket):
        self.socket = socket


players = {}


@app.websocket("/play/{pid}")
async def play(websocket: WebSocket, pid: str):
    players[pid] = Player(websocket)  # [process-local-connection-registry]
    await websocket.accept()
