"""Flask and Quart entry points: routes, hooks, error handlers, add_url_rule, class views."""
# pylint: disable=missing-function-docstring,missing-class-docstring
from flask import Blueprint, Flask, g, request, session
from flask.views import MethodView
from flask_restful import Resource  # pylint: disable=import-error
from quart import Quart

app = Flask(__name__)
bp = Blueprint("shop", __name__)
qapp = Quart(__name__)
audit = []
errors = []
hooks = []
views = []
quart_calls = []


@bp.get("/items/<item>")
def get_item(item):
    audit.append(item)  # [request-mutates-module-state]
    return item


@app.before_request
def before():
    hooks.append(request.path)  # [request-mutates-module-state]
    g.user = "someone"  # per-request objects: never state
    session["seen"] = True


@app.errorhandler(404)
def not_found(error):
    errors.append(error)  # [request-mutates-module-state]
    return "missing", 404


def plain_view():
    views.append(1)  # [request-mutates-module-state]
    return "ok"


app.add_url_rule("/plain", "plain", plain_view)


class ItemView(MethodView):
    def post(self):
        self.last = request.json  # one instance per request: fine
        views.append(self.last)  # [request-mutates-module-state]
        return "ok"


app.add_url_rule("/view", view_func=ItemView.as_view("items"))


class Todo(Resource):  # registered with api.add_resource(Todo, "/todo")
    def put(self, todo_id):
        self.todo_id = todo_id  # one resource instance per request: fine
        views.append(todo_id)  # [request-mutates-module-state]
        return [hook.upper() for hook in hooks if hook]


@qapp.route("/q")
async def quart_route():
    quart_calls.append(1)  # [request-mutates-module-state]
    return "ok"


@app.cli.command("seed")
def seed():
    audit.append("seeded")  # a CLI command is not the request path
