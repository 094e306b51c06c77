"""aiohttp: route tables, router methods, views, middleware, and ``request.app`` state."""
# pylint: disable=missing-function-docstring,missing-class-docstring
import weakref

from aiohttp import web

routes = web.RouteTableDef()
visits = []
sockets_key = web.AppKey("sockets_key", dict)


@routes.get("/visits")
async def list_visits(request):
    visits.append(request.path)  # [request-mutates-module-state]
    return web.json_response(visits)


async def websocket_handler(request):
    socket = web.WebSocketResponse()
    await socket.prepare(request)
    request.app["websockets"].add(socket)  # [process-local-connection-registry]
    request.app["counter"] += 1  # [request-mutates-shared-instance]
    request.app["db"].add(socket)  # a resource kept on the app: not state
    request.app[sockets_key][request.remote] = socket  # [process-local-connection-registry]
    return socket


class Item(web.View):
    async def post(self):
        self.body = await self.request.json()  # one view instance per request: fine
        self.request.app["last_item"] = self.body  # [request-mutates-shared-instance]
        return web.json_response(self.body)


@web.middleware
async def count_requests(request, handler):
    request.config_dict["hits"] = request.config_dict.get("hits", 0) + 1  # [request-mutates-shared-instance]
    return await handler(request)


async def on_startup(app):
    app["websockets"] = weakref.WeakSet()  # setup, not a request
    app["counter"] = 0
    app["db"] = object()


def make_app():
    app = web.Application(middlewares=[count_requests])
    app.add_routes(routes)
    app.router.add_get("/ws", websocket_handler)
    app.router.add_view("/item", Item)
    app.on_startup.append(on_startup)
    return app
