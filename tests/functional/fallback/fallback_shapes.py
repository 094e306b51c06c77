"""No framework importable: entry points recognised by the shape of the decorator."""
# pylint: disable=missing-function-docstring,import-error
from mystery_framework import App, cache

app = App()
users = {}
tokens = {}


@app.get("/users/{uid}")
def get_user(uid):
    users[uid] = True  # [request-mutates-module-state]


@app.route("/tokens", methods=["POST"])
def add_token(token):
    tokens[token] = True  # [in-memory-session-store]


@cache.get("users")
def not_a_route(uid):
    users[uid] = False  # the argument is not a path: not a route


@app.get(some_path)  # pylint: disable=undefined-variable
def unknown_path(uid):
    users[uid] = None  # a path that is not a literal: not recognised
