"""State named in stateless-ignore-names is never reported."""
# pylint: disable=missing-function-docstring
from fastapi import FastAPI

app = FastAPI()
metrics_buffer = []
debug_log = []
carts = {}


@app.post("/x")
def handler(item: str):
    metrics_buffer.append(item)
    debug_log.append(item)
    carts[item] = 1  # [request-mutates-module-state]
