"""A shared object made in a package's ``__init__`` from its own submodule."""
# pylint: disable=missing-function-docstring
from fastapi import FastAPI

from reach_pkg import service, store

app = FastAPI()


@app.post("/seen/{name}")
def seen(name: str):
    service.seen.append(name)  # [request-mutates-shared-instance]
    other = store.Service()  # look-alike: made per request
    other.seen.append(name)
    return {"limit": service.limit}
