"""Work started from the request path: callbacks handed to a library, partials."""
# pylint: disable=missing-function-docstring,missing-class-docstring,too-few-public-methods
import asyncio
import functools

from aiohttp import web

routes = web.RouteTableDef()


class Inspector:
    def __init__(self):
        self.workers = {}
        self.labels = {}

    def on_update(self, name, response):
        self.workers[name] = response  # [in-memory-job-status]

    def label(self, name):
        return self.labels.get(name, name)  # look-alike: only read


INSPECTOR = Inspector()


@routes.get("/inspect/{name}")
async def inspect(request):
    name = request.match_info["name"]
    loop = asyncio.get_running_loop()
    loop.call_soon(functools.partial(INSPECTOR.on_update, name, {}))
    names = sorted([name], key=INSPECTOR.label)
    return web.json_response(names)
