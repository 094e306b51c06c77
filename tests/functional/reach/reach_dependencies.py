"""FastAPI dependencies that return one object for the process, and those that make one
per request."""
# pylint: disable=missing-function-docstring,missing-class-docstring,too-few-public-methods
from typing import Annotated

from fastapi import Depends, FastAPI

app = FastAPI()


class Counter:
    def __init__(self):
        self.hits = []


_counter = Counter()
_audit = Counter()


def get_counter():
    return _counter


def get_audit():
    return _audit


def make_counter():
    return Counter()


@app.get("/count")
def count(counter: Counter = Depends(get_counter)):
    counter.hits.append(1)  # [request-mutates-shared-instance]
    return len(counter.hits)


@app.get("/audit")
def audit(log: Annotated[Counter, Depends(get_audit)]):
    log.hits.append(1)  # [request-mutates-shared-instance]


@app.get("/fresh")
def fresh(counter: Counter = Depends(make_counter)):
    counter.hits.append(1)  # look-alike: a new object per request
