from starlette.testclient import TestClient

from starlette_counter import app


def test_counter_sees_its_previous_write():
    with TestClient(app) as client:
        first = client.post("/count").json()["count"]
        assert client.post("/count").json()["count"] == first + 1
