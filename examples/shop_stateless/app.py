"""The shop's endpoints; the data is in SQLite (see :mod:`.store`)."""

import contextlib
import os
import secrets
import sqlite3
import time
from collections.abc import Iterator

from fastapi import APIRouter, BackgroundTasks, Cookie, Depends, FastAPI, HTTPException, Request
from fastapi import Response, WebSocket, WebSocketDisconnect
from fastapi.responses import JSONResponse

from .store import connect, create_schema

LIMIT = 5  # requests a minute per client address
PRICES = {"apple": 3, "pear": 4}
router = APIRouter()


def database(request: Request) -> Iterator[sqlite3.Connection]:
    """One connection per request (a dependency)."""
    with connect(request.app.state.db_path) as db:
        yield db


async def throttle(request: Request, call_next):
    """Allow LIMIT requests a minute per client address, counted in the database."""
    now = time.time()
    with connect(request.app.state.db_path) as db:
        db.execute("INSERT INTO requests VALUES (?, ?)", (request.client.host, now))
        (recent,) = db.execute("SELECT COUNT(*) FROM requests WHERE client = ? AND at > ?",
                               (request.client.host, now - 60)).fetchone()
    if recent > LIMIT:
        return JSONResponse({"detail": "too many requests"}, status_code=429)
    return await call_next(request)


@router.post("/login/{user}")
def login(user: str, response: Response, db: sqlite3.Connection = Depends(database)) -> dict:
    """Open a session: the token is returned and set as a cookie."""
    token = secrets.token_urlsafe(16)
    db.execute("INSERT INTO sessions VALUES (?, ?)", (token, user))
    response.set_cookie("session", token)
    return {"token": token}


@router.get("/me")
def me(session: str | None = Cookie(default=None),
       db: sqlite3.Connection = Depends(database)) -> dict:
    """Whose session the cookie is."""
    row = db.execute("SELECT user FROM sessions WHERE token = ?", (session,)).fetchone()
    if row is None:
        raise HTTPException(401, "not logged in")
    return {"user": row[0]}


@router.post("/cart/{user}/{item}")
def add_item(user: str, item: str, db: sqlite3.Connection = Depends(database)) -> list[str]:
    """Add an item to the cart."""
    db.execute("INSERT INTO cart_items VALUES (?, ?)", (user, item))
    return cart_of(db, user)


@router.get("/cart/{user}")
def show_cart(user: str, db: sqlite3.Connection = Depends(database)) -> list[str]:
    """The items in a cart."""
    return cart_of(db, user)


def cart_of(db: sqlite3.Connection, user: str) -> list[str]:
    """The items in a cart, in the order they were added."""
    return [item for (item,) in db.execute(
        "SELECT item FROM cart_items WHERE user = ? ORDER BY rowid", (user,))]


def send_receipt(db_path: str, order_id: str) -> None:
    """Pretend to e-mail a receipt, then record that it was sent."""
    with connect(db_path) as db:
        db.execute("INSERT OR REPLACE INTO jobs VALUES (?, 'sent')", (order_id,))


@router.post("/checkout/{user}")
def checkout(user: str, request: Request, tasks: BackgroundTasks,
             db: sqlite3.Connection = Depends(database)) -> dict:
    """Place the order and send the receipt in the background."""
    order = {"id": secrets.token_hex(4), "user": user,
             "total": sum(PRICES[item] for item in cart_of(db, user))}
    db.execute("INSERT INTO orders VALUES (:id, :user, :total)", order)
    tasks.add_task(send_receipt, request.app.state.db_path, order["id"])
    return order


@router.get("/jobs/{order_id}")
def job_status(order_id: str, db: sqlite3.Connection = Depends(database)) -> dict:
    """Whether the receipt of an order was sent."""
    row = db.execute("SELECT status FROM jobs WHERE order_id = ?", (order_id,)).fetchone()
    return {"status": row[0] if row else "unknown"}


@router.get("/orders/{user}")
def orders(user: str, db: sqlite3.Connection = Depends(database)) -> list[dict]:
    """The orders a user placed."""
    rows = db.execute("SELECT id, user, total FROM orders WHERE user = ? ORDER BY rowid", (user,))
    return [{"id": id_, "user": user_, "total": total} for id_, user_, total in rows]


@router.websocket("/live")
async def live(websocket: WebSocket) -> None:
    """Dashboards connect here for order events; each is told how many are connected
    (a row per connection, so that every worker counts them all)."""
    path = websocket.app.state.db_path
    await websocket.accept()
    listener = secrets.token_hex(8)
    with connect(path) as db:
        db.execute("INSERT INTO listeners VALUES (?)", (listener,))
        (count,) = db.execute("SELECT COUNT(*) FROM listeners").fetchone()
    await websocket.send_json({"listeners": count})
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        with connect(path) as db:
            db.execute("DELETE FROM listeners WHERE id = ?", (listener,))


def create_app(db_path: str | os.PathLike) -> FastAPI:
    """The shop for the database file ``db_path`` (created at start-up if needed)."""

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        create_schema(app.state.db_path)
        yield

    app = FastAPI(lifespan=lifespan)
    app.state.db_path = os.fspath(db_path)
    app.middleware("http")(throttle)
    app.include_router(router)
    return app
