"""Classes declared in stateless-resource-types are process resources, never state."""
# pylint: disable=missing-function-docstring,global-statement,too-few-public-methods
from fastapi import FastAPI

app = FastAPI()


class Pool:
    """An in-house connection pool."""

    def __init__(self):
        self.free = []


class Registry:
    """An in-house registry: real state."""

    def __init__(self):
        self.free = []


_pool = None
_registry = None


@app.post("/x")
def handler():
    global _pool, _registry
    _pool = Pool()
    _registry = Registry()  # [request-rebinds-global]
