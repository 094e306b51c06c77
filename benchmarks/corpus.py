#!/usr/bin/env python
"""Deterministic generator of a synthetic web-service code base for the cost benchmark.

``write_corpus(root, modules=N, seed=S)`` writes a package ``corpus_app`` of exactly
``N`` Python modules (``__init__.py`` included) under ``root`` and returns a
:class:`CorpusInfo` describing it.  The same ``N`` and ``S`` always give byte-identical
files.  Proportions (of the ``N - 1`` modules besides ``__init__.py``):

* ~15 % handler modules, half FastAPI (``APIRouter`` with ``@router.get/post/...``), half
  Flask (``Blueprint`` with ``@bp.route`` and ``@bp.get/post``);
* ~35 % helper modules on three levels: a level-1 helper calls level-2 helpers of other
  modules, which call level-3 helpers, which touch state -- so a handler reaches state
  through chains of 2 to 4 calls across modules;
* ~12 % state modules: module-level dicts, lists, sets, ``defaultdict`` and ``deque``
  (written on the request path by some helpers) next to read-only lookup tables;
* ~13 % service modules: a class and a module-level instance shared by every request;
  one method appends to ``self.items`` (a true mutation), the others only read;
* the rest (~25 %) plain utility modules: pure functions, a dataclass, no state.

About one level-3 helper in six mutates module state or a shared instance for real;
the other helpers read tables, use local containers or call read-only methods -- the
proportions of a real service, where most request code does not keep process state.

``python benchmarks/corpus.py OUT_DIR --modules 100`` writes one corpus (for debugging).
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass, field
from pathlib import Path

PACKAGE = "corpus_app"
DEFAULT_SEED = 20240601

_WORDS = (
    "account", "order", "invoice", "ticket", "device", "report", "profile", "catalog",
    "payment", "shipment", "review", "coupon", "address", "message", "project", "team",
)


@dataclass
class CorpusInfo:
    """What was written: counts for the benchmark table."""

    root: Path
    package_dir: Path
    modules: int = 0
    lines: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    routes: int = 0
    planted_mutations: int = 0  # mutating statements (module state or shared instance)
    reachable_mutations: int = 0  # of those, the ones some route reaches through helpers


def _split(count: int) -> dict[str, int]:
    """How many modules of each kind, for ``count`` modules besides ``__init__``."""
    shares = {"handler": 0.15, "helper": 0.35, "state": 0.12, "service": 0.13}
    minimum = {"handler": 2, "helper": 3, "state": 1, "service": 1}
    kinds = {k: max(minimum[k], round(share * count)) for k, share in shares.items()}
    kinds["util"] = count - sum(kinds.values())
    if kinds["util"] < 0:
        raise ValueError(f"a corpus needs at least {sum(minimum.values()) + 1} modules")
    return kinds


class _Generator:  # pylint: disable=too-many-instance-attributes
    def __init__(self, modules: int, seed: int) -> None:
        self.rng = random.Random(seed)
        kinds = _split(modules - 1)
        self.kinds = kinds
        helpers = kinds["helper"]
        # Level sizes: roughly 40 % level 1, 30 % level 2, 30 % level 3, at least 1 each.
        level3 = max(1, round(helpers * 0.3))
        level2 = max(1, round(helpers * 0.3))
        level1 = helpers - level2 - level3
        if level1 < 1:
            level1, level2 = 1, helpers - 1 - level3
        self.levels = {1: level1, 2: level2, 3: level3}
        self.state_names = [f"state_{i}" for i in range(kinds["state"])]
        self.service_names = [f"service_{i}" for i in range(kinds["service"])]
        self.util_names = [f"util_{i}" for i in range(kinds["util"])]
        self.helper_names = {
            lvl: [f"helpers_l{lvl}_{i}" for i in range(n)] for lvl, n in self.levels.items()
        }
        # "module.function" names per helper level, and the call graph between them
        self.functions: dict[int, list[str]] = {lvl: [] for lvl in (1, 2, 3)}
        self.calls: dict[str, list[str]] = {}
        self.mutating: set[str] = set()
        self.entry_calls: list[str] = []
        self.planted = 0
        self.files: dict[str, str] = {}

    # -- state, services, utilities -------------------------------------------------

    def state_module(self, name: str) -> str:
        idx = name.split("_")[1]
        word = _WORDS[int(idx) % len(_WORDS)]
        lines = [
            f'"""Process-wide data of the {word} area (module {name})."""',
            "",
            "from collections import defaultdict, deque",
            "",
            f"{word.upper()}_KINDS_{idx} = {{",
        ]
        lines += [f'    "{w}": {i},' for i, w in enumerate(self.rng.sample(_WORDS, 6))]
        lines += [
            "}",
            f'ALLOWED_{idx} = frozenset({{"read", "write", "admin"}})',
            f"DEFAULT_LIMITS_{idx} = (10, 100, 1000)",
            f'LABELS_{idx} = {{"draft": "Draft", "open": "Open", "closed": "Closed"}}',
            "",
            f"registry_{idx}: dict[str, dict] = {{}}",
            f"pending_{idx}: list[str] = []",
            f"tallies_{idx} = defaultdict(int)",
            f"recent_{idx} = deque(maxlen=100)",
            f"known_{idx}: set[str] = set()",
            "",
            "",
            f"def kind_of_{idx}(key: str) -> int:",
            '    """Look a kind up (read-only)."""',
            f"    return {word.upper()}_KINDS_{idx}.get(key, -1)",
            "",
            "",
            f"def label_{idx}(status: str) -> str:",
            '    """Human label of a status (read-only)."""',
            f"    return LABELS_{idx}.get(status, status.title())",
            "",
            "",
            f"def is_allowed_{idx}(action: str) -> bool:",
            '    """Whether an action is allowed (read-only)."""',
            f"    return action in ALLOWED_{idx}",
            "",
            "",
            f"def _seed_{idx}() -> None:",
            '    """Filled once at import time: not request state."""',
            "    for number in range(3):",
            f'        registry_{idx}[f"seed-{{number}}"] = {{"number": number}}',
            "",
            "",
            f"_seed_{idx}()",
            "",
        ]
        return "\n".join(lines)

    def service_module(self, name: str) -> str:
        idx = name.split("_")[1]
        state = self.rng.choice(self.state_names)
        sidx = state.split("_")[1]
        word = _WORDS[(int(idx) + 3) % len(_WORDS)]
        cls = f"{word.title()}Service{idx}"
        lines = [
            f'"""Business logic of the {word} area, with one instance for the process."""',
            "",
            "from __future__ import annotations",
            "",
            f"from {PACKAGE} import {state}",
            "",
            "",
            f"class {cls}:",
            f'    """Service object for {word}s; created once, shared by every request."""',
            "",
            "    retries = 3",
            "",
            "    def __init__(self, name: str) -> None:",
            "        self.name = name",
            "        self.items: list[str] = []",
            "        self.timeout = 5.0",
            "",
            "    def compute(self, value: int) -> int:",
            '        """Pure computation."""',
            "        total = 0",
            "        for step in range(value % 7):",
            "            total += step * self.retries",
            "        return total",
            "",
            "    def describe(self, key: str) -> str:",
            '        """Read-only access to module tables."""',
            f"        kind = {state}.kind_of_{sidx}(key)",
            f'        return f"{{self.name}}:{{key}}:{{kind}}:{{len({state}.pending_{sidx})}}"',
            "",
            "    def record(self, key: str) -> None:",
            '        """Remember a key on the shared instance (a true mutation)."""',
            "        self.items.append(key)",
            "",
            "    def snapshot(self) -> list[str]:",
            '        """A copy of the items (read-only)."""',
            "        return list(self.items)",
            "",
            "",
            f'{name} = {cls}("{word}")',
            "",
        ]
        return "\n".join(lines)

    def util_module(self, name: str) -> str:
        idx = name.split("_")[1]
        word = _WORDS[(int(idx) + 5) % len(_WORDS)]
        lines = [
            f'"""Utilities for {word}s: pure functions, no process state."""',
            "",
            "from __future__ import annotations",
            "",
            "import re",
            "from dataclasses import dataclass, field",
            "",
            f'_SLUG_{idx} = re.compile(r"[^a-z0-9]+")',
            "",
            "",
            "@dataclass",
            f"class {word.title()}Record{idx}:",
            f'    """A {word} as passed between layers."""',
            "",
            "    key: str",
            "    quantity: int = 0",
            "    tags: list[str] = field(default_factory=list)",
            "",
            "    def weight(self) -> float:",
            '        """A derived value."""',
            "        return self.quantity * 1.5 + len(self.tags)",
            "",
            "",
            f"def slugify_{idx}(text: str) -> str:",
            '    """Lower-case, dash-separated."""',
            f'    return _SLUG_{idx}.sub("-", text.lower()).strip("-")',
            "",
            "",
            f"def chunk_{idx}(values: list[int], size: int = 10) -> list[list[int]]:",
            '    """Split a list into chunks."""',
            "    result: list[list[int]] = []",
            "    for start in range(0, len(values), size):",
            "        result.append(values[start:start + size])",
            "    return result",
            "",
            "",
            f"def merge_{idx}(left: dict, right: dict) -> dict:",
            '    """A merged copy (the arguments are left alone)."""',
            "    merged = dict(left)",
            "    for key, value in right.items():",
            "        if isinstance(value, dict) and isinstance(merged.get(key), dict):",
            f"            merged[key] = merge_{idx}(merged[key], value)",
            "        else:",
            "            merged[key] = value",
            "    return merged",
            "",
            "",
            f"def summarize_{idx}(records: list[{word.title()}Record{idx}]) -> dict[str, float]:",
            '    """Totals per key."""',
            "    totals: dict[str, float] = {}",
            "    for record in records:",
            "        totals[record.key] = totals.get(record.key, 0.0) + record.weight()",
            "    return totals",
            "",
        ]
        return "\n".join(lines)

    # -- helpers ----------------------------------------------------------------------

    def _leaf_body(self) -> tuple[list[str], set[str], bool]:
        """Body of a level-3 helper: reads, local work, sometimes a true mutation."""
        imports: set[str] = set()
        state = self.rng.choice(self.state_names)
        sidx = state.split("_")[1]
        imports.add(state)
        body = [
            f"    kind = {state}.kind_of_{sidx}(key)",
            f"    if not {state}.is_allowed_{sidx}(action):",
            "        return {}",
            "    seen: dict[str, int] = {}",
            "    for part in key.split('-'):",
            "        seen[part] = seen.get(part, 0) + 1",
        ]
        roll = self.rng.random()
        mutates = roll < 0.17
        if mutates:
            choice = self.rng.randrange(5)
            if choice == 0:
                body.append(f'    {state}.registry_{sidx}[key] = {{"kind": kind, "seen": seen}}')
            elif choice == 1:
                body.append(f"    {state}.pending_{sidx}.append(key)")
            elif choice == 2:
                body.append(f"    {state}.tallies_{sidx}[key] += 1")
            elif choice == 3:
                body.append(f"    {state}.known_{sidx}.add(key)")
            else:
                service = self.rng.choice(self.service_names)
                imports.add(service)
                body.append(f"    {service}.{service}.record(key)")
            self.planted += 1
        else:
            choice = self.rng.randrange(4)
            if choice == 0:
                body.append(f"    label = {state}.label_{sidx}(action)")
                body.append('    seen["label"] = len(label)')
            elif choice == 1:
                body.append(f"    seen['pending'] = len({state}.pending_{sidx})")
            elif choice == 2:
                service = self.rng.choice(self.service_names)
                imports.add(service)
                body.append(f"    seen['cost'] = {service}.{service}.compute(kind)")
            else:
                body.append(f"    seen['limit'] = {state}.DEFAULT_LIMITS_{sidx}[0]")
        body.append('    return {"key": key, "kind": kind, "parts": seen}')
        if self.util_names and self.rng.random() < 0.3:
            util = self.rng.choice(self.util_names)
            uidx = util.split("_")[1]
            imports.add(util)
            body.insert(0, f"    key = {util}.slugify_{uidx}(key)")
        return body, imports, mutates

    def helper_module(self, level: int, name: str, others: dict[int, list[str]]) -> str:
        imports: set[str] = set()
        functions: list[str] = []
        count = 5
        for number in range(count):
            fname = f"{name.replace('helpers_', 'h')}_{number}"
            self.functions[level].append(f"{name}.{fname}")
            body: list[str]
            if level == 3:
                body, extra, mutates = self._leaf_body()
                imports |= extra
                if mutates:
                    self.mutating.add(f"{name}.{fname}")
                self.calls[f"{name}.{fname}"] = []
            else:
                callees = self.rng.sample(others[level + 1], k=min(2, len(others[level + 1])))
                self.calls[f"{name}.{fname}"] = callees
                body = ["    results = []"]
                for callee in callees:
                    module, func = callee.split(".")
                    imports.add(module)
                    body.append(f"    results.append({module}.{func}(key, action))")
                body += [
                    "    merged: dict = {}",
                    "    for result in results:",
                    "        merged.update(result)",
                    "    return merged",
                ]
            functions += [
                "",
                "",
                f"def {fname}(key: str, action: str = \"read\") -> dict:",
                f'    """Level-{level} helper number {number}."""',
                *body,
            ]
        header = [
            f'"""Level-{level} helpers (module {name})."""',
            "",
            "from __future__ import annotations",
            "",
        ]
        header += [f"from {PACKAGE} import {module}" for module in sorted(imports)]
        return "\n".join(header + functions) + "\n"

    # -- handlers ---------------------------------------------------------------------

    def _pick_entry_callee(self) -> str:
        """Level 1 (chain of 4 calls) mostly, sometimes level 2 or 3 (3 or 2 calls)."""
        level = self.rng.choices((1, 2, 3), weights=(6, 3, 1))[0]
        return self.rng.choice(self.functions[level])

    def fastapi_module(self, name: str, idx: int) -> tuple[str, int]:
        word = _WORDS[idx % len(_WORDS)]
        imports: set[str] = set()
        routes: list[str] = []
        verbs = ("get", "post", "put", "delete", "get", "post")
        for number, verb in enumerate(verbs):
            callee = self._pick_entry_callee()
            self.entry_calls.append(callee)
            module, func = callee.split(".")
            imports.add(module)
            asynchronous = "async " if number % 2 else ""
            routes += [
                "",
                "",
                f'@router.{verb}("/{word}s/{number}/{{key}}")',
                f"{asynchronous}def {verb}_{word}_{number}(key: str, action: str = \"read\") -> dict:",
                f'    """{verb.upper()} /{word}s/{number}/{{key}}."""',
                f"    payload = {module}.{func}(key, action)",
                '    payload["route"] = ' + f'"{verb}_{word}_{number}"',
                "    return payload",
            ]
        header = [
            f'"""FastAPI routes of the {word} area."""',
            "",
            "from __future__ import annotations",
            "",
            "from fastapi import APIRouter",
            "",
        ]
        header += [f"from {PACKAGE} import {module}" for module in sorted(imports)]
        header += ["", f'router = APIRouter(prefix="/api/{word}", tags=["{word}"])']
        return "\n".join(header + routes) + "\n", len(verbs)

    def flask_module(self, name: str, idx: int) -> tuple[str, int]:
        word = _WORDS[(idx + 7) % len(_WORDS)]
        imports: set[str] = set()
        routes: list[str] = []
        decorators = (
            '@bp.route("/{w}s/{n}/<key>")',
            '@bp.route("/{w}s/{n}/<key>", methods=["POST"])',
            '@bp.get("/{w}s/{n}/<key>/detail")',
            '@bp.post("/{w}s/{n}/<key>/action")',
            '@bp.route("/{w}s/{n}/<key>", methods=["DELETE"])',
        )
        for number, decorator in enumerate(decorators):
            callee = self._pick_entry_callee()
            self.entry_calls.append(callee)
            module, func = callee.split(".")
            imports.add(module)
            routes += [
                "",
                "",
                decorator.format(w=word, n=number),
                f"def {word}_view_{number}(key):",
                f'    """View number {number} of the {word} blueprint."""',
                '    action = request.args.get("action", "read")',
                f"    payload = {module}.{func}(key, action)",
                "    return jsonify(payload)",
            ]
        header = [
            f'"""Flask views of the {word} area."""',
            "",
            "from flask import Blueprint, jsonify, request",
            "",
        ]
        header += [f"from {PACKAGE} import {module}" for module in sorted(imports)]
        header += ["", f'bp = Blueprint("{name}", __name__, url_prefix="/{word}")']
        return "\n".join(header + routes) + "\n", len(decorators)

    # -- everything -------------------------------------------------------------------

    def build(self) -> tuple[dict[str, str], int]:
        files: dict[str, str] = {"__init__": '"""A synthetic service for the cost benchmark."""\n'}
        for name in self.state_names:
            files[name] = self.state_module(name)
        for name in self.service_names:
            files[name] = self.service_module(name)
        for name in self.util_names:
            files[name] = self.util_module(name)
        for level in (3, 2, 1):
            for name in self.helper_names[level]:
                files[name] = self.helper_module(level, name, self.functions)
        routes = 0
        for idx in range(self.kinds["handler"]):
            if idx % 2 == 0:
                name = f"api_{idx}"
                files[name], count = self.fastapi_module(name, idx)
            else:
                name = f"views_{idx}"
                files[name], count = self.flask_module(name, idx)
            routes += count
        return files, routes

    def reachable_mutations(self) -> int:
        seen: set[str] = set()
        stack = list(self.entry_calls)
        while stack:
            func = stack.pop()
            if func in seen:
                continue
            seen.add(func)
            stack.extend(self.calls.get(func, []))
        return len(seen & self.mutating)


def write_corpus(root: Path, modules: int, seed: int = DEFAULT_SEED) -> CorpusInfo:
    """Write ``modules`` modules of package ``corpus_app`` under ``root`` (created)."""
    generator = _Generator(modules, seed)
    files, routes = generator.build()
    assert len(files) == modules, (len(files), modules)
    package = Path(root) / PACKAGE
    package.mkdir(parents=True, exist_ok=True)
    for old in package.glob("*.py"):
        old.unlink()
    info = CorpusInfo(root=Path(root), package_dir=package, routes=routes)
    for name, text in files.items():
        (package / f"{name}.py").write_text(text, encoding="utf-8")
        info.lines += text.count("\n")
    info.modules = len(files)
    info.by_kind = {
        "handler": generator.kinds["handler"],
        "helper": sum(generator.levels.values()),
        "state": generator.kinds["state"],
        "service": generator.kinds["service"],
        "util": generator.kinds["util"],
        "init": 1,
    }
    info.planted_mutations = generator.planted
    info.reachable_mutations = generator.reachable_mutations()
    return info


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--modules", type=int, default=100)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args()
    print(write_corpus(args.out, args.modules, args.seed))


if __name__ == "__main__":
    main()
