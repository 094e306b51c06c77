"""The bundled example service's own tests (examples/tests): the stateful shop passes
with one process and fails with two copies and with a restart after every request, each
failure with the state pylint-stateless finds on the entry points it reached; the shop
backed by SQLite passes every way."""

from __future__ import annotations

import pytest
from replica_runs import ROOT, run

EXAMPLE_TESTS = str(ROOT / "examples" / "tests")
SHOP = "examples/tests/test_shop.py::TestShop::"
STATELESS = "examples/tests/test_shop_stateless.py::TestStatelessShop::"

# each stateful behaviour, and the state the summary must name for it
STATE = {
    "test_login_opens_a_session": ("in-memory-session-store", "'sessions'"),
    "test_cart_keeps_its_items": ("request-mutates-module-state", "'carts'"),
    "test_checkout_totals_the_cart": ("request-mutates-module-state", "'carts'"),
    "test_receipt_of_an_order_is_sent": ("in-memory-job-status", "'jobs'"),
    "test_orders_are_remembered": ("request-mutates-shared-instance", "'orders'"),
    "test_requests_over_the_limit_are_refused": ("in-memory-rate-limiter", "'request_log'"),
}
DASHBOARD = "test_dashboard_knows_how_many_are_connected"


def test_the_example_tests_pass_with_one_process(pytester: pytest.Pytester) -> None:
    result = run(pytester, EXAMPLE_TESTS)
    assert (result.count("passed"), result.count("failed")) == (14, 0), result.text


@pytest.mark.slow
@pytest.mark.parametrize("option", ["--stateless-replicas=2", "--stateless-restart=1"])
def test_the_stateful_shop_breaks_where_pylint_stateless_says(pytester: pytest.Pytester,
                                                              option: str) -> None:
    result = run(pytester, EXAMPLE_TESTS, option)
    assert (result.count("passed"), result.count("failed")) == (8, 6), result.text
    breaks = result.breaks()
    assert set(breaks) == {SHOP + name for name in STATE}, result.text
    for name, (symbol, state) in STATE.items():
        findings = [line for line in breaks[SHOP + name] if line.startswith("examples/shop/")]
        assert any(f": {symbol}: " in line and state in line for line in findings), breaks[SHOP + name]
    # WebSocket sessions run in the test process: both shops pass that test, reported
    assert set(result.not_replicated()) == {SHOP + DASHBOARD, STATELESS + DASHBOARD}
    assert "failed with one process too" not in result.text
