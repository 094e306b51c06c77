"""Module state and the helpers that write it, called from every handler module."""
SESSIONS = {}
EVENTS = []
LIMITS = {"default": 10}


class Preferences:
    """Its attributes are set by the handler modules, not by its own code."""


PREFERENCES = Preferences()


def remember(key, value):
    """Writes module state of this module."""
    SESSIONS[key] = value


def record(event):
    """Writes, then reads through another helper."""
    EVENTS.append(event)
    return limit_for(event)


def limit_for(event):
    """Read-only."""
    return LIMITS.get(event, 0)


def put(mapping, key, value):
    """What it writes depends on what the caller passes."""
    mapping[key] = value


def walk_tree(node, depth):
    """Recursive, and writes on the way."""
    if depth:
        walk_tree(node, depth - 1)
    record(node)


def ping(value):
    """Mutual recursion with ``pong``."""
    return pong(value)


def pong(value):
    """Writes, then calls back ``ping``."""
    EVENTS.append(value)
    return ping(value)
