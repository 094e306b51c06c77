import asyncio

from quart_counter import app


def run(coroutine):
    return asyncio.run(coroutine)


def test_counter_sees_its_previous_write():
    async def scenario():
        client = app.test_client()
        first = (await (await client.post("/count")).get_json())["count"]
        return first, (await (await client.post("/count")).get_json())["count"]

    first, second = run(scenario())
    assert second == first + 1


def test_echo_round_trips_body_headers_query_and_status():
    async def scenario():
        response = await app.test_client().post("/echo?q=1", data=b"payload",
                                                headers={"X-Token": "t0k"})
        return response.status_code, response.headers["X-Served-By"], await response.get_json()

    assert run(scenario()) == (201, "echo", {"body": "payload", "token": "t0k", "q": "1"})


def test_cookie_set_by_one_request_is_sent_with_the_next():
    async def scenario():
        client = app.test_client()
        await client.post("/login/ann")
        return await (await client.get("/whoami")).get_json()

    assert run(scenario()) == {"user": "ann"}


def test_startup_hook_ran():
    async def scenario():
        async with app.test_app() as test_app:
            return await (await test_app.test_client().get("/started")).get_json()

    assert run(scenario()) == {"started": "startup"}


def test_websocket():
    async def scenario():
        async with app.test_client().websocket("/ws") as connection:
            await connection.send("hi")
            return await connection.receive()

    assert run(scenario()) == "hi"
