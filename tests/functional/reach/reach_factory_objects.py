"""Objects made at start-up and handed to the routes: factory parameters, closures."""
# pylint: disable=missing-function-docstring,missing-class-docstring,too-few-public-methods
from flask import Blueprint, Flask


class Store:
    def __init__(self, path):
        self.path = path
        self.items = {}

    def put(self, key, value):
        self.items[key] = value  # [request-mutates-shared-instance]


def make_blueprint(store, prefix):
    bp = Blueprint("items", __name__, url_prefix=prefix)

    @bp.route("/items/<key>", methods=["POST"])
    def put_item(key):
        store.items[key] = "x"  # [request-mutates-shared-instance]
        store.put(key, "y")
        return "ok"

    @bp.route("/prefix")
    def show_prefix():
        local = Store("tmp")  # look-alike: an object made per request
        local.items["p"] = prefix
        return prefix

    return bp


def create_app(store):
    app = Flask(__name__)
    app.register_blueprint(make_blueprint(store, "/api"))
    return app


def main():
    store = Store("/var/lib/items")  # lives as long as the application
    create_app(store).run()
