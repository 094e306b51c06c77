"""State that flows out of helpers: returned containers, elements, singletons."""
# pylint: disable=missing-function-docstring,missing-class-docstring,too-few-public-methods
from functools import lru_cache

from fastapi import Depends, FastAPI, Request

app = FastAPI()
buckets = {"a": [], "b": []}


class Service:
    def __init__(self):
        self.calls = []

    def record(self, name):
        self.calls.append(name)  # [request-mutates-shared-instance, request-mutates-shared-instance]


_service = Service()


def bucket_for(key):
    return buckets[key]


def fresh_bucket(key):
    return list(buckets[key])  # look-alike: a new list


def get_service():
    return _service


@lru_cache
def get_cached_service():
    return Service()


def new_service():
    return Service()  # look-alike: a new object per call


def jobs(request):
    return request.app.state.jobs


@app.post("/items/{key}")
def add(key: str, request: Request, service: Service = Depends(get_service)):
    bucket_for(key).append(1)  # [request-mutates-module-state]
    fresh_bucket(key).append(1)
    service.record(key)
    get_service().record(key)
    get_cached_service().record(key)
    new_service().record(key)
    jobs(request).append(key)  # [in-memory-job-status]
    return {}
