"""Without the frameworks importable, the same findings at INFERENCE_FAILURE confidence.

The functional cases are linted again in a subprocess whose astroid cannot load
any web framework (see ``_no_frameworks.py``): entry points must then be found
from the import statements and the shape of the decorators.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pylint.testutils.lint_module_test import LintModuleTest

from helpers import ROOT, messages

FUNCTIONAL = ROOT / "tests" / "functional"
HOOK = "import sys; sys.path.insert(0, 'tests'); import _no_frameworks"
# Cases whose .rc sets no option of the plugin (options change what is expected).
CASES = sorted(
    path.relative_to(ROOT).as_posix()
    for path in FUNCTIONAL.rglob("*.py")
    if path.with_suffix(".rc").exists()
    and "stateless-" not in path.with_suffix(".rc").read_text(encoding="utf-8")
)


@pytest.fixture(scope="module")
def fallback_messages() -> dict[str, list[dict]]:
    found = messages(f"--init-hook={HOOK}", *CASES)
    by_path: dict[str, list[dict]] = {case: [] for case in CASES}
    for message in found:
        by_path[Path(message["path"]).as_posix()].append(message)
    return by_path


@pytest.mark.parametrize("case", CASES)
def test_same_findings_without_frameworks(case: str, fallback_messages) -> None:
    text = (ROOT / case).read_text(encoding="utf-8")
    expected = LintModuleTest.get_expected_messages(io.StringIO(text))
    got = fallback_messages[case]
    assert sorted(expected.elements()) == sorted((m["line"], m["symbol"]) for m in got)
    framework_cases = "requires=" in (ROOT / case).with_suffix(".rc").read_text(encoding="utf-8")
    if framework_cases:
        assert {m["confidence"] for m in got} <= {"INFERENCE_FAILURE"}, got
