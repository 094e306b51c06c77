"""The state inventory: every piece of process-local state the analysed code defines.

The first step of a migration to stateless services is knowing every module-level
or class-level mutable object and shared instance, and what happens to it. Each
linted module contributes what it defines and what its entry points and start-up
code write; contributions are merged by the state's identity, so the result does
not depend on the order of the modules or on ``-j``.

Output: pylint's report mechanism (``--reports=y``) prints a table, and the option
``stateless-inventory=<path>`` writes the same inventory as JSON.
"""

from __future__ import annotations

import enum
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from astroid import nodes
from pylint.reporters.ureports.nodes import Section, Table

from pylint_stateless.analysis.model import Shape, State, StateKind
from pylint_stateless.frameworks import Role

if TYPE_CHECKING:
    from pylint_stateless.analysis.resolver import Resolver
    from pylint_stateless.entrypoints import EntryPoint
    from pylint_stateless.analysis.model import Hit
    from pylint_stateless.verdict import Report


class Use(enum.IntEnum):
    """What happens to a piece of state; the highest seen wins when merging."""

    READ_ONLY = 0
    RESOURCE = 1
    STARTUP = 2
    REQUEST = 3

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Use.READ_ONLY: "read-only",
    Use.RESOURCE: "process resource",
    Use.STARTUP: "set up at start-up",
    Use.REQUEST: "mutated on the request path",
}


@dataclass
class Item:
    """One piece of state and what the analysed code does with it."""

    name: str
    kind: str  # module, class, attribute, app
    module: str
    line: int
    type: str
    use: Use = Use.READ_ONLY
    entry_points: set[str] = field(default_factory=set)
    messages: set[str] = field(default_factory=set)
    file: str = ""  # the defining module's path, as pylint shows paths
    reported_at: set[str] = field(default_factory=set)  # 'path:line:column' of its messages

    @property
    def key(self) -> tuple[str, str]:
        return (self.module, self.name)

    def merge(self, other: Item) -> None:
        self.use = max(self.use, other.use)
        self.entry_points |= other.entry_points
        self.messages |= other.messages
        self.reported_at |= other.reported_at
        self.file = self.file or other.file
        if not self.line and other.line:
            self.line = other.line
        if self.type in {"value", ""} and other.type not in {"value", ""}:
            self.type = other.type

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "kind": self.kind,
            "module": self.module,
            "file": self.file,
            "line": self.line,
            "type": self.type,
            "classification": self.use.label,
            "entry_points": sorted(self.entry_points),
            "messages": sorted(self.messages),
            "reported_at": sorted(self.reported_at, key=_location_order),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Item:
        use = {label: use for use, label in _LABELS.items()}[data["classification"]]
        return cls(
            name=data["name"], kind=data["kind"], module=data["module"], line=data["line"],
            type=data["type"], use=use, entry_points=set(data["entry_points"]),
            messages=set(data["messages"]), file=data["file"],
            reported_at=set(data["reported_at"]),
        )


@dataclass(eq=False, repr=False)
class Inventory:
    """Every state the linted modules contributed, merged by identity."""

    items: dict[tuple[str, str], Item] = field(default_factory=dict)

    def add(self, item: Item) -> None:
        existing = self.items.get(item.key)
        if existing is None:
            self.items[item.key] = item
        else:
            existing.merge(item)

    def extend(self, items: Iterable[Item]) -> None:
        for item in items:
            self.add(item)

    def sorted_items(self) -> list[Item]:
        return sorted(self.items.values(), key=lambda i: (i.module, i.line, i.name))

    def as_json(self) -> str:
        return json.dumps(
            {"state": [item.as_dict() for item in self.sorted_items()]}, indent=2
        ) + "\n"

    def write(self, path: str) -> bool:
        """Write the JSON inventory; a path that cannot be written is reported on stderr,
        not raised (pylint still prints the run's messages): False then."""
        try:
            Path(path).write_text(self.as_json(), encoding="utf-8")
        except OSError as error:
            print(
                f"pylint-stateless: cannot write the state inventory to {path!r} "
                f"(option stateless-inventory): {error.strerror or error}",
                file=sys.stderr,
            )
            return False
        return True

    def report(self, section: Section) -> None:
        """Fill pylint's report section with one row per piece of state."""
        cells = ["state", "defined in", "type", "classification", "entry points"]
        for item in self.sorted_items():
            cells += [
                item.name,
                f"{item.module}:{item.line}" if item.line else item.module,
                item.type,
                item.use.label,
                ", ".join(sorted(item.entry_points)) or "-",
            ]
        section.append(Table(children=cells, cols=5, rheaders=1))


# --- what one linted module contributes ------------------------------------------------

_INVENTORIED = frozenset({Shape.CONTAINER, Shape.INSTANCE, Shape.APP, Shape.RESOURCE})
_KINDS = {StateKind.MODULE: "module", StateKind.CLASS: "class",
          StateKind.ATTRIBUTE: "attribute", StateKind.APP: "application",
          StateKind.LOCAL: "made at start-up"}


def items_of(
    module: nodes.Module,
    resolver: Resolver,
    reports: Iterable[Report],
    dropped: Iterable[tuple[EntryPoint, Hit]],
) -> list[Item]:
    """What ``module`` defines, and what its entry points and start-up code write."""
    return [*_defined(module, resolver), *_reported(module, reports), *_dropped(module, dropped)]


def _defined(module: nodes.Module, resolver: Resolver) -> Iterator[Item]:
    """Module-level containers, instances and resources, and class-level containers."""
    for name, bindings in module.locals.items():
        if not any(isinstance(b, nodes.AssignName) and b.scope() is module for b in bindings):
            continue
        state = resolver.states.module_state(module, name)
        if state is not None and state.shape in _INVENTORIED:
            yield _item(state, Use.RESOURCE if state.shape is Shape.RESOURCE else None)
    for cls in module.nodes_of_class(nodes.ClassDef):
        for name, bindings in cls.locals.items():
            if any(isinstance(b, nodes.AssignName) for b in bindings):
                attr = resolver.states.class_attr(cls, name)
                if attr is not None and attr.shape is Shape.CONTAINER:
                    yield _item(attr, None)


def _reported(module: nodes.Module, reports: Iterable[Report]) -> Iterator[Item]:
    """What a message reports, and the shared instance whose attribute it is."""
    for report in reports:
        entry_points = {f"{module.name}.{e.name}" for e in report.entries}
        use = Use.STARTUP if all(e.role is Role.STARTUP for e in report.entries) else Use.REQUEST
        state: State | None = report.state
        while state is not None:
            item = _item(state, use)
            item.entry_points = set(entry_points)
            if state is report.state:
                item.messages = {report.symbol}
                anchor = report.anchor
                item.reported_at = {
                    f"{display_path(module.file or '')}:{anchor.fromlineno}:{anchor.col_offset}"
                }
            yield item
            state = state.owner if state.kind is StateKind.ATTRIBUTE else None


def _dropped(module: nodes.Module, dropped: Iterable[tuple[EntryPoint, Hit]]) -> Iterator[Item]:
    """Writes that make no message: start-up code, resources created lazily."""
    for entry, hit in dropped:
        state = hit.mutation.state
        if state.key[0] == "memoised":
            continue
        item = _item(state, Use.RESOURCE if hit.mutation.facts.resource_value else Use.STARTUP)
        if entry.role is Role.STARTUP:
            item.entry_points = {f"{module.name}.{entry.name}"}
        yield item


def _item(state: State, use: Use | None) -> Item:
    type_name = state.type_name if state.type_name != "value" else "attribute"
    return Item(
        name=state.name, kind=_KINDS[state.kind], module=state.module, line=state.line,
        type=type_name, use=use if use is not None else Use.READ_ONLY,
        file=display_path(state.file),
    )


def display_path(path: str) -> str:
    """A path as pylint shows it in messages: relative to the working directory when it is
    under it."""
    if not path:
        return ""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def _location_order(location: str) -> tuple[str, int, int]:
    path, line, column = location.rsplit(":", 2)
    return (path, int(line), int(column))
