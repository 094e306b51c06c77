"""stateless-max-depth bounds how far helpers are followed."""
# pylint: disable=missing-function-docstring
from fastapi import FastAPI

app = FastAPI()
near = {}
far = {}


def level1(key):
    near[key] = 1  # [request-mutates-module-state]
    level2(key)


def level2(key):
    far[key] = 1  # two calls away: beyond a depth of 1


@app.post("/x")
def handler(key: str):
    level1(key)
