"""stateless-frameworks limits the tables in use: Flask routes are ignored here."""
# pylint: disable=missing-function-docstring
from fastapi import FastAPI
from flask import Flask

api = FastAPI()
web = Flask(__name__)
carts = {}


@api.post("/x")
def fastapi_handler(key: str):
    carts[key] = 1  # [request-mutates-module-state]


@web.route("/y")
def flask_handler():
    carts["y"] = 1  # the flask table is switched off
    return "ok"
