"""BlackSheep: routes on the application's router and the default router; a controller is
built per request, middleware and the application serve every request."""
# pylint: disable=missing-function-docstring,missing-class-docstring,too-few-public-methods
from blacksheep import Application, Request, WebSocket, get, json, ws
from blacksheep.server.controllers import Controller, post
from guardpost import AuthenticationHandler, Identity

app = Application()
likes = {}
sockets = []
visits = []
reviews = []
unliked = []
delete = app.router.delete  # the router's method under its own name


@app.router.get("/likes/{post_id}")  # the router's class is compiled: known by its shape
async def like(post_id: int):
    likes[post_id] = likes.get(post_id, 0) + 1  # [request-mutates-module-state]
    return json(likes)


@delete("/likes/{post_id}")
async def unlike(post_id: int):
    unliked.append(post_id)  # [request-mutates-module-state]
    return json({})


@get("/visits")
async def visit(request: Request):
    visits.append(request.url)  # [request-mutates-module-state]
    return json({})


@ws("/ws")
async def chat(websocket: WebSocket):
    await websocket.accept()
    sockets.append(websocket)  # [process-local-connection-registry]


class Reviews(Controller):
    last_review = None

    @post("/reviews")
    async def create(self, request: Request):
        self.review = await request.json()  # a controller is built per request: fine
        reviews.append(self.review)  # [request-mutates-module-state]
        Reviews.last_review = self.review  # [request-mutates-class-state]
        return self.json({})


class Timer:
    def __init__(self):
        self.calls = 0  # set up once: fine

    async def __call__(self, request, handler):
        self.calls += 1  # [request-mutates-shared-instance]
        return await handler(request)


class TokenHandler(AuthenticationHandler):
    def __init__(self):
        self.seen = 0  # set up once: fine

    async def authenticate(self, context):
        self.seen += 1  # [request-mutates-shared-instance]
        context.identity = Identity({}, "token")  # the request's own: fine
        return context.identity


@app.on_start
async def startup(application: Application):
    likes.clear()  # start-up: fine


app.middlewares.append(Timer())
app.use_authentication().add(TokenHandler())
