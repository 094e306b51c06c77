"""Long-lived service objects written per request, beside per-request objects."""
# pylint: disable=missing-function-docstring,missing-class-docstring,too-few-public-methods
import asyncio

import httpx
from fastapi import Depends, FastAPI, Request
from starlette.endpoints import HTTPEndpoint
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.routing import Route

app = FastAPI()


class OrderService:
    def __init__(self, db=None):
        self.db = db
        self.pending_orders = []
        self.current_user = None
        self.lock = asyncio.Lock()
        self._client = None

    def process(self, user_id, order):
        self.current_user = user_id  # [request-mutates-shared-instance]
        self.pending_orders.append(order)  # [request-mutates-shared-instance]
        return self.db

    async def client(self):
        if self._client is None:
            self._client = httpx.AsyncClient()  # a lazily created client: fine
        async with self.lock:
            return self._client


order_service = OrderService()


@app.post("/orders")
async def create_order(order: dict, user_id: str):
    await order_service.client()
    return order_service.process(user_id, order)


@app.post("/orders/direct")
async def direct(user_id: str):
    order_service.current_user = user_id  # [request-mutates-shared-instance]


@app.post("/orders/scoped")
async def scoped(order: dict, user_id: str):
    service = OrderService(db="session")  # one per request: fine
    service.current_user = user_id
    return service.process(user_id, order)


class Counter(BaseHTTPMiddleware):
    def __init__(self, asgi_app, label="x"):
        super().__init__(asgi_app)
        self.label = label  # set up once: fine
        self.seen = 0

    async def dispatch(self, request: Request, call_next):
        self.seen += 1  # [request-mutates-shared-instance]
        return await call_next(request)


app.add_middleware(Counter)


class Limiter:
    def __init__(self):
        self.calls = []

    def __call__(self, request: Request):
        self.calls.append(request.url.path)  # [request-mutates-shared-instance]
        return True


limiter = Limiter()


@app.get("/limited", dependencies=[Depends(limiter)])
async def limited():
    return "ok"


class Page(HTTPEndpoint):
    async def get(self, request):
        self.request_path = request.url.path  # one endpoint instance per request: fine
        return self.request_path


routes = [Route("/page", Page)]
