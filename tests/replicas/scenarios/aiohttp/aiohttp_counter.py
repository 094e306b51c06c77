"""An aiohttp service with one piece of process state (``counts``), built by a factory,
with startup and cleanup signals."""

import multiprocessing
import os

from aiohttp import web

counts = {"count": 0}
STARTED = web.AppKey("started", str)


async def count(request: web.Request) -> web.Response:
    counts["count"] += 1
    return web.json_response({"count": counts["count"]})


async def echo(request: web.Request) -> web.Response:
    return web.json_response(
        {"body": await request.text(), "token": request.headers.get("X-Token"),
         "q": request.query.get("q")}, status=201, headers={"X-Served-By": "echo"})


async def login(request: web.Request) -> web.Response:
    response = web.json_response({})
    response.set_cookie("sid", request.match_info["user"])
    return response


async def whoami(request: web.Request) -> web.Response:
    return web.json_response({"user": request.cookies.get("sid")})


async def stream(request: web.Request) -> web.StreamResponse:
    response = web.StreamResponse(headers={"Content-Type": "text/plain"})
    await response.prepare(request)
    for chunk in (b"a;", b"b;", b"c;"):
        await response.write(chunk)
    await response.write_eof()
    return response


async def started(request: web.Request) -> web.Response:
    return web.json_response({"started": request.app.get(STARTED)})


async def ws(request: web.Request) -> web.WebSocketResponse:
    socket = web.WebSocketResponse()
    await socket.prepare(request)
    message = await socket.receive_str()
    await socket.send_str(message)
    await socket.close()
    return socket


async def on_startup(app: web.Application) -> None:
    app[STARTED] = "yes"
    with open(os.environ["REPLICAS_LOG"], "a", encoding="utf-8") as file:
        file.write(f"startup {os.getpid()} {where()}\n")


async def on_cleanup(app: web.Application) -> None:
    with open(os.environ["REPLICAS_LOG"], "a", encoding="utf-8") as file:
        file.write(f"shutdown {os.getpid()} {where()}\n")


def where() -> str:
    """The role of this process: "copy" if multiprocessing started it, else "test"."""
    return "copy" if multiprocessing.parent_process() is not None else "test"


def create_app() -> web.Application:
    app = web.Application()
    app.router.add_post("/count", count)
    app.router.add_post("/echo", echo)
    app.router.add_post("/login/{user}", login)
    app.router.add_get("/whoami", whoami)
    app.router.add_get("/stream", stream)
    app.router.add_get("/started", started)
    app.router.add_get("/ws", ws)
    app.on_startup.append(on_startup)
    app.on_cleanup.append(on_cleanup)
    return app
