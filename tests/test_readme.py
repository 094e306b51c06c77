"""The README says what the code does: message table, example output, commands."""

from __future__ import annotations

import re

from pylint_stateless import __version__
from pylint_stateless.checker import StatelessChecker
from pylint_stateless.messages import MESSAGES

from helpers import ROOT, run_pylint

README = (ROOT / "README.md").read_text(encoding="utf-8")
CHANGELOG = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
PRECISION = (ROOT / "docs" / "precision.md").read_text(encoding="utf-8")
#: Where the README's links point: PyPI shows the README too, where relative links break.
REPOSITORY = "https://github.com/pylint-stateless/pylint-stateless"
GIT_INSTALL = f"pip install git+{REPOSITORY}"
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
        assert link == f"{REPOSITORY}/blob/main/docs/messages/{symbol}.md"
        assert summary == message.summary


def test_links_are_absolute_and_lead_somewhere() -> None:
    """Relative links break on PyPI's page of the README; links into the repository name
    a file or folder that exists."""
    links = re.findall(r"\]\(([^)\s]+)\)", README)
    assert len(links) > 20
    for link in links:
        assert link.startswith("https://"), link
        match = re.match(re.escape(REPOSITORY) + r"/(blob|tree)/main/([^#]+)", link)
        if match:
            kind, path = match.groups()
            target = ROOT / path
            assert target.is_file() if kind == "blob" else target.is_dir(), link


def test_install_commands_work_before_the_first_release() -> None:
    """No version is on PyPI yet: the README installs from the repository, and says
    where the PyPI line comes from."""
    using = README.split("## Using it", 1)[1].split("\n## ", 1)[0]
    assert GIT_INSTALL in using
    assert "`pip install .` in a clone" in using
    assert "from the first release on, `pip install pylint-stateless`" in using
    assert "docs/releasing.md" in using


def _precision_totals() -> dict[str, int]:
    """The total row of docs/precision.md's table, and its number of service rows."""
    lines = PRECISION.splitlines()
    end = next(i for i, line in enumerate(lines) if line.startswith("| **total**"))
    start = end
    while start > 0 and lines[start - 1].startswith("|"):
        start -= 1  # the table that holds the total row, from its header
    table = [line for line in lines[start:end + 1] if line.startswith("| ")]
    header = [cell.strip() for cell in table[0].strip("|").split("|")]
    total = table[-1]
    cells = [cell.strip().strip("*") for cell in total.strip("|").split("|")]
    figures = {name: int(cells[header.index(name)].replace(",", ""))
               for name in ("files", "findings", "true", "false", "debatable")}
    services = table[1:table.index(total)]  # the separator row starts with "|-"
    figures["services"] = len(services)
    assert figures["files"] == sum(int(row.split("|")[header.index("files") + 1])
                                   for row in services)
    return figures


def test_precision_figures_agree() -> None:
    """README, CHANGELOG and docs/precision.md give the same services, files and findings
    (its total row); when precision.md is measured again, the other two follow."""
    totals = _precision_totals()
    number = r"(\d[\d,]*|none)"
    readme = re.search(
        rf"On {number} open-source services \({number} files[^)]*\), {number} of its "
        rf"{number} findings were true, {number} false and {number} debatable", README)
    assert readme, "the README's precision sentence"
    changelog = re.search(
        rf"`docs/precision.md`: {number} open-source services \({number} files\) triaged by "
        rf"hand: {number} of {number}\s+findings true, {number} false, {number} debatable",
        CHANGELOG)
    assert changelog, "the changelog's precision sentence"
    names = ("services", "files", "true", "findings", "false", "debatable")
    for match in (readme, changelog):
        found = [0 if g == "none" else int(g.replace(",", "")) for g in match.groups()]
        assert dict(zip(names, found)) == {name: totals[name] for name in names}
    assert f"over {totals['services']} open-source web services" in PRECISION


def test_options_table_lists_every_option() -> None:
    table = README.split("| option | default | meaning |", 1)[1].split("\n\n", 1)[0]
    rows = dict(re.findall(r"^\| `([\w-]+)` \| ([^|]+) \|", table, re.M))
    options = dict(StatelessChecker.options)
    assert sorted(rows) == sorted(options)
    for name, default in rows.items():
        value = options[name]["default"]
        expected = {(): "none", "": "none", False: "n", True: "y"}.get(
            tuple(value) if isinstance(value, tuple) else value, str(value))
        if name == "stateless-frameworks":
            expected = "all"
        assert default.strip() == expected, name


def test_changelog_keeps_a_changelog() -> None:
    """Keep a Changelog: [Unreleased] first, then each version with its date, newest
    first, the package's version among them, and a link for each."""
    headings = re.findall(r"^## \[([^]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$", CHANGELOG, re.M)
    assert headings[0] == ("Unreleased", "")
    versions = [version for version, _ in headings[1:]]
    assert all(date for _, date in headings[1:])
    assert __version__ in versions
    assert versions == sorted(versions, key=lambda v: tuple(map(int, v.split("."))),
                              reverse=True)
    for name, _ in headings:
        assert re.search(rf"^\[{re.escape(name)}\]: https://", CHANGELOG, re.M), name
    for section in re.split(r"^## ", CHANGELOG, flags=re.M)[1:]:
        kinds = re.findall(r"^### (.+)$", section, re.M)
        assert set(kinds) <= {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}


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
