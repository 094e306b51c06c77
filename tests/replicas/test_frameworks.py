"""Each supported test client, replicated: a counter kept in the application's memory is
seen by the second request with one process (the plugin's plain rerun) and not with two
copies; bodies, headers,
query strings, statuses, cookies, streamed responses, the application's exceptions and
startup hooks come through the copies unchanged; a test that does not use the
application is untouched; WebSocket sessions, applications that cannot be rebuilt in
another process and the clients not supported (Django's AsyncClient, httpx's
WSGITransport) are reported as not replicated."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from replica_runs import copy_scenario, lifespan_events, run

COUNTER = "request-mutates-module-state"


@dataclass(frozen=True)
class Scenario:
    name: str
    tests: int
    # test -> the state its findings must name ("" when the checker has nothing to say)
    breaks: dict[str, str]
    local: frozenset[str] = frozenset()  # tests reported as not replicated
    copy_startups: int = 0  # startup and shutdown hooks logged by copies (lifespan.log)
    # in a pytest process of its own: Django configures itself once per process, and
    # aiohttp's compiled WebSocket reader does not survive pytester's re-imports
    subprocess: bool = False


SCENARIOS = [
    Scenario(
        "fastapi", 12,
        {"test_fastapi_counter.py::test_counter_sees_its_previous_write": "'counts'",
         # the factory's list, used by the route it defines, lives as long as the app
         "test_factory.py::test_factory_state_is_per_process": "'hits'",
         # a factory's variable rebound with ``nonlocal``: the checker has nothing to say
         "test_factory.py::test_nonlocal_state_is_per_process": ""},
        frozenset({"test_fastapi_counter.py::test_websocket",
                   "test_fastapi_counter.py::test_app_built_in_the_test_cannot_be_replicated"}),
        copy_startups=2,
    ),
    Scenario("httpx", 6,
             {"test_httpx_counter.py::test_counter_sees_its_previous_write": "'counts'",
              "test_starlette_counter.py::test_counter_sees_its_previous_write": "'counts'"},
             frozenset({"test_httpx_counter.py::test_wsgi_transport_is_not_replicated"})),
    Scenario("flask", 6, {"test_flask_counter.py::test_counter_sees_its_previous_write": "'counts'"}),
    Scenario("quart", 5, {"test_quart_counter.py::test_counter_sees_its_previous_write": "'counts'"},
             frozenset({"test_quart_counter.py::test_websocket"})),
    Scenario("django", 6, {"test_django_counter.py::test_counter_sees_its_previous_write": "'counts'"},
             frozenset({"test_django_counter.py::test_async_client_is_not_replicated"}),
             subprocess=True),
    # a factory per test: two new copies for each of the five tests that send requests
    Scenario("aiohttp", 6, {"test_aiohttp_counter.py::test_counter_sees_its_previous_write": "'counts'"},
             frozenset({"test_aiohttp_counter.py::test_websocket"}), copy_startups=10,
             subprocess=True),
]


@pytest.mark.slow
@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_client_requests_go_to_the_copies(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch,
                                          scenario: Scenario) -> None:
    copy_scenario(pytester, scenario.name)
    log = pytester.path / "lifespan.log"
    monkeypatch.setenv("REPLICAS_LOG", str(log))
    # Each failure is rerun without copies: a test is listed (in breaks) only if it then
    # passes; every other test passes replicated.
    replicated = run(pytester, "--stateless-replicas=2", subprocess=scenario.subprocess)
    failed = len(scenario.breaks)
    assert (replicated.count("passed"), replicated.count("failed")) == (
        scenario.tests - failed, failed), replicated.text
    breaks = replicated.breaks()
    assert set(breaks) == set(scenario.breaks), replicated.text
    for test, state in scenario.breaks.items():
        lines = breaks[test]
        assert any("-> copy 0  200" in line for line in lines), lines
        assert any("-> copy 1  200" in line for line in lines), lines
        if state:
            assert any(line.startswith(tuple("abcdefghijklmnopqrstuvwxyz")) and COUNTER in line
                       and state in line for line in lines), lines
        else:
            assert "pylint-stateless reports nothing on the entry points these requests reached" in lines
    assert set(replicated.not_replicated()) == scenario.local, replicated.text
    assert "failed with one process too" not in replicated.text

    starts, stops = lifespan_events(log)
    assert len(starts) == scenario.copy_startups, log.read_text() if log.exists() else "no log"
    assert sorted(starts) == sorted(stops) and len(set(starts)) == len(starts)
