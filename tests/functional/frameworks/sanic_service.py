"""Sanic: app and blueprint routes, listeners, class-based views, ``app.ctx``."""
# pylint: disable=missing-function-docstring,missing-class-docstring
from sanic import Blueprint, Sanic
from sanic.response import json
from sanic.views import HTTPMethodView

app = Sanic("shop")
bp = Blueprint("items")
carts = {}


@app.get("/cart/<user>")
async def add(request, user):
    carts.setdefault(user, []).append(request.args.get("item"))  # [request-mutates-module-state]
    request.app.ctx.last_user = user  # [request-mutates-shared-instance]
    return json(carts[user])


@bp.post("/items")
async def items(request):
    app.ctx.items.append(request.json)  # [request-mutates-shared-instance]
    return json({})


@app.before_server_start
async def setup(app_, _loop):
    app_.ctx.items = []  # setup: fine
    app_.ctx.last_user = None


class ItemView(HTTPMethodView):
    async def get(self, request):
        self.request = request  # per request: fine
        return json({})
