"""A service module holding one shared instance."""


class CartService:
    """Keeps carts on the instance."""

    def __init__(self):
        self.carts = {}

    def add(self, uid, item):
        """Add an item."""
        self.carts.setdefault(uid, []).append(item)


cart_service = CartService()
