"""The message documentation: one page per message, and its examples really lint as shown.

For every message of :data:`pylint_stateless.messages.MESSAGES` there must be a page
``docs/messages/<symbol>.md`` with the title ``# <symbol> (<msgid>)`` and exactly the
sections of :data:`SECTIONS`, in order.  The ``python`` block under ``## Example`` is
linted with the plugin and must produce exactly the ``# [symbol]`` markers written in
it (pylint's functional-test convention); the block under ``## Use instead`` must
produce no message of the plugin.  All blocks of all pages are linted in one
subprocess, so the whole file costs one pylint start-up.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from pylint.testutils.lint_module_test import LintModuleTest

from pylint_stateless.messages import MESSAGES, SYMBOLS, MessageDef

DOCS_DIR = Path(__file__).resolve().parent.parent / "docs" / "messages"
SECTIONS = ("What it does", "Why is this bad?", "Example", "Use instead", "Configuration",
            "Related")
OPTIONS = ("stateless-entry-decorators", "stateless-ignore-names", "stateless-resource-types",
           "stateless-max-depth")
PYLINT_TIMEOUT = 600  # seconds; only so that a hang fails instead of blocking the run

_FENCE_RE = re.compile(r"^(`{3,}|~{3,})\s*([\w+-]*)\s*$")
_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_LINK_RE = re.compile(r"\]\(([^)#\s]+\.md)(?:#[^)]*)?\)")


@dataclass
class Block:
    """A fenced code block: its info string and text."""

    lang: str
    text: str


@dataclass
class Page:
    """A message page split into title, sections (in order) and the code blocks of each."""

    path: Path
    title: str | None
    headings: list[str]
    prose: dict[str, str]
    blocks: dict[str, list[Block]]


def parse_page(path: Path) -> Page:
    """Split a page on its level-2 headings, ignoring ``#`` lines inside code fences."""
    title: str | None = None
    headings: list[str] = []
    prose: dict[str, str] = {}
    blocks: dict[str, list[Block]] = {}
    current: str | None = None
    fence: str | None = None
    lang = ""
    code: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if fence is not None:
            stripped = line.strip()
            if stripped and set(stripped) == {fence[0]} and len(stripped) >= len(fence):
                if current is not None:
                    blocks.setdefault(current, []).append(Block(lang, "\n".join(code) + "\n"))
                fence, code = None, []
            else:
                code.append(line)
            continue
        fence_match = _FENCE_RE.match(line.strip())
        if fence_match:
            fence, lang = fence_match.group(1), fence_match.group(2).lower()
            continue
        heading = _HEADING_RE.match(line)
        if heading and len(heading.group(1)) == 1:
            if title is None and not headings:
                title = heading.group(2)
            else:
                headings.append("#" + heading.group(2))  # a second title: fails the order check
            continue
        if heading and len(heading.group(1)) == 2:
            current = heading.group(2)
            headings.append(current)
            prose.setdefault(current, "")
            continue
        if current is not None:
            prose[current] += line + "\n"
        elif title is None and line.strip():
            title = ""  # text before the title: the title check fails
    assert fence is None, f"{path.name}: unterminated code fence"
    return Page(path, title, headings, prose, blocks)


def page_path(message: MessageDef) -> Path:
    """The page documenting ``message``."""
    return DOCS_DIR / f"{message.symbol}.md"


def python_block(page: Page, section: str) -> str:
    """The one ``python`` block of ``section``."""
    found = page.blocks.get(section, [])
    assert len(found) == 1, f"{page.path.name}: ## {section} needs exactly one code block"
    assert found[0].lang == "python", f"{page.path.name}: ## {section} block is not ```python"
    return found[0].text


def expected_markers(text: str) -> Counter[tuple[int, str]]:
    """``(line, symbol)`` pairs from ``# [symbol]`` markers, as pylint's functional tests."""
    return Counter(LintModuleTest.get_expected_messages(io.StringIO(text)))


def _module_name(symbol: str, kind: str) -> str:
    return f"doc_{kind}_{symbol.replace('-', '_')}"


def _write_blocks(root: Path) -> dict[Path, tuple[str, str]]:
    """Write the two python blocks of every page as modules under ``root``.

    Returns ``{resolved path: (symbol, 'example' | 'use_instead')}``. Pages that are
    missing or malformed are skipped here; their own structure test fails instead.
    """
    files: dict[Path, tuple[str, str]] = {}
    for message in MESSAGES:
        path = page_path(message)
        if not path.exists():
            continue
        page = parse_page(path)
        for section, kind in (("Example", "example"), ("Use instead", "use_instead")):
            found = page.blocks.get(section, [])
            if len(found) != 1:
                continue
            target = root / f"{_module_name(message.symbol, kind)}.py"
            target.write_text(found[0].text, encoding="utf-8")
            files[target.resolve()] = (message.symbol, kind)
    return files


def _run_pylint(root: Path, paths: list[Path]) -> list[dict]:
    """The json2 messages of one pylint run, with only this plugin's messages enabled."""
    command = [
        sys.executable, "-m", "pylint", "--rcfile=/dev/null", "--load-plugins=pylint_stateless",
        "--disable=all", "--enable=stateless", "--output-format=json2", "--persistent=n",
        *(str(path) for path in sorted(paths)),
    ]
    proc = subprocess.run(command, cwd=root, capture_output=True, text=True,
                          timeout=PYLINT_TIMEOUT, check=False)
    assert not proc.returncode & 1, f"pylint failed (fatal):\n{proc.stdout}\n{proc.stderr}"
    assert not proc.returncode & 32, f"pylint usage error:\n{proc.stderr}"
    try:
        return json.loads(proc.stdout)["messages"]
    except (json.JSONDecodeError, KeyError) as exc:
        raise AssertionError(f"pylint output is not json2:\n{proc.stdout}\n{proc.stderr}") from exc


@pytest.fixture(scope="session", name="lint_results")
def fixture_lint_results(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[tuple[str, str], list[dict]]:
    """Lint every example and every alternative of every page in one pylint run.

    Keys are ``(symbol, 'example' | 'use_instead')``; values are the messages for
    that file (any message: a syntax error would show up here too).
    """
    root = tmp_path_factory.mktemp("doc_examples")
    files = _write_blocks(root)
    results: dict[tuple[str, str], list[dict]] = {key: [] for key in files.values()}
    if not files:
        return results
    for item in _run_pylint(root, list(files)):
        key = files.get(Path(item["absolutePath"]).resolve())
        assert key is not None, f"message for an unexpected file: {item}"
        results[key].append(item)
    return results


def _found(messages: list[dict]) -> Counter[tuple[int, str]]:
    return Counter((m["line"], m["symbol"]) for m in messages)


def _describe(messages: list[dict]) -> str:
    return "\n".join(f"  line {m['line']}: {m['symbol']}: {m['message']}" for m in messages)


IDS = [m.symbol for m in MESSAGES]


@pytest.mark.parametrize("message", MESSAGES, ids=IDS)
def test_page_structure(message: MessageDef) -> None:
    """Title ``# symbol (id)``, the six sections in order, compilable python blocks."""
    path = page_path(message)
    assert path.exists(), f"missing documentation page {path}"
    page = parse_page(path)
    title = f"# {message.symbol} ({message.msgid})"
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == title, f"{path.name}: the first line must be {title!r}, not {first_line!r}"
    assert page.title == title[2:], f"{path.name}: more than one title"
    assert page.headings == list(SECTIONS), f"{path.name}: sections are {page.headings}"
    for section in SECTIONS:
        text = page.prose[section] + "".join(b.text for b in page.blocks.get(section, []))
        assert text.strip(), f"{path.name}: ## {section} is empty"
    for section in ("Example", "Use instead"):
        compile(python_block(page, section), f"{path.name}:{section}", "exec")


@pytest.mark.parametrize("message", MESSAGES, ids=IDS)
def test_configuration_section(message: MessageDef) -> None:
    """Every option of the checker is named, and the per-line disable is shown."""
    page = parse_page(page_path(message))
    text = page.prose["Configuration"]
    missing = [option for option in OPTIONS if f"`{option}`" not in text]
    assert not missing, f"{page.path.name}: ## Configuration does not mention {missing}"
    assert f"# pylint: disable={message.symbol}" in text, (
        f"{page.path.name}: ## Configuration must show how to disable one occurrence"
    )


@pytest.mark.parametrize("message", MESSAGES, ids=IDS)
def test_related_links(message: MessageDef) -> None:
    """Related links point at sibling message pages that exist."""
    page = parse_page(page_path(message))
    links = _LINK_RE.findall(page.prose["Related"])
    assert links, f"{page.path.name}: ## Related has no link"
    for link in links:
        assert "/" not in link, f"{page.path.name}: link {link} is not a sibling page"
        assert link.removesuffix(".md") in SYMBOLS, f"{page.path.name}: {link} is not a message"
        assert link != page.path.name, f"{page.path.name}: links to itself"
        assert (DOCS_DIR / link).exists(), f"{page.path.name}: broken link {link}"
    for link in _LINK_RE.findall(page.path.read_text(encoding="utf-8")):
        assert (DOCS_DIR / link).exists(), f"{page.path.name}: broken link {link}"


@pytest.mark.parametrize("message", MESSAGES, ids=IDS)
def test_example_is_flagged_as_marked(
    message: MessageDef, lint_results: dict[tuple[str, str], list[dict]]
) -> None:
    """The example yields exactly its ``# [symbol]`` markers, the page's own among them."""
    page = parse_page(page_path(message))
    text = python_block(page, "Example")
    expected = expected_markers(text)
    assert expected, f"{page.path.name}: the example has no '# [symbol]' marker"
    assert any(symbol == message.symbol for _, symbol in expected), (
        f"{page.path.name}: no line of the example is marked '# [{message.symbol}]'"
    )
    assert all(symbol in SYMBOLS for _, symbol in expected), (
        f"{page.path.name}: markers name unknown messages: {sorted(expected)}"
    )
    messages = lint_results[(message.symbol, "example")]
    found = _found(messages)
    missing = expected - found
    unexpected = found - expected
    assert not missing and not unexpected, (
        f"{page.path.name} ## Example:\n"
        f"  expected but not emitted: {sorted(missing.elements())}\n"
        f"  emitted but not expected: {sorted(unexpected.elements())}\n"
        f"pylint said:\n{_describe(messages)}"
    )


@pytest.mark.parametrize("message", MESSAGES, ids=IDS)
def test_use_instead_is_clean(
    message: MessageDef, lint_results: dict[tuple[str, str], list[dict]]
) -> None:
    """The stateless alternative yields no message at all."""
    page = parse_page(page_path(message))
    text = python_block(page, "Use instead")
    assert not expected_markers(text), (
        f"{page.path.name}: the 'Use instead' block must not carry '# [symbol]' markers"
    )
    messages = lint_results[(message.symbol, "use_instead")]
    assert not messages, f"{page.path.name} ## Use instead is flagged:\n{_describe(messages)}"


def test_no_stray_pages() -> None:
    """Every page in docs/messages documents a current message (or is the index)."""
    pages = {path.stem for path in DOCS_DIR.glob("*.md")} - {"README"}
    assert pages <= set(SYMBOLS), f"pages for unknown messages: {sorted(pages - set(SYMBOLS))}"


def test_index_lists_every_message() -> None:
    """README.md has one row per message with its id and a link to its page."""
    index = DOCS_DIR / "README.md"
    assert index.exists(), "missing docs/messages/README.md"
    rows = [line for line in index.read_text(encoding="utf-8").splitlines()
            if line.startswith("|")]
    for message in MESSAGES:
        row = [line for line in rows if f"`{message.symbol}`" in line]
        assert len(row) == 1, f"README.md: one table row expected for {message.symbol}"
        assert message.msgid in row[0], f"README.md: {message.symbol} row lacks {message.msgid}"
        assert f"]({message.symbol}.md)" in row[0], f"README.md: {message.symbol} row lacks link"
