"""Imports a handler module back: its summaries depend on which module is linted."""
from . import orders


def cancel(order_id):
    """Writes the handler module's own state."""
    orders.ORDERS.pop(order_id, None)
    orders.forget(order_id)
