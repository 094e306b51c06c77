"""Handlers and start-up code."""
from fastapi import FastAPI

from .state import COUNTRIES, Registry, carts, config, lock


def fetch_from_db():
    """Pretend database read."""
    return {"flag": True}


async def startup():
    """Start-up: setup, not a request."""
    config.update(fetch_from_db())


app = FastAPI(on_startup=[startup])


@app.post("/cart/{user}")
async def add(user: str, item: str):
    """Add to the cart."""
    with lock:
        carts.setdefault(user, []).append(item)
    Registry.seen.append(user)
    return COUNTRIES.get(user)
