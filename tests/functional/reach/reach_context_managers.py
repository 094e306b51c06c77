"""State changed by a ``with`` statement's context manager, and counters that ``next`` advances."""
# pylint: disable=missing-function-docstring,missing-class-docstring,too-few-public-methods
import itertools

from flask import Flask

app = Flask(__name__)


class Tracker:
    def __init__(self):
        self.active = {}

    def __enter__(self):
        self.active["current"] = 1  # [request-mutates-shared-instance]
        return self

    def __exit__(self, *exc):
        self.active.pop("current", None)


class ReadOnlyTimer:
    def __init__(self, labels):
        self.labels = labels

    def __enter__(self):
        return self.labels.get("timer")  # look-alike: only reads

    def __exit__(self, *exc):
        return False


class Gate:
    waiting = []

    async def __aenter__(self):
        Gate.waiting.append(self)  # [request-mutates-class-state]

    async def __aexit__(self, *exc):
        return False


TRACKER = Tracker()
TIMER = ReadOnlyTimer({"timer": "t"})
_ids = itertools.count(1)
_ROUTES = ("a", "b")


@app.route("/track")
def track():
    with TRACKER:
        return "ok"


@app.route("/timed")
def timed():
    with TIMER as label, open(__file__, encoding="utf-8") as handle:
        return label + handle.read(1)


@app.route("/gate")
async def gate():
    async with Gate():
        return "in"


@app.route("/jobs")
def new_job():
    job_id = next(_ids)  # [request-mutates-module-state]
    first = next(iter(_ROUTES))  # look-alike: a new iterator over a constant
    return f"{job_id}{first}"
