"""Bottle: module-level decorators and app methods."""
# pylint: disable=missing-function-docstring
import bottle
from bottle import Bottle, post, request

app = Bottle()
votes = {}
log = []


@post("/vote/<choice>")
def vote(choice):
    votes[choice] = votes.get(choice, 0) + 1  # [request-mutates-module-state]
    return votes


@app.get("/log")
def add_log():
    log.append(request.path)  # [request-mutates-module-state]


@bottle.route("/read")
def read():
    return dict(votes)
