"""Helpers called from the routes module; the mutation is two calls away."""
_seen = {}
_registered = []


def _store(key, value):
    _seen[key] = value


def remember(key, value):
    _store(key, value)


def lookup(key):
    return _seen.get(key)


def unregistered_handler():
    _registered.append(1)
    return "ok"
