"""A class made a singleton by a project class decorator (``@Singleton``, reached through
``Cls.instance()``), beside a decorator whose method makes a new object on every call."""
# pylint: disable=missing-function-docstring,missing-class-docstring,too-few-public-methods
from threading import Lock

import tornado.web


class Singleton:
    def __init__(self, decorated):
        self._decorated = decorated
        self._lock = Lock()

    def instance(self):
        if not hasattr(self, "_instance"):
            with self._lock:
                self._instance = self._decorated()
        return self._instance


class Factory:
    def __init__(self, decorated):
        self._decorated = decorated

    def create(self):
        return self._decorated()  # look-alike: a new object on every call


@Singleton
class BotManager:
    def __init__(self):
        self.botnet = {}

    def add_bot(self, name, bot):
        self.botnet[name] = bot  # [request-mutates-shared-instance]


@Factory
class Basket:
    def __init__(self):
        self.items = []

    def add(self, item):
        self.items.append(item)


class BotHandler(tornado.web.RequestHandler):
    def get(self, name):
        BotManager.instance().add_bot(name, self)
        basket = Basket.create()
        basket.add(name)
        self.write({"items": basket.items})


SEEN = {}


class MonitorHandler(tornado.web.RequestHandler):
    bot_manager = BotManager.instance()  # the class body keeps the singleton
    limit = 10

    def initialize(self):
        self.seen = SEEN  # another name for the module's dict
        self.pending = {}  # look-alike: this handler's own dict

    def get(self, name):
        self.bot_manager.add_bot(name, self)
        self.seen[name] = True  # [request-mutates-module-state]
        self.pending[name] = self.limit
