import pytest
from fastapi.testclient import TestClient

from factory_app import create_app, create_ticker


@pytest.fixture(name="client")
def _client():
    return TestClient(create_app("hello"))


def test_factory_state_is_per_process(client):
    assert client.post("/hit").json() == {"hits": 1, "greeting": "hello"}
    assert client.post("/hit").json() == {"hits": 2, "greeting": "hello"}


def test_nonlocal_state_is_per_process():
    ticker = TestClient(create_ticker())
    assert ticker.post("/tick").json() == {"ticks": 1}
    assert ticker.post("/tick").json() == {"ticks": 2}
