"""The service class."""
# pylint: disable=missing-function-docstring,missing-class-docstring,too-few-public-methods


class Service:
    def __init__(self):
        self.seen = []
        self.limit = 10
