"""Falcon: a resource instance answers every request."""
# pylint: disable=missing-function-docstring,missing-class-docstring,too-few-public-methods
import falcon


class ThingsResource:
    def __init__(self):
        self.things = []  # set up once: fine

    def on_get(self, req, resp):
        resp.media = self.things

    def on_post(self, req, resp):
        self.things.append(req.media)  # [request-mutates-shared-instance]
        self.last = req.media  # [request-mutates-shared-instance]
        resp.status = falcon.HTTP_201

    def helper(self):
        self.things.clear()  # not a responder: not a request path by itself


app = falcon.App()
app.add_route("/things", ThingsResource())
