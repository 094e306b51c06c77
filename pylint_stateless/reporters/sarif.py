"""A pylint reporter that writes one SARIF 2.1.0 log.

Select it with::

    pylint --load-plugins=pylint_stateless \\
        --output-format=pylint_stateless.reporters.sarif.SarifReporter app/

or, after also loading ``pylint_stateless.reporters`` as a plugin, with
``--output-format=sarif``.  Add ``:FILE`` to write the log to a file, e.g.
``--output-format=sarif:pylint.sarif,colorized``.

Every message pylint emits goes into the log, ours (W67xx) and pylint's own, so
that one run can feed GitHub code scanning or another SARIF consumer.  The log is
written once, when pylint displays its messages at the end of the run; with
``-j N`` the workers send their messages back to the main process, whose reporter
receives them all through :meth:`SarifReporter.handle_message`.  Messages about
pylint's command line or configuration (no source file) go to the invocation's
``toolConfigurationNotifications`` instead of ``results``.

Lines and columns: SARIF counts both from 1, and the log declares
``"columnKind": "unicodeCodePoints"``.  pylint's lines already start at 1 (pylint
itself turns a line 0 into 1; a message built with line 0 or ``None`` gets a location
without a region, i.e. the whole file); its columns start at 0, so one is added, and
its end column is exclusive, as SARIF's ``endColumn`` is.  For a message about a
node, pylint's column is Python's AST offset, which counts UTF-8 bytes: it is turned
into code points with the text of its line (read from the file, or, with
``--from-stdin``, from the buffer pylint linted).  The few pylint messages positioned
on tokens or decoded lines (:data:`CHARACTER_COLUMNS`) already count characters.

Identity: each result has ``partialFingerprints`` (:data:`FINGERPRINT`), a hash of its
rule, file, logical location, message (line numbers left out) and flagged source
line, with an occurrence number: stable from run to run and when code moves, and
different for two results with the same rule and region.

Paths: artifact URIs are relative to ``%SRCROOT%``, the directory pylint runs in; the
log names that directory's absolute path (``originalUriBaseIds`` and the invocation's
``workingDirectory``) only with the option ``stateless-sarif-srcroot=y``.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import tokenize
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import astroid
import pylint
from pylint.exceptions import UnknownMessageError
from pylint.reporters.base_reporter import BaseReporter

from pylint_stateless._version import __version__
from pylint_stateless.messages import DOCS_URL, MESSAGES

if TYPE_CHECKING:
    from typing import TextIO

    from pylint.lint import PyLinter
    from pylint.message import Message
    from pylint.reporters.ureports.nodes import Section
    from pylint.utils import LinterStats

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
TOOL_NAME = "pylint-stateless"
#: The project's home page, derived from the one documentation URL constant.
INFORMATION_URI = DOCS_URL.split("/blob/", 1)[0]
PYLINT_INFORMATION_URI = "https://pylint.readthedocs.io/"
PYLINT_MESSAGE_DOCS_URL = (
    "https://pylint.readthedocs.io/en/stable/user_guide/messages/{category}/{symbol}.html"
)
SRCROOT = "%SRCROOT%"
#: The "files" pylint names for messages about its own command line or configuration
#: (``bad-plugin-value``, ...).  They are no source files, so these messages become
#: ``toolConfigurationNotifications`` of the invocation rather than results: GitHub
#: code scanning and SonarQube both need a physical location for every result.
PSEUDO_FILES = frozenset({"Command line", "Command line or configuration file"})

#: The key of the reporter's own ``partialFingerprints`` (a version, should its recipe change).
FINGERPRINT = "pylintStateless/v1"
#: pylint messages whose column counts characters (positioned on tokens or on decoded
#: lines), not UTF-8 bytes as the AST offset of a node does; and the prefix of the
#: unicode checker's ``invalid-character-*`` messages.
CHARACTER_COLUMNS = frozenset({
    "anomalous-backslash-in-string",
    "anomalous-unicode-escape-in-string",
    "bidirectional-unicode",
    "fixme",
    "syntax-error",
    "trailing-whitespace",
})
CHARACTER_COLUMN_PREFIX = "invalid-character-"
#: Line numbers in a message's text: left out of its fingerprint, so that a finding
#: keeps its identity when code above it moves.
_LINE_NUMBERS = re.compile(r"\bline \d+|\(and \d+ other entry points?\)")

#: pylint message category (full name) -> SARIF ``level``.
LEVELS: dict[str, str] = {
    "fatal": "error",
    "error": "error",
    "warning": "warning",
    "convention": "note",
    "refactor": "note",
    "info": "note",
}
#: pylint's one-letter message type -> category, for rules (a msgid starts with it).
CATEGORIES: dict[str, str] = {
    "F": "fatal",
    "E": "error",
    "W": "warning",
    "C": "convention",
    "R": "refactor",
    "I": "info",
}

#: GitHub code scanning takes at most this many characters of a rule's short and full
#: description; the whole text stays in the rule's ``help``.
DESCRIPTION_LIMIT = 1024

_OUR_MSGIDS = frozenset(message.msgid for message in MESSAGES)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _clip(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def _first_sentence(text: str) -> str:
    text = _one_line(text)
    if not text:
        return text
    return text.split(". ", 1)[0].rstrip(".") + "."


class SarifReporter(BaseReporter):
    """Collect every message and write them as one SARIF 2.1.0 log at the end."""

    name = "sarif"
    extension = "sarif"

    def __init__(self, output: TextIO | None = None) -> None:
        super().__init__(output)
        # Relative URIs are relative to the directory pylint runs in, as its paths are.
        self.srcroot = Path.cwd()
        self._written = False
        self._sources = _Sources()

    # Life cycle -----------------------------------------------------------------

    def handle_message(self, msg: Message) -> None:
        """Buffer the message; the log is written once, in :meth:`display_messages`."""
        self.messages.append(msg)
        linter: PyLinter | None = getattr(self, "linter", None)
        if linter is not None and getattr(linter.config, "from_stdin", False):
            self._sources.keep_buffer(msg)  # the buffer is gone when the log is written

    def display_messages(self, layout: Section | None) -> None:
        """Write the SARIF log (pylint calls this once, after all modules)."""
        self._write()

    def on_close(self, stats: LinterStats, previous_stats: LinterStats | None) -> None:
        """Write the log if :meth:`display_messages` was never called."""
        self._write()

    def display_reports(self, layout: Section) -> None:
        """Leave out pylint's reports and score: the output must stay one JSON document."""

    def _display(self, layout: Section) -> None:
        """Do nothing: see :meth:`display_reports`."""

    def _write(self) -> None:
        if self._written:
            return
        self._written = True
        print(json.dumps(self.sarif_log(), indent=2, ensure_ascii=False), file=self.out)

    # The log ----------------------------------------------------------------------

    def sarif_log(self) -> dict[str, Any]:
        """Build the SARIF log for the messages received so far."""
        messages = sorted(self.messages, key=self._sort_key)
        rule_ids = sorted({message.msg_id for message in messages})
        rule_index = {msgid: index for index, msgid in enumerate(rule_ids)}
        results, notifications = [], []
        occurrences: dict[str, int] = {}
        for message in messages:
            location = self._location(message)
            if location is None:
                notifications.append(self._notification(message, rule_index))
            else:
                result = self._result(message, location, rule_index)
                digest = self._fingerprint(message, location)
                occurrences[digest] = occurrences.get(digest, 0) + 1
                result["partialFingerprints"] = {FINGERPRINT: f"{digest}:{occurrences[digest]}"}
                results.append(result)
        invocation: dict[str, Any] = {"executionSuccessful": True}
        srcroot: dict[str, Any] = {
            "description": {"text": "The directory pylint ran in: URIs are relative to it."}
        }
        if self._names_srcroot():
            srcroot_uri = self.srcroot.as_uri().rstrip("/") + "/"
            invocation["workingDirectory"] = {"uri": srcroot_uri}
            srcroot["uri"] = srcroot_uri
        if notifications:
            invocation["toolConfigurationNotifications"] = notifications
        return {
            "$schema": SARIF_SCHEMA,
            "version": SARIF_VERSION,
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": TOOL_NAME,
                            "fullName": f"pylint {pylint.__version__} with {TOOL_NAME} "
                            f"{__version__}",
                            "version": __version__,
                            "informationUri": INFORMATION_URI,
                            "rules": [self._rule(msgid, messages) for msgid in rule_ids],
                            "properties": {
                                "pylintVersion": pylint.__version__,
                                "astroidVersion": astroid.__version__,
                            },
                        },
                        "extensions": [
                            {
                                "name": "pylint",
                                "version": pylint.__version__,
                                "informationUri": PYLINT_INFORMATION_URI,
                            }
                        ],
                    },
                    "invocations": [invocation],
                    "originalUriBaseIds": {SRCROOT: srcroot},
                    "columnKind": "unicodeCodePoints",
                    "results": results,
                }
            ],
        }

    def _names_srcroot(self) -> bool:
        """Whether the log may name the absolute path of the directory pylint runs in."""
        linter: PyLinter | None = getattr(self, "linter", None)
        return bool(linter is not None
                    and getattr(linter.config, "stateless_sarif_srcroot", False))

    def _fingerprint(self, message: Message, location: dict[str, Any]) -> str:
        """What identifies a result apart from where it is: its rule, file, function, text
        without line numbers, and the text of its first line (stripped)."""
        line = self._sources.line(message.abspath, message.line) if message.line else None
        parts = (
            message.msg_id,
            location["physicalLocation"]["artifactLocation"]["uri"],
            f"{message.module}.{message.obj}",
            _LINE_NUMBERS.sub("", message.msg or message.symbol),
            (line or "").strip(),
        )
        return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:32]

    def _sort_key(self, message: Message) -> tuple[str, int, int, str, str]:
        return (
            message.path or "",
            message.line or 0,
            message.column or 0,
            message.msg_id,
            message.msg or "",
        )

    def _rule(self, msgid: str, messages: list[Message]) -> dict[str, Any]:
        symbol = next(message.symbol for message in messages if message.msg_id == msgid)
        category = CATEGORIES.get(msgid[0], "warning")
        description = _one_line(self._description(msgid)) or symbol
        help_uri = self._help_uri(msgid, symbol, category)
        rule: dict[str, Any] = {
            "id": msgid,
            "name": symbol,
            "shortDescription": {"text": _clip(_first_sentence(description))},
            "fullDescription": {"text": _clip(description)},
            "defaultConfiguration": {"level": LEVELS.get(category, "warning")},
            # GitHub code scanning shows help next to each alert (help.text is required there).
            "help": {
                "text": f"{description} See {help_uri}" if help_uri else description,
                "markdown": f"{description}\n\n[{symbol} ({msgid})]({help_uri})"
                if help_uri
                else description,
            },
            "properties": {"category": category, "tags": [category, self._source(msgid)]},
        }
        if help_uri:
            rule["helpUri"] = help_uri
        return rule

    def _description(self, msgid: str) -> str:
        linter: PyLinter | None = getattr(self, "linter", None)
        if linter is not None:
            try:
                definitions = linter.msgs_store.get_message_definitions(msgid)
            except UnknownMessageError:
                definitions = []
            if definitions:
                return definitions[0].description
        for message in MESSAGES:
            if message.msgid == msgid:
                return message.description
        return ""

    def _help_uri(self, msgid: str, symbol: str, category: str) -> str | None:
        source = self._source(msgid)
        if source == TOOL_NAME:
            return DOCS_URL.format(symbol=symbol)
        if source == "pylint":
            return PYLINT_MESSAGE_DOCS_URL.format(category=category, symbol=symbol)
        return None  # another plugin's message: we do not know its documentation

    def _source(self, msgid: str) -> str:
        """Who defines msgid: pylint-stateless, pylint (core or pylint.extensions), or a
        module name for another plugin ("plugin" when the linter is unknown).
        """
        if msgid in _OUR_MSGIDS:
            return TOOL_NAME
        linter: PyLinter | None = getattr(self, "linter", None)
        if linter is not None:
            for checker in linter.get_checkers():
                if msgid in checker.msgs:
                    module = type(checker).__module__
                    if module == "pylint" or module.startswith("pylint."):
                        return "pylint"
                    return module.split(".", 1)[0]
        return "plugin"

    def _result(
        self, message: Message, location: dict[str, Any], rule_index: dict[str, int]
    ) -> dict[str, Any]:
        return {
            "ruleId": message.msg_id,
            "ruleIndex": rule_index[message.msg_id],
            "level": LEVELS.get(message.category, "warning"),
            "message": {"text": message.msg or message.symbol},
            "locations": [location],
            "properties": _message_properties(message),
        }

    def _notification(self, message: Message, rule_index: dict[str, int]) -> dict[str, Any]:
        return {
            "associatedRule": {"id": message.msg_id, "index": rule_index[message.msg_id]},
            "level": LEVELS.get(message.category, "warning"),
            "message": {"text": message.msg or message.symbol},
            "properties": _message_properties(message),
        }

    def _location(self, message: Message) -> dict[str, Any] | None:
        artifact = self._artifact_location(message)
        if artifact is None:
            return None
        physical: dict[str, Any] = {"artifactLocation": artifact}
        region = _region(message, self._sources)
        if region:
            physical["region"] = region
        location: dict[str, Any] = {"physicalLocation": physical}
        if message.obj:
            location["logicalLocations"] = [
                {"fullyQualifiedName": f"{message.module}.{message.obj}"}
            ]
        return location

    def _artifact_location(self, message: Message) -> dict[str, Any] | None:
        raw = message.abspath or message.path
        if not raw or (raw in PSEUDO_FILES and not os.path.exists(raw)):
            return None  # a message about the command line or the configuration
        path = Path(raw)
        if not path.is_absolute():
            path = self.srcroot / path
        path = Path(os.path.normpath(path))
        try:
            relative = path.relative_to(self.srcroot)
        except ValueError:
            return {"uri": path.as_uri()}  # outside the source root: an absolute URI
        return {"uri": quote(PurePath(relative).as_posix(), safe="/"), "uriBaseId": SRCROOT}


def _message_properties(message: Message) -> dict[str, str]:
    return {
        "symbol": message.symbol,
        "confidence": message.confidence.name,
        "module": message.module,
        "obj": message.obj,
    }


def _region(message: Message, sources: _Sources | None = None) -> dict[str, int]:
    """SARIF region (1-based lines and code-point columns) from pylint's location, if any."""
    line = message.line
    if not line or line < 1:
        return {}
    region = {"startLine": line}
    column = message.column
    if column is not None and column >= 0:
        region["startColumn"] = _code_points(message, sources, line, column) + 1
    end_line = message.end_line
    if end_line is None or end_line < line:
        return region
    region["endLine"] = end_line
    end_column = message.end_column
    if end_column is None or end_column < 0 or "startColumn" not in region:
        return region
    if end_line == line and end_column < column:
        return region
    region["endColumn"] = _code_points(message, sources, end_line, end_column) + 1
    return region


def _code_points(message: Message, sources: _Sources | None, line: int, column: int) -> int:
    """pylint's 0-based column on ``line`` counted in code points."""
    symbol = message.symbol
    if sources is None or symbol in CHARACTER_COLUMNS or symbol.startswith(
        CHARACTER_COLUMN_PREFIX
    ):
        return column
    text = sources.line(message.abspath, line)
    if text is None or text.isascii():
        return column
    encoded = text.encode("utf-8")
    if column > len(encoded):
        return column  # not an offset in this line (the file changed?): as reported
    return len(encoded[:column].decode("utf-8", errors="ignore"))


class _Sources:
    """The lines of the files the messages are about, read once each."""

    def __init__(self) -> None:
        self._lines: dict[str, list[str] | None] = {}

    def keep_buffer(self, message: Message) -> None:
        """With ``--from-stdin`` the linted text is the buffer astroid built the module
        from (its ``file_bytes``), not the file on disk: keep its lines."""
        path = message.abspath
        if not path or path in self._lines:
            return
        module = astroid.MANAGER.astroid_cache.get(message.module)
        data = getattr(module, "file_bytes", None)
        if module is None or data is None or os.path.abspath(module.file or "") != path:
            return
        text = data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data
        self._lines[path] = io.StringIO(text, newline=None).readlines()

    def line(self, path: str, number: int) -> str | None:
        """The text of line ``number`` (1-based) of ``path``, or None if unknown."""
        if not path:
            return None
        if path not in self._lines:
            try:
                with tokenize.open(path) as stream:  # the encoding its coding line declares
                    self._lines[path] = stream.readlines()
            except (OSError, SyntaxError, UnicodeDecodeError):
                self._lines[path] = None
        lines = self._lines[path]
        if lines is None or not 1 <= number <= len(lines):
            return None
        return lines[number - 1]
