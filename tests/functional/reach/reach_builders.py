"""What a function that builds the application hands its routes: the objects it made,
the application passed in (annotated), and the object whose own methods it registers."""
# pylint: disable=missing-function-docstring,missing-class-docstring,too-few-public-methods
from fastapi import APIRouter, FastAPI
from flask import Flask

PINGS = []


def create_app():
    app = Flask(__name__)
    visits = {}
    greeting = "hi"

    @app.route("/visit/<name>")
    def visit(name):
        visits[name] = visits.get(name, 0) + 1  # [request-mutates-module-state]
        seen = []
        seen.append(name)  # look-alike: made per request
        return greeting

    return app


def register(api: FastAPI) -> None:
    @api.get("/ping")
    def ping():
        PINGS.append(1)  # [request-mutates-module-state]
        return "pong"


class Routes:
    def __init__(self, router: APIRouter):
        self.hits = []
        router.add_api_route("/hit", self.hit)

    def hit(self):
        self.hits.append(1)  # [request-mutates-shared-instance]
        return len(self.hits)
