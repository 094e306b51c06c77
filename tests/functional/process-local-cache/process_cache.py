"""Caches filled per request in process memory, beside memoised pure functions."""
# pylint: disable=missing-function-docstring
import functools

from cachetools import TTLCache
from flask import Flask

app = Flask(__name__)
user_preferences_cache = {}
rendered = TTLCache(maxsize=100, ttl=60)
_memo = {}


def load_user(user_id):
    return {"id": user_id}


def _cached_user(user_id):
    if user_id not in _memo:
        _memo[user_id] = load_user(user_id)  # [process-local-cache]
    return _memo[user_id]


@functools.lru_cache(maxsize=128)
def slugify(text):
    return text.lower().replace(" ", "-")


@app.put("/preferences/<user_id>")
def update_preferences(user_id):
    user_preferences_cache[user_id] = {"theme": "dark"}  # [process-local-cache]
    rendered[user_id] = "<html>"  # [process-local-cache]
    return _cached_user(user_id), slugify(user_id)
