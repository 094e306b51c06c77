"""The pytest plugin: ``pytest --stateless-replicas=2`` runs the tests against two copies.

Registered through the ``pytest11`` entry point as ``stateless_replicas``; without its
options it only adds them to ``pytest --help``: this module imports no framework and none
of the rest of the package. With them, the test clients are patched (as the frameworks
get imported), each test's requests go to the copies, a test that fails replicated is
run once more without replication (its reports are not shown: the test's outcome is the
replicated one), and the summary lists the tests that pass with one process and fail
replicated, with their requests and the static findings on the entry points reached.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from pylint_stateless.replicas.patching import ImportPatches, Patcher
    from pylint_stateless.replicas.session import Options, Replication


@dataclass
class _Active:
    replication: Replication
    patcher: Patcher
    hook: ImportPatches


_ACTIVE = pytest.StashKey[_Active]()


def _at_least(minimum: int) -> Any:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"invalid int value: {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}, got {value}")
        return value

    return parse


def _app(text: str) -> str:
    from pylint_stateless.replicas.apps import parse_app_option  # pylint: disable=import-outside-toplevel

    try:
        parse_app_option(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def pytest_addoption(parser: pytest.Parser) -> None:
    """The plugin's options, in a group of their own."""
    group = parser.getgroup(
        "stateless-replicas",
        "pylint-stateless: run the tests against several copies of the application",
    )
    group.addoption("--stateless-replicas", type=_at_least(1), default=None, metavar="N",
                    help="send each request of the framework test clients to one of N "
                         "copies of the application, each a process of its own")
    group.addoption("--stateless-route", choices=("round-robin", "random"), default="round-robin",
                    help="how requests are spread over the copies (default: round-robin "
                         "from copy 0 in each test)")
    group.addoption("--stateless-seed", type=int, default=0, metavar="SEED",
                    help="seed of --stateless-route=random (default 0)")
    group.addoption("--stateless-restart", type=_at_least(1), default=None, metavar="K",
                    help="restart a copy after every K requests it served (with one copy "
                         "unless --stateless-replicas is given)")
    group.addoption("--stateless-app", type=_app, default=None, metavar="MODULE:ATTR",
                    help="the application the copies import (or MODULE:factory() to call), "
                         "instead of the one found from the test client")


def _options(namespace: Any) -> Options | None:
    replicas = getattr(namespace, "stateless_replicas", None)
    restart = getattr(namespace, "stateless_restart", None)
    if replicas is None and restart is None:
        return None
    # pylint: disable-next=import-outside-toplevel
    from pylint_stateless.replicas.apps import parse_app_option
    from pylint_stateless.replicas.session import Options  # pylint: disable=import-outside-toplevel

    app = getattr(namespace, "stateless_app", None)
    return Options(replicas or 1, namespace.stateless_route, namespace.stateless_seed, restart or 0,
                   parse_app_option(app) if app else None)


def _start(config: pytest.Config, namespace: Any) -> None:
    if _ACTIVE in config.stash:
        return
    options = _options(namespace)
    if options is None:
        return
    # pylint: disable=import-outside-toplevel
    from pylint_stateless.replicas.adapters import install
    from pylint_stateless.replicas.patching import Patcher
    from pylint_stateless.replicas.session import Replication

    replication = Replication(options)
    patcher = Patcher()
    config.stash[_ACTIVE] = _Active(replication, patcher, install(replication, patcher))


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config: pytest.Config) -> None:
    """Patch before the conftests import the application (and build it with a factory)."""
    _start(early_config, early_config.known_args_namespace)


def pytest_configure(config: pytest.Config) -> None:
    _start(config, config.option)


def pytest_unconfigure(config: pytest.Config) -> None:
    """Stop every copy, undo the patches, forget the applications' builders."""
    active = config.stash.get(_ACTIVE, None)
    if active is None:
        return
    from pylint_stateless.replicas.apps import forget_builders  # pylint: disable=import-outside-toplevel

    del config.stash[_ACTIVE]
    try:
        active.replication.close()
    finally:
        active.hook.uninstall()
        active.patcher.undo()
        forget_builders()


def pytest_report_header(config: pytest.Config) -> str | None:
    active = config.stash.get(_ACTIVE, None)
    if active is None:
        return None
    return f"stateless replicas: {active.replication.options.describe()}"


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> bool | None:
    """Run the test replicated; if it fails after sending requests to copies, run it again
    without them to know whether it passes with one process. Only the replicated run's
    reports are logged."""
    active = item.config.stash.get(_ACTIVE, None)
    if active is None:
        return None
    from _pytest.runner import runtestprotocol  # pylint: disable=import-outside-toplevel

    from pylint_stateless.replicas.report import test_section  # pylint: disable=import-outside-toplevel

    replication = active.replication
    item.ihook.pytest_runtest_logstart(nodeid=item.nodeid, location=item.location)
    record = replication.begin(item.nodeid)
    try:
        reports = runtestprotocol(item, nextitem=nextitem, log=False)
    finally:
        replication.end()
    record.failed = _failed(reports)
    if record.failed and record.requests:
        with replication.plain():
            plain = runtestprotocol(item, nextitem=nextitem, log=False)
        record.plain_outcome = "failed" if _failed(plain) else "passed"
        section = test_section(record)
        for report in reports:
            if report.failed:
                report.sections.append(("stateless replicas", section))
    for report in reports:
        item.ihook.pytest_runtest_logreport(report=report)
    item.ihook.pytest_runtest_logfinish(nodeid=item.nodeid, location=item.location)
    replication.close_unused_pools()
    return True


def _failed(reports: Iterable[pytest.TestReport]) -> bool:
    return any(report.failed for report in reports)


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    active = config.stash.get(_ACTIVE, None)
    if active is None:
        return
    from pylint_stateless.replicas.report import summary  # pylint: disable=import-outside-toplevel

    terminalreporter.section("stateless replicas")
    for line in summary(active.replication, config.rootpath):
        terminalreporter.write_line(line)
