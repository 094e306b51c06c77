"""State shared by the handlers."""
import threading

carts = {}
COUNTRIES = {"fr": "France"}
config = {}
lock = threading.Lock()


class Registry:
    """Class-level state."""

    handlers = []
    seen = []
