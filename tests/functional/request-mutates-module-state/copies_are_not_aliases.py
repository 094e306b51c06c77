"""A copy of shared state is a new object: changing it changes nothing shared (its
elements still are shared). A registry of classes is not a container of data."""
# pylint: disable=missing-function-docstring,missing-class-docstring,too-few-public-methods
import copy

from flask import Flask

app = Flask(__name__)
FORMATS = ["pdf", "epub"]
DEFAULTS = {"theme": "light"}
ORDERS = [{"id": 1, "items": []}]


class Standard:
    @classmethod
    def update(cls, data):
        return data


CLASSES = {"standard": Standard}


@app.get("/formats")
def formats():
    allowed = FORMATS[:]
    allowed.append("kepub")
    options = {**DEFAULTS}
    options["theme"] = "dark"
    names = list(FORMATS)
    names.remove("pdf")
    snapshot = copy.copy(DEFAULTS)
    snapshot.clear()
    also = DEFAULTS.copy()
    also.update({"x": 1})
    CLASSES["standard"].update({})  # a method of a registered class
    return {}


@app.post("/orders")
def orders():
    first = ORDERS[:][0]
    first["items"].append("x")  # [request-mutates-module-state]
    FORMATS.append("mobi")  # [request-mutates-module-state]
    return {}
