"""A route decorator applied by a call, and an app known by a parameter's annotation."""
# pylint: disable=missing-function-docstring
from flask import Flask

counts = {}
visits = []
notes = []


def count():
    counts["hits"] = counts.get("hits", 0) + 1  # [request-mutates-module-state]
    return "ok"


def unregistered():
    notes.append(1)
    return "never served"


def register(app: Flask):
    """Routes declared on an app passed in: its annotation says what it is."""
    app.route("/count")(count)

    @app.route("/visit")
    def visit():
        visits.append(1)  # [request-mutates-module-state]
        return "ok"

    return visit
