import asyncio

import httpx

from starlette_counter import app


def run(scenario):
    async def main():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await scenario(client)

    return asyncio.run(main())


def test_counter_sees_its_previous_write():
    async def scenario(client):
        first = (await client.post("/count")).json()["count"]
        return first, (await client.post("/count")).json()["count"]

    first, second = run(scenario)
    assert second == first + 1


def test_echo_round_trips_body_headers_query_and_status():
    async def scenario(client):
        response = await client.post("/echo?q=1", content=b"payload", headers={"X-Token": "t0k"})
        return response.status_code, response.headers["x-served-by"], response.json()

    assert run(scenario) == (201, "echo", {"body": "payload", "token": "t0k", "q": "1"})


def test_cookie_set_by_one_request_is_sent_with_the_next():
    async def scenario(client):
        await client.post("/login/ann")
        return (await client.get("/whoami")).json()

    assert run(scenario) == {"user": "ann"}


def test_streaming_response():
    async def scenario(client):
        async with client.stream("GET", "/stream") as response:
            return response.headers["content-type"], b"".join(
                [chunk async for chunk in response.aiter_bytes()])

    content_type, body = run(scenario)
    assert content_type.startswith("text/plain")
    assert body == b"a;b;c;"


def hello(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"hello"]


def test_wsgi_transport_is_not_replicated():
    with httpx.Client(transport=httpx.WSGITransport(app=hello), base_url="http://test") as client:
        assert client.get("/").text == "hello"
