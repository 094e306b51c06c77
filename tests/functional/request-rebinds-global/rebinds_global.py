"""Module-level names rebound per request, beside lazy resources and read-only globals."""
# pylint: disable=missing-function-docstring,global-statement,invalid-name
import sys
import threading

import httpx
from fastapi import FastAPI

app = FastAPI()
request_count = 0
last_user = None
_client = None
_lock = None
_settings = None
feature_flag = False


@app.get("/hit")
async def hit():
    global request_count
    request_count += 1  # [request-rebinds-global]
    return request_count


@app.post("/who/{user}")
def who(user: str):
    global last_user
    last_user = user  # [request-rebinds-global]


@app.post("/flag")
def flag():
    setattr(sys.modules[__name__], "feature_flag", True)  # not resolvable: silent
    return feature_flag


def get_client() -> httpx.AsyncClient:
    """A client created lazily behind ``global`` is a process resource: fine."""
    global _client
    if _client is None:
        _client = httpx.AsyncClient()
    return _client


def get_lock():
    global _lock
    _lock = _lock or threading.Lock()
    return _lock


def get_settings():
    """Settings built once from the environment: a lazy singleton, not stale data."""
    global _settings
    if _settings is None:
        _settings = {"debug": False}
    return _settings


@app.get("/read")
async def read():
    global request_count  # declared but only read
    return request_count, get_client(), get_lock(), get_settings()
