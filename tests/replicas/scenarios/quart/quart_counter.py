"""A Quart service with one piece of process state (``counts``) and a startup hook."""

from quart import Quart, make_response, request, websocket

app = Quart(__name__)
counts = {"count": 0}
started = {}


@app.before_serving
async def start() -> None:
    started["at"] = "startup"


@app.post("/count")
async def count():
    counts["count"] += 1
    return {"count": counts["count"]}


@app.post("/echo")
async def echo():
    body = await request.get_data(as_text=True)
    response = await make_response(
        {"body": body, "token": request.headers.get("X-Token"), "q": request.args.get("q")}, 201)
    response.headers["X-Served-By"] = "echo"
    return response


@app.post("/login/<user>")
async def login(user):
    response = await make_response({})
    response.set_cookie("sid", user)
    return response


@app.get("/whoami")
async def whoami():
    return {"user": request.cookies.get("sid")}


@app.get("/started")
async def was_started():
    return {"started": started.get("at")}


@app.websocket("/ws")
async def ws():
    await websocket.send(await websocket.receive())
