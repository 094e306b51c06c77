"""pylint-stateless: find the state a web service keeps in one process's memory.

Load it with ``pylint --load-plugins=pylint_stateless``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pylint_stateless._version import __version__

if TYPE_CHECKING:
    from pylint.lint import PyLinter


def register(linter: PyLinter) -> None:
    """Register the checker, once: pylint 4.0.x reloads plugins in ``-j`` workers."""
    from pylint_stateless.checker import (  # pylint: disable=import-outside-toplevel
        StatelessChecker,
    )

    from pylint_stateless.reporters import (  # pylint: disable=import-outside-toplevel
        SarifReporter,
    )

    linter.register_reporter(SarifReporter)  # ``--output-format=sarif``
    if StatelessChecker.name in linter.get_checker_names():
        return
    linter.register_checker(StatelessChecker(linter))


__all__ = ["__version__", "register"]
