"""HTTP and WebSocket endpoints of the shop."""

import secrets
import time
from collections import defaultdict

from fastapi import BackgroundTasks, Cookie, FastAPI, HTTPException, Request, Response, WebSocket
from fastapi import WebSocketDisconnect
from fastapi.responses import JSONResponse

from .services import add_to_cart, order_service
from .state import carts, sessions

app = FastAPI()
request_log = defaultdict(list)
jobs: dict[str, str] = {}
listeners: list[WebSocket] = []
LIMIT = 5  # requests a minute per client address


@app.middleware("http")
async def throttle(request: Request, call_next):
    """Allow LIMIT requests a minute per client address."""
    now = time.time()
    recent = [t for t in request_log[request.client.host] if now - t < 60]
    request_log[request.client.host] = recent + [now]
    if len(recent) >= LIMIT:
        return JSONResponse({"detail": "too many requests"}, status_code=429)
    return await call_next(request)


@app.post("/login/{user}")
async def login(user: str, response: Response) -> dict:
    """Open a session: the token is returned and set as a cookie."""
    token = secrets.token_urlsafe(16)
    sessions[token] = user
    response.set_cookie("session", token)
    return {"token": token}


@app.get("/me")
async def me(session: str | None = Cookie(default=None)) -> dict:
    """Whose session the cookie is."""
    if session not in sessions:
        raise HTTPException(401, "not logged in")
    return {"user": sessions[session]}


@app.post("/cart/{user}/{item}")
async def add_item(user: str, item: str) -> list[str]:
    """Add an item to the cart."""
    return add_to_cart(user, item)


@app.get("/cart/{user}")
async def show_cart(user: str) -> list[str]:
    """The items in a cart."""
    return carts.get(user, [])


def send_receipt(order_id: str) -> None:
    """Pretend to e-mail a receipt, then record that it was sent."""
    jobs[order_id] = "sent"


@app.post("/checkout/{user}")
async def checkout(user: str, tasks: BackgroundTasks) -> dict:
    """Place the order and send the receipt in the background."""
    order = order_service.place(user)
    tasks.add_task(send_receipt, order["id"])
    return order


@app.get("/jobs/{order_id}")
async def job_status(order_id: str) -> dict:
    """Whether the receipt of an order was sent."""
    return {"status": jobs.get(order_id, "unknown")}


@app.get("/orders/{user}")
async def orders(user: str) -> list[dict]:
    """The orders a user placed."""
    return order_service.history(user)


@app.websocket("/live")
async def live(websocket: WebSocket) -> None:
    """Dashboards connect here for order events; each is told how many are connected."""
    await websocket.accept()
    listeners.append(websocket)
    await websocket.send_json({"listeners": len(listeners)})
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        listeners.remove(websocket)
