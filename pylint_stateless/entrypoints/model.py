"""An entry point: a function the framework calls, per request or once at start-up."""

from __future__ import annotations

from dataclasses import dataclass

from astroid import nodes
from pylint.interfaces import Confidence

from pylint_stateless.analysis import astutil
from pylint_stateless.frameworks.base import Lifetime, Role


@dataclass(frozen=True)
class EntryPoint:
    """A function the framework calls: per request, or once at startup."""

    func: nodes.FunctionDef
    role: Role
    label: str  # 'POST /login', 'HTTP middleware', ...
    anchor: nodes.NodeNG  # where the entry is declared in the linted module
    confidence: Confidence
    lifetime: Lifetime | None = None  # for methods: lifetime of ``self``
    shared_self: nodes.ClassDef | None = None  # class whose shared instance is ``self``
    self_state: nodes.NodeNG | None = None  # expression of the instance bound to ``self``
    remedy: str = ""  # what the framework's services should use instead (its ``remedy``)

    @property
    def name(self) -> str:
        return astutil.function_label(self.func)

    def describe(self) -> str:
        return f"'{self.name}' ({self.label})" if self.label else f"'{self.name}'"
