"""Routes defined inside a method of a server class: ``self`` is the server."""
# pylint: disable=missing-function-docstring,missing-class-docstring,too-few-public-methods
from aiohttp import web


class Server:
    def __init__(self):
        self.sockets = {}
        self.app = web.Application()
        routes = web.RouteTableDef()

        @routes.get("/ws")
        async def websocket(request):
            ws = web.WebSocketResponse()
            self.sockets[request.query["id"]] = ws  # [process-local-connection-registry]
            return ws

        self.app.add_routes(routes)

    def handle(self, item):
        def helper():
            return len(item)  # look-alike: a nested helper, not a route

        return helper()
