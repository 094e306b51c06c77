"""Shared pytest options: pylint's functional-test flags."""

from __future__ import annotations

import pytest


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
