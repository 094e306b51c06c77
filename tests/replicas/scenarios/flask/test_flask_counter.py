import pytest

from flask_counter import app

client = app.test_client()


def test_counter_sees_its_previous_write():
    first = client.post("/count").get_json()["count"]
    assert client.post("/count").get_json()["count"] == first + 1


def test_echo_round_trips_body_headers_query_and_status():
    response = client.post("/echo?q=1", data=b"payload", headers={"X-Token": "t0k"})
    assert response.status_code == 201
    assert response.headers["X-Served-By"] == "echo"
    assert response.get_json() == {"body": "payload", "token": "t0k", "q": "1"}


def test_cookie_set_by_one_request_is_sent_with_the_next():
    client.post("/login/ann")
    assert client.get("/whoami").get_json() == {"user": "ann"}


def test_streaming_response():
    response = client.get("/stream", buffered=False)
    assert list(response.response) == [b"a;", b"b;", b"c;"]
    assert response.mimetype == "text/plain"


def test_exception_of_the_application_reaches_the_test():
    with pytest.raises(LookupError, match="no such thing"):
        client.get("/boom")


def test_does_not_use_the_application():
    assert sorted("cab") == ["a", "b", "c"]
