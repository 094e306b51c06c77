import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from fastapi_counter import app, current_user

client = TestClient(app)


def test_counter_sees_its_previous_write():
    first = client.post("/count").json()["count"]
    assert client.post("/count").json()["count"] == first + 1


def test_echo_round_trips_body_headers_query_and_status():
    response = client.post("/echo?q=1", content=b"payload", headers={"X-Token": "t0k"})
    assert response.status_code == 201
    assert response.headers["x-served-by"] == "echo"
    assert response.json() == {"body": "payload", "token": "t0k", "q": "1"}


def test_cookie_set_by_one_request_is_sent_with_the_next():
    client.post("/login/ann")
    assert client.get("/whoami").json() == {"user": "ann"}


def test_streaming_response():
    with client.stream("GET", "/stream") as response:
        assert b"".join(response.iter_bytes()) == b"a;b;c;"
    assert response.headers["content-type"].startswith("text/plain")


def test_lifespan_state_reaches_requests():
    with TestClient(app) as local:
        assert local.get("/started").json() == {"started": "yes"}


def as_ann() -> str:
    return "ann"


def test_dependency_overrides_reach_the_copies():
    app.dependency_overrides[current_user] = as_ann
    try:
        assert client.get("/user").json() == {"user": "ann"}
    finally:
        app.dependency_overrides.clear()
    assert client.get("/user").json() == {"user": "anonymous"}


def test_exception_of_the_application_reaches_the_test():
    with pytest.raises(LookupError, match="no such thing"):
        client.get("/boom")


def test_websocket():
    with client.websocket_connect("/ws") as websocket:
        websocket.send_text("hi")
        assert websocket.receive_text() == "hi"


def test_app_built_in_the_test_cannot_be_replicated():
    local = FastAPI()
    seen = []

    @local.post("/seen")
    def remember() -> int:
        seen.append(1)
        return len(seen)

    with TestClient(local) as inline:
        assert inline.post("/seen").json() == 1
        assert inline.post("/seen").json() == 2


def test_does_not_use_the_application():
    assert sorted("cab") == ["a", "b", "c"]
