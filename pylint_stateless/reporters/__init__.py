"""Output formats shipped with pylint-stateless.

``pylint_stateless.reporters.sarif.SarifReporter`` writes one SARIF 2.1.0 log.
Select it with its dotted path, which pylint imports by itself::

    pylint --load-plugins=pylint_stateless \\
        --output-format=pylint_stateless.reporters.sarif.SarifReporter app/

or load this module as a plugin as well, which registers the short name
``sarif``::

    pylint --load-plugins=pylint_stateless,pylint_stateless.reporters \\
        --output-format=sarif app/

(pylint splits ``--output-format`` values on ``,`` and on the first ``:``, which
names an output file: ``module:Class`` is not a valid spelling.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pylint_stateless.reporters.sarif import SarifReporter

if TYPE_CHECKING:
    from pylint.lint import PyLinter

__all__ = ["SarifReporter", "register"]


def register(linter: PyLinter) -> None:
    """Make ``--output-format=sarif`` available (pylint plugin entry point)."""
    linter.register_reporter(SarifReporter)
