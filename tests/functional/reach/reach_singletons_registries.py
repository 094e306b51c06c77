"""Singletons kept on a class, registries of objects, optional imports, and a WSGI
middleware wrapping the application."""
# pylint: disable=missing-function-docstring
from flask import Flask

import reach_optional
from reach_singletons_helpers import PROCESSORS, ReverseProxied, Server, Worker

app = Flask(__name__)
app.wsgi_app = ReverseProxied(app.wsgi_app)  # [request-mutates-shared-instance]


@app.post("/tasks/<task>")
def add_task(task):
    Worker.add(task)  # [request-mutates-shared-instance, request-mutates-shared-instance]
    Server.current.events.append(task)  # [request-mutates-shared-instance]
    PROCESSORS[task].fail()  # [request-mutates-module-state]
    reach_optional.cache.author(task)  # [request-mutates-module-state]
    local = Worker()  # look-alike: made per request
    local.queue.append(task)
    return "ok"
