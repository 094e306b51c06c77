"""The README says what the code does: message table, example output, commands."""

from __future__ import annotations

import re

from pylint_stateless.messages import MESSAGES

from helpers import ROOT, run_pylint

README = (ROOT / "README.md").read_text(encoding="utf-8")
TRY_COMMAND = (
    "python -m venv .venv && . .venv/bin/activate && pip install . fastapi && "
    "pylint --load-plugins=pylint_stateless examples/shop"
)
TEST_COMMAND = (
    'python -m venv .venv && . .venv/bin/activate && pip install -e ".[test]" && pytest'
)


def test_message_table_matches_the_checker() -> None:
    rows = re.findall(r"^\| (\w\d{4}) \| \[`([a-z-]+)`\]\(([^)]+)\) \| (.+) \|$", README, re.M)
    assert [(r[0], r[1]) for r in rows] == [(m.msgid, m.symbol) for m in MESSAGES]
    for (_, symbol, link, summary), message in zip(rows, MESSAGES):
        assert link == f"docs/messages/{symbol}.md"
        assert (ROOT / link).exists(), link
        assert summary == message.summary


def test_first_screen_commands() -> None:
    first_screen = README[: README.index("## What it finds")]
    assert TRY_COMMAND in first_screen
    assert TEST_COMMAND in first_screen
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert TEST_COMMAND in ci


def test_example_output_is_what_pylint_prints() -> None:
    block = README.split("<!-- example-output:start -->", 1)[1].split(
        "<!-- example-output:end -->", 1
    )[0]
    shown = [line for line in block.splitlines() if line.startswith(("examples/", "*****"))]
    run = run_pylint("--persistent=n", "--load-plugins=pylint_stateless", "examples/shop")
    printed = [line for line in run.stdout.splitlines() if line.startswith(("examples/", "*****"))]
    assert len(shown) >= 8
    assert printed == shown


def test_frameworks_page_names_every_framework_table() -> None:
    # pylint: disable-next=import-outside-toplevel
    from pylint_stateless.frameworks import FRAMEWORKS

    page = (ROOT / "docs" / "frameworks.md").read_text(encoding="utf-8")
    cells = dict(re.findall(r"\(`([\w-]+)`(?:; also ([^)]*))?\)", page))
    for framework in FRAMEWORKS:
        assert framework.name in cells, framework.name
        assert re.findall(r"`([\w-]+)`", cells[framework.name]) == list(framework.aliases)
