"""The state inventory: JSON and --reports=y, the same with -j 1 and -j 2."""

from __future__ import annotations

import json

import pytest

from helpers import ROOT, run_pylint

APP = ROOT / "tests" / "inventory_app"
ARGS = ["--rcfile=/dev/null", "--persistent=n", "--load-plugins=pylint_stateless",
        "--disable=all", "--enable=stateless"]


def _inventory(tmp_path, jobs: str) -> dict[str, dict]:
    out = tmp_path / f"inventory-{jobs}.json"
    run = run_pylint(*ARGS, "-j", jobs, f"--stateless-inventory={out}", "inventory_pkg", cwd=APP)
    assert "Traceback" not in run.stderr, run.stderr
    return {item["name"]: item for item in json.loads(out.read_text())["state"]}


@pytest.fixture(scope="module")
def inventories(tmp_path_factory) -> tuple[dict, dict]:
    tmp = tmp_path_factory.mktemp("inventory")
    return _inventory(tmp, "1"), _inventory(tmp, "2")


def test_every_state_is_classified(inventories) -> None:
    serial, _ = inventories
    expected = {
        "carts": "mutated on the request path",
        "Registry.seen": "mutated on the request path",
        "config": "set up at start-up",
        "lock": "process resource",
        "COUNTRIES": "read-only",
        "Registry.handlers": "read-only",
    }
    assert {name: serial[name]["classification"] for name in expected} == expected
    assert serial["carts"]["entry_points"] == ["inventory_pkg.main.add"]
    assert serial["carts"]["messages"] == ["request-mutates-module-state"]
    assert serial["carts"]["module"] == "inventory_pkg.state"
    assert serial["config"]["entry_points"] == ["inventory_pkg.main.startup"]


def test_parallel_run_gives_the_same_inventory(inventories) -> None:
    serial, parallel = inventories
    assert serial == parallel


def test_reports_table() -> None:
    run = run_pylint(*ARGS, "--reports=y", "inventory_pkg", cwd=APP)
    assert "State inventory" in run.stdout
    table = run.stdout.split("State inventory", 1)[1]
    assert "|carts" in table and "mutated on the request path" in table
    assert "inventory_pkg.state:4" in table


def test_each_state_names_its_file_and_where_it_is_reported(tmp_path) -> None:
    """The JSON names the file that defines each state (as pylint shows paths), and the
    places of its messages: each plugin message is at one of them."""
    out = tmp_path / "inventory.json"
    run = run_pylint(*ARGS, "--output-format=json2", f"--stateless-inventory={out}",
                     "inventory_pkg", cwd=APP)
    items = json.loads(out.read_text())["state"]
    by_name = {item["name"]: item for item in items}
    assert by_name["carts"]["file"] == "inventory_pkg/state.py"
    assert (APP / by_name["carts"]["file"]).is_file()
    assert all((APP / item["file"]).is_file() for item in items)
    found = json.loads(run.stdout)["messages"]
    assert found
    for message in found:
        place = f"{message['path']}:{message['line']}:{message['column']}"
        assert any(place in item["reported_at"] and item["messages"] for item in items), place
    assert all(not item["reported_at"] for item in items if not item["messages"])


@pytest.mark.slow
def test_every_reported_state_is_mutated_on_the_request_path_in_the_inventory(tmp_path) -> None:
    """Over every functional case: the inventory never calls read-only, or set up at
    start-up, a state that a message reports as changed on the request path."""
    cases = sorted(
        str(path.relative_to(ROOT))
        for path in (ROOT / "tests" / "functional").rglob("*.py")
        if path.with_suffix(".rc").exists()
    )
    out = tmp_path / "inventory.json"
    run = run_pylint(*ARGS, "--output-format=json2", f"--stateless-inventory={out}", *cases)
    assert "Traceback" not in run.stderr, run.stderr
    items = json.loads(out.read_text())["state"]
    messages = json.loads(run.stdout)["messages"]
    assert len(messages) > 50
    wrong = []
    for message in messages:
        if not message["messageId"].startswith("W67"):
            continue
        place = f"{message['path']}:{message['line']}:{message['column']}"
        reported = [i for i in items if place in i["reported_at"]]
        assert reported, place
        at_startup = message["symbol"] == "startup-state-never-refreshed" and (
            "at startup by" in message["message"])
        expected = "set up at start-up" if at_startup else "mutated on the request path"
        wrong += [(place, i["name"], i["classification"]) for i in reported
                  if i["classification"] != expected]
    assert not wrong
