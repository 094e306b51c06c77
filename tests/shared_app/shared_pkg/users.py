"""Flask handlers reaching the same helpers with other arguments."""
from flask import Blueprint, current_app

from . import jobs, store
from .store import ping, put, record, remember, walk_tree

bp = Blueprint("users", __name__)
USERS = {}


@bp.route("/users/<uid>", methods=["POST"])
def add(uid):
    """Add a user."""
    record(uid)
    store.PREFERENCES.theme = uid  # also set in orders.py: where it is declared must not
    remember(uid, "user")
    put(USERS, uid, 1)
    put(current_app.config, uid, 1)
    walk_tree(uid, 2)
    ping(uid)
    return ""


@bp.route("/users/<uid>/orders/<oid>", methods=["DELETE"])
def drop_order(uid, oid):
    """Reaches the orders module through jobs."""
    jobs.cancel(oid)
    return uid
