"""In-house base classes declared per request or shared with the base-class options."""
# pylint: disable=missing-function-docstring,missing-class-docstring,too-few-public-methods
from options_web import Handler, Service

audit = []


class PerRequest(Handler):
    def handle(self, item):
        self.item = item  # one instance per request: fine
        audit.append(item)  # [request-mutates-module-state]


class Shared(Service):
    def __init__(self):
        self.calls = 0  # setup: fine

    def handle(self, item):
        self.calls += 1  # [request-mutates-shared-instance]
        return item


class Unrelated:
    def handle(self, item):
        audit.append(item)  # not an entry point
