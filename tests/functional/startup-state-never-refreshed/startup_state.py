"""Data from a database loaded once and served forever, beside start-up resources."""
# pylint: disable=missing-function-docstring,global-statement,invalid-name
import json
import time
from contextlib import asynccontextmanager
from functools import lru_cache

from fastapi import FastAPI

config_cache = {}
feature_flags = {}
models = {}
countries = {}
_prices = None


def fetch_from_db():
    return {"settings": True}


def load_config():
    config_cache["settings"] = fetch_from_db()  # [startup-state-never-refreshed]


def load_model(path):
    return path


@asynccontextmanager
async def lifespan(_app):
    feature_flags.update(fetch_from_db())  # [startup-state-never-refreshed]
    models["classifier"] = load_model("model.bin")  # a model loaded at start-up: fine
    with open("countries.json", encoding="utf-8") as handle:
        countries.update(json.load(handle))  # a file shipped with the code: fine
    yield


app = FastAPI(lifespan=lifespan)


@app.on_event("startup")
async def startup():
    load_config()


def query_prices():
    return {"apple": 1}


def get_prices():
    global _prices
    if _prices is None:
        _prices = query_prices()  # [startup-state-never-refreshed]
    return _prices


@lru_cache
def get_flags():  # [startup-state-never-refreshed]
    return fetch_from_db()


@lru_cache(maxsize=1)
def get_flags_for(bucket):
    """Keyed by a time bucket: refreshed every minute."""
    return fetch_from_db(), bucket


class S3Credentials:
    """Built from settings: no remote read."""

    def __init__(self, key):
        self.key = key


@lru_cache
def get_s3_credentials():
    return S3Credentials(key="from-settings")


@lru_cache
def get_settings():
    """Settings from the environment, which does not change under a running process."""
    return {"debug": False}


@app.get("/config")
async def get_config():
    bucket = int(time.time() / 60)
    return (
        config_cache["settings"], feature_flags, get_prices(), countries, get_flags(),
        get_flags_for(bucket), get_settings(), get_s3_credentials(),
    )
