"""The house rules of the code: the engine names no framework; a framework is one module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from pylint_stateless.frameworks import FRAMEWORKS

PACKAGE = Path(__file__).resolve().parent.parent / "pylint_stateless"
# The linter's engine: everything but the framework modules, the output formats and the
# pytest plugin of replicated copies (pylint_stateless/replicas/, whose adapters/ are its
# framework modules).
ENGINE = sorted(
    path
    for path in PACKAGE.rglob("*.py")
    if not {"frameworks", "reporters", "replicas"} & set(path.relative_to(PACKAGE).parts)
)
FRAMEWORK_WORDS = frozenset(
    {fw.name for fw in FRAMEWORKS} | {p for fw in FRAMEWORKS for p in fw.packages}
)


def _strings(tree: ast.AST) -> list[ast.Constant]:
    """String constants that are not docstrings."""
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


@pytest.mark.parametrize("path", ENGINE, ids=[str(p.relative_to(PACKAGE)) for p in ENGINE])
def test_the_engine_names_no_framework(path: Path) -> None:
    """A framework's name or qualified names appear in its module under frameworks/ only."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    named = [
        f"line {node.lineno}: {node.value!r}"
        for node in _strings(tree)
        if node.value in FRAMEWORK_WORDS or node.value.split(".", 1)[0] in FRAMEWORK_WORDS
    ]
    assert not named, f"{path.name} names a framework: {named}"


def test_the_scan_sees_a_framework_name() -> None:
    """The scan above would see ``"django" in enabled`` and a qualified name."""
    tree = ast.parse('"""Doc: flask.current_app."""\nx = "django" in y\nz = "flask.current_app"\n')
    found = {node.value for node in _strings(tree)}
    assert found == {"django", "flask.current_app"}


@pytest.mark.parametrize("framework", FRAMEWORKS, ids=[fw.name for fw in FRAMEWORKS])
def test_a_frameworks_names_come_from_its_packages(framework) -> None:
    """Every qualified name in a framework's tables is in one of the packages it declares
    (what the fallback test blocks, and what the engine scan looks for)."""
    names = {
        *framework.app_classes, *framework.registration_callables,
        *framework.decorator_functions, *framework.entry_classes, *framework.app_globals,
        *framework.connection_types, *framework.resource_types, *framework.resource_calls,
    }
    assert framework.packages
    outside = sorted(q for q in names if q.split(".", 1)[0] not in framework.packages)
    assert not outside


MAX_CLASS_LINES = 300


def test_no_class_outgrows_one_concern() -> None:
    """A class of the package over about 300 lines holds more than one concern: split it
    into parts, as the resolver's calls, attributes and objects are."""
    too_long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and node.end_lineno is not None:
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_CLASS_LINES:
                    too_long.append(f"{path.relative_to(PACKAGE)}: {node.name} ({lines} lines)")
    assert not too_long
