"""In-memory "storage" shared by the handlers."""

carts: dict[str, list[str]] = {}
sessions: dict[str, str] = {}
PRICES = {"apple": 3, "pear": 4}  # read-only: not a finding
