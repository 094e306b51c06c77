"""Business logic, with a service object created once for the whole process."""

import secrets

from .state import PRICES, carts


def add_to_cart(user: str, item: str) -> list[str]:
    """Put an item in a user's cart."""
    cart = carts.setdefault(user, [])
    cart.append(item)
    return cart


class OrderService:
    """Places orders; one instance is shared by every request."""

    def __init__(self) -> None:
        self.current_user: str | None = None
        self.orders: list[dict] = []

    def place(self, user: str) -> dict:
        """Turn a cart into an order."""
        self.current_user = user
        order = {"id": secrets.token_hex(4), "user": user,
                 "total": sum(PRICES[i] for i in carts.get(user, []))}
        self.orders.append(order)
        return order

    def history(self, user: str) -> list[dict]:
        """Orders placed by a user."""
        return [order for order in self.orders if order["user"] == user]


order_service = OrderService()
