"""Shared pytest options (pylint's functional-test flags) and plugins."""

from __future__ import annotations

import pytest

# tests/replicas run pytest inside pytest: each scenario is a real run with the options.
pytest_plugins = ["pytester"]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-functional-output",
        action="store_true",
        default=False,
        help="Rewrite the expected .txt output of the functional tests (review the diff!).",
    )
    parser.addoption(
        "--minimal-messages-config",
        action="store_true",
        default=False,
        help="Run the functional tests with only the messages they expect enabled.",
    )


@pytest.fixture(name="walked")
def _walked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The qualified name of every function the walker summarises (not served from a
    memo or the shared store), in order, while the test runs pylint in-process."""
    # pylint: disable-next=import-outside-toplevel
    from pylint_stateless.analysis.walker import Walker

    walked: list[str] = []
    real = Walker._summarize_uncached  # pylint: disable=protected-access

    def spy(self, func, env, budget):  # type: ignore[no-untyped-def]
        walked.append(func.qname())
        return real(self, func, env, budget)

    monkeypatch.setattr(Walker, "_summarize_uncached", spy)
    return walked
