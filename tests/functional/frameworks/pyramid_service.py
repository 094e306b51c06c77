"""Pyramid: ``@view_config`` functions and classes (built per request), ``add_view``."""
# pylint: disable=missing-function-docstring,missing-class-docstring,too-few-public-methods
from pyramid.config import Configurator
from pyramid.view import view_config

likes = {}


@view_config(route_name="like", renderer="json")
def like(request):
    likes[request.matchdict["id"]] = True  # [request-mutates-module-state]
    return likes


class Views:
    def __init__(self, request):
        self.request = request  # one instance per request: fine

    @view_config(route_name="unlike", renderer="json")
    def unlike(self):
        self.seen = True
        likes.pop(self.request.matchdict["id"], None)  # [request-mutates-module-state]
        return {}


def plain(request):
    likes.clear()  # [request-mutates-module-state]
    return request


def main():
    config = Configurator()
    config.add_view(plain, route_name="plain")
    return config.make_wsgi_app()
