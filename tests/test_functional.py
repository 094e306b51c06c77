"""pylint's functional format: ``case.py`` with ``# [symbol]`` markers, ``case.txt``, ``case.rc``.

Every ``.py`` under ``tests/functional`` that has an ``.rc`` beside it is a case; other
``.py`` files there are modules the cases import (a state module, a helper module).
Run ``pytest tests/test_functional.py --update-functional-output`` to rewrite the
``.txt`` files after a deliberate change of message text, then review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pylint.testutils import LintModuleTest
from pylint.testutils.functional import FunctionalTestFile, LintModuleOutputUpdate

FUNCTIONAL_DIR = Path(__file__).parent / "functional"


def _cases() -> list[FunctionalTestFile]:
    return [
        FunctionalTestFile(str(path.parent), path.name)
        for path in sorted(FUNCTIONAL_DIR.rglob("*.py"))
        if path.with_suffix(".rc").exists()
    ]


CASES = _cases()


@pytest.mark.parametrize("test_file", CASES, ids=[case.base for case in CASES])
def test_functional(test_file: FunctionalTestFile, pytestconfig: pytest.Config) -> None:
    cls = (
        LintModuleOutputUpdate
        if pytestconfig.getoption("update_functional_output")
        else LintModuleTest
    )
    lint_test = cls(test_file, pytestconfig)
    lint_test.setUp()
    lint_test.runTest()


def test_every_message_has_functional_cases() -> None:
    """Each message is expected somewhere, and each case folder has must-flag code."""
    from pylint_stateless.messages import SYMBOLS  # pylint: disable=import-outside-toplevel

    expected = "".join(path.read_text(encoding="utf-8") for path in FUNCTIONAL_DIR.rglob("*.py"))
    missing = [symbol for symbol in SYMBOLS if f"[{symbol}]" not in expected]
    assert not missing, f"no functional case expects {missing}"
