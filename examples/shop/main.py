"""HTTP and WebSocket endpoints of the shop."""

import secrets
import time
from collections import defaultdict

from fastapi import BackgroundTasks, FastAPI, Request, WebSocket, WebSocketDisconnect

from .services import add_to_cart, order_service
from .state import sessions

app = FastAPI()
request_log = defaultdict(list)
jobs: dict[str, str] = {}
listeners: list[WebSocket] = []


@app.middleware("http")
async def throttle(request: Request, call_next):
    """Allow 100 requests a minute per client address."""
    now = time.time()
    recent = [t for t in request_log[request.client.host] if now - t < 60]
    request_log[request.client.host] = recent + [now]
    return await call_next(request)


@app.post("/login/{user}")
async def login(user: str) -> dict:
    """Open a session."""
    token = secrets.token_urlsafe(16)
    sessions[token] = user
    return {"token": token}


@app.post("/cart/{user}/{item}")
async def add_item(user: str, item: str) -> list[str]:
    """Add an item to the cart."""
    return add_to_cart(user, item)


def send_receipt(order_id: str) -> None:
    """Pretend to e-mail a receipt, then record that it was sent."""
    jobs[order_id] = "sent"


@app.post("/checkout/{user}")
async def checkout(user: str, tasks: BackgroundTasks) -> dict:
    """Place the order and send the receipt in the background."""
    order = order_service.place(user)
    tasks.add_task(send_receipt, user)
    return order


@app.websocket("/live")
async def live(websocket: WebSocket) -> None:
    """Push order events to connected dashboards."""
    await websocket.accept()
    listeners.append(websocket)
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        listeners.remove(websocket)
