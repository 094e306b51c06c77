"""Ray Serve: one deployment instance per replica serves every request sent to it."""
# pylint: disable=missing-function-docstring,missing-class-docstring
from fastapi import FastAPI
from ray import serve

app = FastAPI()
served = {}


@serve.deployment(num_replicas=2)
@serve.ingress(app)
class Chat:
    def __init__(self, model_handle):
        self.model = model_handle  # set up once per replica: fine
        self.history = []

    def reconfigure(self, config):
        self.threshold = config["threshold"]  # on deploy and on a config change: fine

    @app.post("/chat")
    async def chat(self, text: str):
        self.history.append(text)  # [request-mutates-shared-instance]
        return await self.model.remote(text)

    @app.get("/echo")
    def echo(self, text: str):
        words = []  # per request: fine
        words.append(text)
        return words


@serve.deployment
class Counter:
    def __init__(self):
        self.total = 0

    async def __call__(self, request):
        self.total += 1  # [request-mutates-shared-instance]
        return request

    @serve.batch(max_batch_size=8)
    async def predict(self, inputs):
        self.last_batch = inputs  # [request-mutates-shared-instance]
        return inputs

    def check_health(self):
        self.healthy = True  # the controller's probe, not a request: fine


@serve.deployment
def greet(request):
    served[request.url.path] = True  # [request-mutates-module-state]
    return "hello"


class Plain:
    """Not a deployment: nothing here serves requests."""

    def __init__(self):
        self.items = []

    def add(self, item):
        self.items.append(item)
