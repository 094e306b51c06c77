import pytest
from fastapi.testclient import TestClient

from factory_app import create_app


@pytest.fixture(name="client")
def _client():
    return TestClient(create_app("hello"))


def test_factory_state_is_per_process(client):
    assert client.post("/hit").json() == {"hits": 1, "greeting": "hello"}
    assert client.post("/hit").json() == {"hits": 2, "greeting": "hello"}
