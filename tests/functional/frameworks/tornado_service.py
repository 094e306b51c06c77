"""Tornado: one handler instance per request; class attributes are shared."""
# pylint: disable=missing-function-docstring,missing-class-docstring,abstract-method
import tornado.web
import tornado.websocket

cache = {}


class ChatSocket(tornado.websocket.WebSocketHandler):
    waiters = set()
    history = []

    def open(self, *args, **kwargs):
        self.room = "lobby"  # per connection: fine
        ChatSocket.waiters.add(self)  # [process-local-connection-registry]

    def on_message(self, message):
        self.history.append(message)  # [request-mutates-class-state]

    def on_close(self):
        ChatSocket.waiters.remove(self)  # [process-local-connection-registry]


class Page(tornado.web.RequestHandler):
    def get(self, key):
        self.key = key  # per request: fine
        cache[key] = self.request.uri  # [process-local-cache]
        self.application.settings["last"] = key  # [request-mutates-shared-instance]
        self.write(cache[key])


def make_app():
    return tornado.web.Application([(r"/chat", ChatSocket), (r"/page/(.*)", Page)])
