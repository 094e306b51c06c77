import asyncio

import pytest
from django.test import AsyncClient, Client
from django.test.utils import setup_test_environment

setup_test_environment()
client = Client()


def test_counter_sees_its_previous_write():
    first = client.post("/count").json()["count"]
    assert client.post("/count").json()["count"] == first + 1


def test_echo_round_trips_body_headers_query_and_status():
    response = client.post("/echo?q=1", data=b"payload", content_type="text/plain",
                           headers={"X-Token": "t0k"})
    assert response.status_code == 201
    assert response["X-Served-By"] == "echo"
    assert response.json() == {"body": "payload", "token": "t0k", "q": "1"}


def test_cookie_set_by_one_request_is_sent_with_the_next():
    client.post("/login/ann")
    assert client.get("/whoami").json() == {"user": "ann"}


def test_streaming_response():
    response = client.get("/stream")
    assert response.streaming
    assert list(response.streaming_content) == [b"a;", b"b;", b"c;"]


def test_exception_of_the_view_reaches_the_test():
    with pytest.raises(LookupError, match="no such thing"):
        client.get("/boom")


def test_async_client_is_not_replicated():
    async def whoami():
        return (await AsyncClient().get("/whoami")).json()

    assert asyncio.run(whoami()) == {"user": None}
