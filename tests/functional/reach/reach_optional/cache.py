"""A cache of authors, filled per request."""
# pylint: disable=missing-function-docstring
_AUTHORS = {}


def author(name):
    if name not in _AUTHORS:
        _AUTHORS[name] = {"name": name}
    return _AUTHORS[name]
