"""Module-level containers mutated by FastAPI handlers, beside look-alikes that are fine."""
# pylint: disable=missing-function-docstring
import os
from collections import OrderedDict, defaultdict, deque
from os import environ

from fastapi import APIRouter, FastAPI

app = FastAPI()
router = APIRouter()

carts = {}
orders = []
seen = set()
recent = deque(maxlen=100)
by_user = defaultdict(list)
ordered = OrderedDict()
squares = {n: n * n for n in range(10)}
ALLOWED = {"admin", "user"}  # read-only lookup tables: never reported
LIMITS = {"free": 10}


@app.post("/carts/{uid}")
async def add_to_cart(uid: str, item: str):
    carts[uid] = item  # [request-mutates-module-state]
    return uid in ALLOWED, LIMITS.get(uid)


@router.put("/orders")
def place(order: dict):
    orders.append(order)  # [request-mutates-module-state]


@app.delete("/carts/{uid}")
def drop(uid: str):
    del carts[uid]  # [request-mutates-module-state]


@app.api_route("/several", methods=["PATCH"])
def several(uid: str):
    seen.add(uid)  # [request-mutates-module-state]
    recent.appendleft(uid)  # [request-mutates-module-state]
    by_user[uid].append(1)  # [request-mutates-module-state]
    ordered.move_to_end(uid)  # [request-mutates-module-state]
    squares.update({1: 2})  # [request-mutates-module-state]
    carts.setdefault(uid, []).append(1)  # [request-mutates-module-state]


@app.put("/defaults/{uid}")
def defaults(uid: str):
    ordered.setdefault("totals", {})  # created once, a no-op afterwards: fine
    ordered.setdefault("totals", {})[uid] = 1  # [request-mutates-module-state]
    by_user.setdefault(uid, [])  # [request-mutates-module-state]
    ordered.setdefault("last", uid)  # [request-mutates-module-state]


@app.post("/env/{name}")
def set_env(name: str, value: str):
    os.environ[name] = value  # [request-mutates-module-state]
    environ.pop("OTHER", None)  # [request-mutates-module-state]
    return os.environ.get(name), os.getenv(name)


@app.get("/read")
def read_only(uid: str):
    local = {}
    local[uid] = 1
    copy = dict(carts)
    copy[uid] = 2
    carts_copy = carts.copy()
    carts_copy[uid] = 3
    return [o for o in orders if uid in o], uid in seen, local, recent[0]


@app.get("/shadow")
def shadowing(carts: dict):  # pylint: disable=redefined-outer-name
    carts["x"] = 1
    orders = []  # pylint: disable=redefined-outer-name
    orders.append(1)
    return carts, orders


def not_a_handler(uid):
    """Not reachable from a route: import-time or command-line code."""
    carts[uid] = 0


for _ in range(3):
    orders.append(None)

if __name__ == "__main__":
    carts["cli"] = 1
