"""Tornado: ``self.settings``, ``tornado.options.options``, ``initialize`` arguments."""
# pylint: disable=missing-function-docstring,missing-class-docstring,too-few-public-methods
# pylint: disable=abstract-method,arguments-differ
import tornado.web
from tornado.options import options


class Registry:
    def __init__(self):
        self.workers = {}

    def register(self, name):
        self.workers[name] = "up"  # [request-mutates-shared-instance]


class BanHandler(tornado.web.RequestHandler):
    def post(self):
        self.settings["blacklisted_ips"].append(self.request.remote_ip)  # [request-mutates-shared-instance]
        self.settings["failed"][self.request.remote_ip] = 1  # [in-memory-rate-limiter]
        options.game_name = self.get_argument("name")  # [request-mutates-shared-instance]
        limit = self.settings["limit"]  # look-alike: only read
        self.write(str(limit))


class Scoreboard:
    @classmethod
    def update(cls, handler, team):
        handler.settings["history"][team] = 1  # [request-mutates-shared-instance]
        options = handler.settings.get("cookie_options", {})
        options.setdefault("path", team)  # [request-mutates-shared-instance]

    @staticmethod
    def render(page, team):
        page.settings[team] = 1  # look-alike: a plain object, not a handler


class Page:
    def __init__(self):
        self.settings = {}


class ScoreHandler(tornado.web.RequestHandler):
    def get(self, team):
        Scoreboard.update(self, team)
        Scoreboard.render(Page(), team)


class WorkerHandler(tornado.web.RequestHandler):
    def initialize(self, registry, label):
        self._registry = registry
        self._label = label

    def post(self, name):
        self._registry.register(name)
        self._label = name  # look-alike: the handler lives per request


def make_app(registry):
    return tornado.web.Application(
        [(r"/workers/(.*)", WorkerHandler, {"registry": registry, "label": "w"}),
         (r"/ban", BanHandler), (r"/score/(.*)", ScoreHandler)],
        blacklisted_ips=[], failed={}, limit=5, history={},
    )


def main():
    registry = Registry()
    make_app(registry).listen(8888)
