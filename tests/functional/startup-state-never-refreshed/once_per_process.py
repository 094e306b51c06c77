"""One-time initialisation is set-up, not a per-request change: guarded by a test of its
target, of a constant key, or of a flag the guarded block sets, here or in the caller."""
# pylint: disable=missing-function-docstring,global-statement,invalid-name
import json
import threading

from flask import Flask, request

app = Flask(__name__)
_lock = threading.Lock()
_plugins = None
_ready = False
_settings = {}
_registry = {}
_profiles = None
store = {}
seen = {}
_paths = {"binary": ""}
_flags = None
_loaded = []
_modules = {}
_validators = ["builtin"]
_per_key = {}


class Settings:
    binary_dir = ""


def fetch_profiles_from_db():
    return {}


def _load_plugins():
    global _plugins
    _plugins = json.loads("[]")


def _load_settings():
    global _ready
    with _lock:
        if not _ready:
            _settings.update(json.loads("{}"))  # a flag the block sets
            _ready = True


@app.get("/plugins")
def plugins():
    if _plugins is None:
        _load_plugins()  # guarded in the caller
    _load_settings()
    if "config" not in store:
        store["config"] = json.loads("{}")  # a constant key, set once
    return {}


@app.get("/users/<user>")
def user(user):
    if user not in seen:
        seen[user] = True  # [request-mutates-module-state]
    if "first" not in store:
        store["first"] = request.args.get("name")  # [request-mutates-module-state]
    return {}


@app.get("/profiles")
def profiles():
    global _profiles
    if _profiles is None:
        _profiles = fetch_profiles_from_db()  # [startup-state-never-refreshed]
    return _profiles


@app.post("/settings")
def save_settings():
    global _flags
    if Settings.binary_dir:  # set: the block changes it, it does not set it up
        Settings.binary_dir = Settings.binary_dir.rstrip("/")  # [request-mutates-class-state]
    if _flags is not None:
        _flags = request.args.get("flags")  # [request-rebinds-global]
    if "binary" in _paths:
        _paths["binary"] = request.args.get("binary")  # [request-mutates-module-state]
    if len(_loaded) == 0:
        _loaded.extend(json.loads("[]"))  # empty: filled once
    return {}


@app.get("/validators")
def validators():
    if "email" not in _modules:  # a block that sets the key it tests runs once
        _validators.append("default")
        _modules["email"] = list(_validators)
    return _modules["email"]


@app.get("/keys/<key>")
def keys(key):
    if key not in _per_key:  # a key from the request: a new entry per request
        _validators.append("extra")  # [request-mutates-module-state]
        _per_key[key] = True  # [request-mutates-module-state]
    return {}
