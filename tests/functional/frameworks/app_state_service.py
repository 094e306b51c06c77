"""Application-scoped state: written in a handler it is shared; in start-up code it is setup."""
# pylint: disable=missing-function-docstring
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request
from flask import Flask, current_app, g


@asynccontextmanager
async def lifespan(application: FastAPI):
    application.state.client = httpx.AsyncClient()  # setup: fine
    application.state.visits = 0
    yield


app = FastAPI(lifespan=lifespan)
web = Flask(__name__)


@app.post("/visits")
async def count_visit(request: Request):
    request.app.state.visits += 1  # [request-mutates-shared-instance]
    app.state.last_visitor = request.client.host  # [request-mutates-shared-instance]
    request.app.state.cache["last"] = request.url.path  # [process-local-cache]
    await request.app.state.client.get("https://example.invalid")  # a resource: fine
    request.state.user = "someone"  # per request: fine
    if not hasattr(request.app.state, "limiter"):
        request.app.state.limiter = httpx.AsyncClient()  # a client created lazily: fine
    return request.app.state.visits


@web.route("/maintenance")
def maintenance():
    current_app.config["MAINTENANCE"] = True  # [request-mutates-shared-instance]
    web.config.update(READ_ONLY=True)  # [request-mutates-shared-instance]
    g.started = True  # per request: fine
    return str(current_app.config["DEBUG"])


def app_local_store():
    """Created on first use, the same dict ever after: not a per-request change."""
    return current_app.config.setdefault("_app_local_store", {})


@web.route("/store")
def store_view():
    app_local_store()
    current_app.config.setdefault("FEATURES", [])  # idempotent initialisation: fine
    current_app.config.setdefault("SESSIONS", {})[g.user] = "logged in"  # [request-mutates-shared-instance]
    counters = current_app.config.setdefault("COUNTERS", {})
    counters[g.user] = counters.get(g.user, 0) + 1  # [request-mutates-shared-instance]
    current_app.config.setdefault(g.user, {})  # [request-mutates-shared-instance]
    return "ok"
