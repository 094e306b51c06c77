"""Objects attached to the application at setup: in a factory, or in an application
subclass; reached per request through the application."""
# pylint: disable=missing-function-docstring,missing-class-docstring,too-few-public-methods
import tornado.web
from flask import Flask, current_app


class EventBus:
    def __init__(self):
        self.clients = []

    def subscribe(self, client):
        self.clients.append(client)  # [request-mutates-shared-instance]


class Tracker:
    def __init__(self):
        self.seen = {}

    def mark(self, key):
        self.seen[key] = 1  # [request-mutates-shared-instance]


class Options:
    tracker = None


def init_tracking(app, options):
    """A set-up helper: what it sets on the application it is given is set up."""
    app.tracker = Tracker()
    options.audit = Tracker()  # not the application


def create_app():
    app = Flask(__name__)
    app.events = EventBus()
    app.title = "shop"
    init_tracking(app, Options())
    return app


def track():
    current_app.tracker.mark("visit")
    current_app.audit.mark("visit")  # look-alike: not set on the application
    return "ok"


def subscribe():
    current_app.events.subscribe(object())
    return current_app.title  # look-alike: only read


class Server(tornado.web.Application):
    def __init__(self):
        super().__init__([(r"/hits", HitsHandler)])
        self.hits = {}
        self.name = "server"


class HitsHandler(tornado.web.RequestHandler):
    def post(self):
        self.application.hits[self.request.remote_ip] = 1  # [in-memory-rate-limiter]
        self.write(self.application.name)  # look-alike: only read


flask_app = create_app()
flask_app.add_url_rule("/subscribe", view_func=subscribe)
flask_app.add_url_rule("/track", view_func=track)
