"""Robyn: routes on the application and its sub-routers, WebSockets (the decorator of
Robyn 0.70 and later, and the WebSocket object before it), middleware, start-up."""
# pylint: disable=missing-function-docstring,missing-class-docstring,too-few-public-methods
from robyn import AuthenticationHandler, Robyn, SubRouter, WebSocket

app = Robyn(__file__)
items = SubRouter(__file__, prefix="/items")
old_socket = WebSocket(app, "/legacy")
counts = {}
stock = []
clients = set()
peers = []
requests_seen = []


@app.get("/count/:name")
async def count(request):
    name = request.path_params["name"]
    counts[name] = counts.get(name, 0) + 1  # [request-mutates-module-state]
    request.headers.set("x-count", "1")  # the request's own: fine
    return {"count": counts[name]}


@items.post("/")
def add_item(request):
    stock.append(request.json())  # [request-mutates-module-state]
    return {}


@app.before_request()
async def log_request(request):
    requests_seen.append(request.url.path)  # [request-mutates-module-state]
    return request


@app.websocket("/chat")
async def chat(websocket):
    while True:
        await websocket.send_text(await websocket.receive_text())


@chat.on_connect
def joined(websocket):
    clients.add(websocket)  # [process-local-connection-registry]
    return "welcome"


@old_socket.on("connect")
def legacy_connect(ws):
    peers.append(ws)  # [process-local-connection-registry]
    return "hi"


class TokenAuth(AuthenticationHandler):
    def authenticate(self, request):
        self.last_token = request.headers.get("authorization")  # [request-mutates-shared-instance]


@app.startup_handler
async def startup():
    counts.clear()  # start-up: fine


app.include_router(items)
