"""An in-house web wrapper."""


def endpoint(path):
    """Register a handler (stands in for a framework wrapper)."""
    def decorate(func):
        func.path = path
        return func
    return decorate


def other(path):
    """Not a route decorator."""
    return endpoint(path)


class Handler:
    """Base of in-house handlers, instantiated per request."""


class Service:
    """Base of in-house services, one instance for the process."""
