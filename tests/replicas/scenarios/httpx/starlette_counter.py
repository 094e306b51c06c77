"""A Starlette service with one piece of process state (``counts``)."""

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, StreamingResponse
from starlette.routing import Route

counts = {"count": 0}


async def count(request: Request) -> JSONResponse:
    counts["count"] += 1
    return JSONResponse({"count": counts["count"]})


async def echo(request: Request) -> JSONResponse:
    return JSONResponse(
        {"body": (await request.body()).decode(), "token": request.headers.get("x-token"),
         "q": request.query_params.get("q")}, status_code=201, headers={"X-Served-By": "echo"})


async def login(request: Request) -> JSONResponse:
    response = JSONResponse({})
    response.set_cookie("sid", request.path_params["user"])
    return response


async def whoami(request: Request) -> JSONResponse:
    return JSONResponse({"user": request.cookies.get("sid")})


async def stream(request: Request) -> StreamingResponse:
    async def chunks():
        for chunk in (b"a;", b"b;", b"c;"):
            yield chunk

    return StreamingResponse(chunks(), media_type="text/plain")


app = Starlette(routes=[
    Route("/count", count, methods=["POST"]),
    Route("/echo", echo, methods=["POST"]),
    Route("/login/{user}", login, methods=["POST"]),
    Route("/whoami", whoami),
    Route("/stream", stream),
])
