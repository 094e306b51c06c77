"""Dependency-injection singletons, and the objects injected into them."""
# pylint: disable=missing-function-docstring,missing-class-docstring,too-few-public-methods
from fastapi import FastAPI, Request
from injector import inject, singleton

app = FastAPI()


class Index:
    def __init__(self):
        self.documents = {}


@singleton
class IngestService:
    @inject
    def __init__(self, index: Index) -> None:
        self.index = index
        self.count = 0


class ReportService:
    def __init__(self):
        self.lines = []


@app.post("/ingest/{doc_id}")
def ingest(doc_id: str, request: Request):
    service = request.state.injector.get(IngestService)
    service.index.documents[doc_id] = "text"  # [request-mutates-shared-instance]
    report = request.state.injector.get(ReportService)  # look-alike: not a singleton
    report.lines.append(doc_id)
    return {}
