"""Socket.IO: event handlers of python-socketio and Flask-SocketIO servers."""
# pylint: disable=missing-function-docstring,missing-class-docstring
import socketio
from flask import Flask
from flask_socketio import SocketIO

sio = socketio.AsyncServer()
flask_app = Flask(__name__)
socketio_app = SocketIO(flask_app)
connected = set()
rooms = {}


@sio.event
async def connect(sid, environ):
    connected.add(sid)  # [process-local-connection-registry]
    return environ


@sio.on("join")
async def join(sid, room):
    rooms.setdefault(room, []).append(sid)  # [request-mutates-module-state]


@socketio_app.on("message")
def message(data):
    rooms["last"] = data  # [request-mutates-module-state]


class Chat(socketio.AsyncNamespace):
    def __init__(self, namespace):
        super().__init__(namespace)
        self.members = []  # set up once: fine

    async def on_enter(self, sid):
        self.members.append(sid)  # [request-mutates-shared-instance]


sio.register_namespace(Chat("/chat"))


def init_handlers(socketio):
    """Handlers registered on a server passed in as a parameter."""

    @socketio.on("leave")
    def leave(sid):
        connected.discard(sid)  # [process-local-connection-registry]

    return leave
