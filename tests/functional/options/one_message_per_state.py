"""One message per state and module: at its first place, naming every entry point that
reaches it. A ``disable`` on that line silences it."""
# pylint: disable=missing-function-docstring
from flask import Flask

app = Flask(__name__)
carts = {}
visits = {}
log = []


@app.post("/cart/<user>")
def add(user):
    carts.setdefault(user, []).append("x")  # [request-mutates-module-state]
    log.append(user)  # pylint: disable=request-mutates-module-state


@app.delete("/cart/<user>")
def clear(user):
    carts.pop(user, None)  # the same state: named in the first message
    log.append(user)


@app.get("/visit/<page>")
def visit(page):
    visits[page] = visits.get(page, 0) + 1  # [request-mutates-module-state]
