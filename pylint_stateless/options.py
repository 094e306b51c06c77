"""The checker's options: names, defaults, help, and the checks that make a bad value
pylint's own option error ("invalid choice") rather than a traceback or a setting that
silently matches nothing."""

from __future__ import annotations

import keyword
import re
from collections.abc import Iterator
from typing import Any

from pylint_stateless.frameworks import FRAMEWORK_ALIASES, FRAMEWORK_NAMES

Options = tuple[tuple[str, dict[str, Any]], ...]
MAX_DEPTH_CHOICES = range(0, 31)
_PATH_SEPARATORS = re.compile(r"[/.]")


class CsvChoices(tuple[str, ...]):
    """``choices`` for a comma-separated option: every element must be one of them, and
    there must be one at least (an empty list would silently switch the checker off).

    argparse checks ``value in choices`` with the whole parsed list; this makes an
    unknown name, or none, a clear "invalid choice" error naming the option.
    """

    def __contains__(self, value: object) -> bool:
        if isinstance(value, (list, tuple)):
            return bool(value) and all(tuple.__contains__(self, item) for item in value)
        return tuple.__contains__(self, value)


class QualifiedNames:
    """``choices`` for a comma-separated list of qualified names (``myapp.web.route``), or
    with ``paths`` of functions as a platform's configuration names them (``handler``,
    ``app.handler``, ``src/app.handler``): anything else is pylint's "invalid choice"
    error for the option."""

    def __init__(self, paths: bool = False) -> None:
        self._paths = paths

    def __contains__(self, value: object) -> bool:
        if not isinstance(value, (list, tuple)):
            value = [value]
        return all(isinstance(name, str) and is_qualified_name(name, self._paths)
                   for name in value)

    def __iter__(self) -> Iterator[str]:
        """What argparse lists after "choose from" in its error."""
        if self._paths:
            yield "functions named as module.function or path/module.function"
        else:
            yield "dotted Python names, e.g. myapp.web.route"


def is_qualified_name(name: str, paths: bool = False) -> bool:
    """``a.b.C``: identifiers joined by dots, none of them a keyword (with ``paths``, also
    joined by ``/``)."""
    parts = _PATH_SEPARATORS.split(name) if paths else name.split(".")
    return all(part.isidentifier() and not keyword.iskeyword(part) for part in parts)


class Csv(tuple[str, ...]):
    """A comma-separated default, as pylint's ``--help`` shows it: ``(default: a, b)``."""

    def __str__(self) -> str:
        return ", ".join(self) or "none"


def _alias_help() -> str:
    by_name: dict[str, list[str]] = {}
    for alias, name in FRAMEWORK_ALIASES.items():
        by_name.setdefault(name, []).append(alias)
    return "; ".join(f"{name}: {', '.join(aliases)}" for name, aliases in by_name.items())


OPTIONS: Options = (
    (
        "stateless-entry-decorators",
        {
            "default": Csv(),
            "type": "csv",
            "choices": QualifiedNames(),
            "metavar": "<qualified names>",
            "help": "Qualified names of extra decorators that make a function serve "
            "requests (in-house wrappers around a framework's route decorator), e.g. "
            "'myapp.web.route'.",
        },
    ),
    (
        "stateless-ignore-names",
        {
            "default": Csv(),
            "type": "regexp_csv",
            "metavar": "<regexps>",
            "help": "Regular expressions of state names never to report; matched in "
            "full against the name ('cache') and the dotted name ('service.cache').",
        },
    ),
    (
        "stateless-resource-types",
        {
            "default": Csv(),
            "type": "csv",
            "choices": QualifiedNames(),
            "metavar": "<qualified names>",
            "help": "Qualified names of extra classes or factories whose objects are "
            "process resources (clients, pools, locks), never state.",
        },
    ),
    (
        "stateless-entry-base-classes",
        {
            "default": Csv(),
            "type": "csv",
            "choices": QualifiedNames(),
            "metavar": "<qualified names>",
            "help": "Qualified names of in-house base classes whose subclasses' methods "
            "serve requests, one instance per request (their ``self`` is private).",
        },
    ),
    (
        "stateless-shared-base-classes",
        {
            "default": Csv(),
            "type": "csv",
            "choices": QualifiedNames(),
            "metavar": "<qualified names>",
            "help": "Qualified names of in-house base classes whose subclasses' methods "
            "serve requests on one instance shared by every request of the process.",
        },
    ),
    (
        "stateless-serverless-handlers",
        {
            "default": Csv(),
            "type": "csv",
            "choices": QualifiedNames(paths=True),
            "metavar": "<module.function>",
            "help": "Functions a serverless platform calls per event, as its "
            "configuration names them: a Lambda handler setting ('app.handler', "
            "'src/app.handler'), a Cloud Function's entry point ('hello_http'). A name "
            "without its module names that function in any module. Module-level "
            "handler(event, context) and lambda_handler(event, context) functions are "
            "found without it.",
        },
    ),
    (
        "stateless-frameworks",
        {
            "default": Csv(FRAMEWORK_NAMES),
            "type": "csv",
            "choices": CsvChoices((*FRAMEWORK_NAMES, *FRAMEWORK_ALIASES)),
            "metavar": "<names>",
            "help": "Frameworks whose entry points are recognised, at least one, by "
            f"the name of its table or a common name ({_alias_help()}).",
        },
    ),
    (
        "stateless-inventory",
        {
            "default": "",
            "type": "string",
            "metavar": "<file>",
            "help": "Write the state inventory (every module- or class-level mutable "
            "object and shared instance, and what the code does with it) to this file, "
            "as JSON. With --reports=y the same inventory is printed as a table.",
        },
    ),
    (
        "stateless-sarif-srcroot",
        {
            "default": False,
            "type": "yn",
            "metavar": "<y or n>",
            "help": "Name the absolute path of the directory pylint runs in, against "
            "which the SARIF log's URIs are relative, in the log "
            "(originalUriBaseIds and the invocation's workingDirectory); without it "
            "the log publishes no path of the machine but those of files linted "
            "outside that directory.",
        },
    ),
    (
        "stateless-report-every-site",
        {
            "default": False,
            "type": "yn",
            "metavar": "<y or n>",
            "help": "Report a piece of state at every place of a module that changes "
            "it, instead of once per module (at its first place, naming every entry "
            "point that reaches it).",
        },
    ),
    (
        "stateless-max-depth",
        {
            "default": 5,
            "type": "int",
            "choices": MAX_DEPTH_CHOICES,
            "metavar": "<0-30>",
            "help": "How many calls deep to follow helpers from an entry point.",
        },
    ),
)
