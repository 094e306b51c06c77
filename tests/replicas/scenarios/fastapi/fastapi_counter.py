"""A FastAPI service with one piece of process state (``counts``) and endpoints that
must round-trip unchanged through the copies."""

import contextlib
import multiprocessing
import os

from fastapi import Depends, FastAPI, Request, Response, WebSocket
from fastapi.responses import JSONResponse, StreamingResponse

counts = {"count": 0}


def where() -> str:
    """The role of this process: "copy" if multiprocessing started it, else "test"."""
    return "copy" if multiprocessing.parent_process() is not None else "test"


def log(event: str) -> None:
    """Note a lifespan event with the process id, for the outer test to count."""
    with open(os.environ["REPLICAS_LOG"], "a", encoding="utf-8") as file:
        file.write(f"{event} {os.getpid()} {where()}\n")


@contextlib.asynccontextmanager
async def lifespan(_: FastAPI):
    log("startup")
    yield {"started": "yes"}
    log("shutdown")


app = FastAPI(lifespan=lifespan)


@app.post("/count")
def count() -> dict:
    counts["count"] += 1
    return {"count": counts["count"]}


@app.post("/echo")
async def echo(request: Request) -> JSONResponse:
    body = await request.body()
    return JSONResponse(
        {"body": body.decode(), "token": request.headers.get("x-token"),
         "q": request.query_params.get("q")},
        status_code=201, headers={"X-Served-By": "echo"},
    )


@app.post("/login/{user}")
def login(user: str, response: Response) -> dict:
    response.set_cookie("sid", user)
    return {}


@app.get("/whoami")
def whoami(request: Request) -> dict:
    return {"user": request.cookies.get("sid")}


@app.get("/stream")
def stream() -> StreamingResponse:
    return StreamingResponse(iter([b"a;", b"b;", b"c;"]), media_type="text/plain")


@app.get("/started")
def started(request: Request) -> dict:
    return {"started": request.state.started}


def current_user() -> str:
    """The user a request is made for (a test overrides it)."""
    return "anonymous"


@app.get("/user")
def user(name: str = Depends(current_user)) -> dict:
    return {"user": name}


@app.get("/boom")
def boom() -> dict:
    raise LookupError("no such thing")


@app.websocket("/ws")
async def ws(websocket: WebSocket) -> None:
    await websocket.accept()
    await websocket.send_text(await websocket.receive_text())
    await websocket.close()
