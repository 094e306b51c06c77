"""Litestar: handler decorators and controllers, which are shared by every request."""
# pylint: disable=missing-function-docstring,missing-class-docstring
from litestar import Controller, Litestar, Request, get, post

seen = []


@get("/seen")
async def list_seen() -> list:
    seen.append("x")  # [request-mutates-module-state]
    return seen


class OrderController(Controller):
    path = "/orders"

    def __init__(self, owner):
        super().__init__(owner)
        self.created = 0  # set up once: fine

    @post("/")
    async def create(self, request: Request) -> dict:
        self.created += 1  # [request-mutates-shared-instance]
        request.app.state.last_order = self.created  # [request-mutates-shared-instance]
        return {}


app = Litestar(route_handlers=[list_seen, OrderController])
