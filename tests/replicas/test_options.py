"""The plugin's options, end to end: inactive by default, restarts, an application
named on the command line, bad values."""

from __future__ import annotations

import re

import pytest
from replica_runs import copy_scenario, lifespan_events, run

PLUGIN_ONLY = "ours=['pylint_stateless', 'pylint_stateless._version', " \
              "'pylint_stateless.replicas', 'pylint_stateless.replicas.plugin'] frameworks=[]"


def test_without_options_the_plugin_imports_nothing_and_reports_nothing(
        pytester: pytest.Pytester) -> None:
    copy_scenario(pytester, "plain")
    result = run(pytester, "-s", subprocess=True)
    assert result.count("passed") == 2
    assert PLUGIN_ONLY in result.text
    assert "stateless replicas" not in result.text


def test_a_test_that_does_not_use_the_application_is_untouched(pytester: pytest.Pytester) -> None:
    copy_scenario(pytester, "plain")
    result = run(pytester, "--stateless-replicas=2")
    assert result.count("passed") == 2
    assert result.header() == ("2 copies of each application, round-robin: 0 requests from 0 of "
                               "2 tests, 0 copies started")
    assert "No test passed with one process and failed replicated." in result.summary()


def test_with_frameworks_absent_the_plugin_imports_none(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    copy_scenario(pytester, "plain")
    monkeypatch.setenv("BLOCK_FRAMEWORKS", "1")
    result = run(pytester, "-s", "--stateless-replicas=2", "--stateless-restart=3", subprocess=True)
    assert result.count("passed") == 2
    # the clients are patched when the tests import them, never imported by the plugin
    assert "frameworks=[]" in result.text
    assert result.header().startswith("2 copies of each application, round-robin, a copy "
                                      "restarted after every 3 requests: 0 requests")


@pytest.mark.parametrize(
    ("option", "error"),
    [
        ("--stateless-replicas=0", "must be at least 1, got 0"),
        ("--stateless-replicas=two", "invalid int value: 'two'"),
        ("--stateless-restart=0", "must be at least 1, got 0"),
        ("--stateless-route=sticky", "invalid choice: 'sticky'"),
        ("--stateless-app=shop", "expected module:attribute or module:factory(), got 'shop'"),
    ],
)
def test_bad_values_are_usage_errors(pytester: pytest.Pytester, option: str, error: str) -> None:
    pytester.makepyfile("def test_nothing():\n    pass\n")
    result = pytester.runpytest(option)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert error in "\n".join(result.errlines)


@pytest.mark.slow
def test_restart_after_every_request(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every request meets a new copy, which ran its lifespan startup; each copy ran its
    shutdown when it was replaced or at the end."""
    copy_scenario(pytester, "fastapi")
    log = pytester.path / "lifespan.log"
    monkeypatch.setenv("REPLICAS_LOG", str(log))
    result = run(pytester, "--stateless-restart=1")
    assert set(result.breaks()) == {"test_fastapi_counter.py::test_counter_sees_its_previous_write",
                                    "test_factory.py::test_factory_state_is_per_process",
                                    "test_factory.py::test_nonlocal_state_is_per_process"}
    header = re.fullmatch(r"1 copy of each application, round-robin, a copy restarted after every "
                          r"request: (\d+) requests from 9 of 12 tests, (\d+) copies started",
                          result.header())
    assert header is not None, result.header()
    assert header[1] == header[2]  # one new process per request
    lines = result.breaks()["test_fastapi_counter.py::test_counter_sees_its_previous_write"]
    assert any("-> copy 0  200" in line for line in lines)
    assert any("-> copy 0 (restart 1)  200" in line for line in lines)
    starts, stops = lifespan_events(log)
    # requests to fastapi_counter's app: count 2, echo 1, cookie 2, stream 1, lifespan 1,
    # overrides 2, boom 1
    assert len(starts) == len(set(starts)) == 10
    assert sorted(stops) == sorted(starts)


@pytest.mark.slow
def test_application_named_on_the_command_line(pytester: pytest.Pytester,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """``module:function`` names a factory (a function callable without arguments): each
    copy calls it once, and every test's client is served by the same two copies."""
    copy_scenario(pytester, "aiohttp")
    log = pytester.path / "lifespan.log"
    monkeypatch.setenv("REPLICAS_LOG", str(log))
    result = run(pytester, "--stateless-replicas=2", "--stateless-app=aiohttp_counter:create_app",
                 subprocess=True)
    assert set(result.breaks()) == {"test_aiohttp_counter.py::test_counter_sees_its_previous_write"}
    assert result.header().endswith(", 2 copies started")
    starts, stops = lifespan_events(log)
    assert len(starts) == 2 and sorted(stops) == sorted(starts)


@pytest.mark.slow
def test_seeded_random_routing_is_reproducible(pytester: pytest.Pytester) -> None:
    copy_scenario(pytester, "flask")
    args = ("--stateless-replicas=3", "--stateless-route=random", "--stateless-seed=2")
    first, second = run(pytester, *args), run(pytester, *args)
    assert first.summary() == second.summary()
    assert first.header().startswith("3 copies of each application, seeded-random (seed 2)")
    # with this seed the counter's two requests land on different copies
    [(test, lines)] = first.breaks().items()
    assert test == "test_flask_counter.py::test_counter_sees_its_previous_write"
    copies = {re.search(r"-> (copy \d)", line)[1] for line in lines if "->" in line}
    assert len(copies) == 2


@pytest.mark.slow
def test_a_copy_that_cannot_start_fails_the_tests_that_need_it(pytester: pytest.Pytester) -> None:
    """The import error of the copy is in the first test's failure; the pool is then
    broken, so later requests fail at once instead of starting copies again."""
    copy_scenario(pytester, "broken")
    result = run(pytester, "--stateless-replicas=2")
    assert result.count("failed") == 2
    assert "RuntimeError: the configuration only the test process has is missing" in result.text
    assert "copy 0 of broken_app:app failed to start" in result.text
    assert result.header().endswith("2 copies started")
    assert set(result.breaks()) == {"test_broken.py::test_first", "test_broken.py::test_second"}
