import asyncio

from aiohttp.test_utils import TestClient, TestServer

from aiohttp_counter import create_app


def run(scenario):
    async def main():
        async with TestClient(TestServer(create_app())) as client:
            return await scenario(client)

    return asyncio.run(main())


def test_counter_sees_its_previous_write():
    async def scenario(client):
        first = (await (await client.post("/count")).json())["count"]
        return first, (await (await client.post("/count")).json())["count"]

    first, second = run(scenario)
    assert second == first + 1


def test_echo_round_trips_body_headers_query_and_status():
    async def scenario(client):
        response = await client.post("/echo?q=1", data=b"payload", headers={"X-Token": "t0k"})
        return response.status, response.headers["X-Served-By"], await response.json()

    assert run(scenario) == (201, "echo", {"body": "payload", "token": "t0k", "q": "1"})


def test_cookie_set_by_one_request_is_sent_with_the_next():
    async def scenario(client):
        await client.post("/login/ann")
        return await (await client.get("/whoami")).json()

    assert run(scenario) == {"user": "ann"}


def test_streaming_response():
    async def scenario(client):
        response = await client.get("/stream")
        return [chunk async for chunk in response.content.iter_any()]

    assert b"".join(run(scenario)) == b"a;b;c;"


def test_startup_signal_ran():
    async def scenario(client):
        return await (await client.get("/started")).json()

    assert run(scenario) == {"started": "yes"}


def test_websocket():
    async def scenario(client):
        async with client.ws_connect("/ws") as socket:
            await socket.send_str("hi")
            return await socket.receive_str()

    assert run(scenario) == "hi"
