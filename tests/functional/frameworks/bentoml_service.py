"""BentoML: one service instance per worker serves every request of that worker."""
# pylint: disable=missing-function-docstring,missing-class-docstring
import bentoml

summaries = []


@bentoml.service(resources={"cpu": "2"}, traffic={"timeout": 30})
class Summarizer:
    def __init__(self):
        self.pipeline = object()  # loaded once per worker: fine
        self.calls = 0
        self.cache = {}

    @bentoml.on_startup
    def warm_up(self):
        self.ready = True  # once per worker, at start-up: fine

    @bentoml.api
    def summarize(self, text: str) -> str:
        self.calls += 1  # [request-mutates-shared-instance]
        summaries.append(text)  # [request-mutates-module-state]
        return self._shorten(text)

    @bentoml.api(route="/lookup", batchable=False)
    def lookup(self, key: str) -> str:
        self.cache[key] = key.upper()  # [process-local-cache]
        return self.cache[key]

    @bentoml.task
    def report(self, text: str) -> str:
        self.last_report = text  # [request-mutates-shared-instance]
        return text

    def _shorten(self, text):
        parts = []  # per request: fine
        parts.append(text[:10])
        return "".join(parts)

    def rebuild(self):
        """Not an API: only the decorated methods serve requests."""
        self.pipeline = object()
