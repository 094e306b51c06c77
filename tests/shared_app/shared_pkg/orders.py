"""FastAPI handlers."""
from fastapi import APIRouter, Request

from . import jobs, store
from .store import put, remember

router = APIRouter()
ORDERS = {}
AUDIT = []


def forget(order_id):
    """Called back from jobs.cancel."""
    AUDIT.append(order_id)


@router.post("/orders/{order_id}")
def create(order_id: str, request: Request):
    """Create an order."""
    store.PREFERENCES.theme = order_id  # depend on which module a process built first
    remember(order_id, "order")
    put(ORDERS, order_id, 1)
    put(request.app.state.orders, order_id, 1)
    store.walk_tree(order_id, 3)
    return {}


@router.delete("/orders/{order_id}")
def cancel(order_id: str):
    """Cancel through the jobs module, which imports this one."""
    jobs.cancel(order_id)
    store.ping(order_id)
    return {}
