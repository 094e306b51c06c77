"""``# pylint: disable`` works on the line and for a whole function."""
# pylint: disable=missing-function-docstring
from fastapi import FastAPI

app = FastAPI()
carts = {}


@app.post("/a")
def line_disabled(key: str):
    carts[key] = 1  # pylint: disable=request-mutates-module-state
    carts[key + "x"] = 2  # [request-mutates-module-state]


@app.post("/b")
def scope_disabled(key: str):
    # pylint: disable=request-mutates-module-state
    carts[key] = 1
    carts.pop(key)
