"""The end-of-run summary, and the request log added to a failing test's report."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from pylint_stateless.replicas.apps import lint_target
from pylint_stateless.replicas.findings import Finding, lint, reaching
from pylint_stateless.replicas.session import Replication, RequestRecord, TestRecord

MAX_REQUESTS = 20  # per test in the summary; the test's own report lists them all

Linter = Callable[[Sequence[str], Path], tuple[list[Finding], str]]


def request_lines(requests: Sequence[RequestRecord], limit: int | None = None) -> list[str]:
    """``POST /login/ann  -> copy 0  200  shop.main:login``, one line per request."""
    shown = list(requests if limit is None else requests[:limit])
    width = max((len(f"{r.method} {r.target}") for r in shown), default=0)
    lines = []
    for r in shown:
        status = "no response" if r.status is None else str(r.status)
        served = f"  {r.endpoint}" if r.endpoint else ""
        lines.append(f"{f'{r.method} {r.target}':<{width}}  -> {r.copy_label()}  {status}{served}")
    if limit is not None and len(requests) > limit:
        lines.append(f"... and {len(requests) - limit} more")
    return lines


def test_section(record: TestRecord) -> str:
    """The report section of a test that failed replicated: where its requests went."""
    copies = {(r.app, r.copy, r.generation) for r in record.requests}
    lines = [f"{len(record.requests)} requests to {len(copies)} copies of the application:"]
    lines += ["  " + line for line in request_lines(record.requests)]
    return "\n".join(lines) + "\n"


def summary(replication: Replication, rootpath: Path, linter: Linter = lint) -> list[str]:
    """The lines of the terminal summary."""
    tests = replication.tests
    used = [t for t in tests if t.requests]
    lines = [
        f"{replication.options.describe()}: {replication.requests} requests from "
        f"{len(used)} of {len(tests)} tests, {replication.copies_started} copies started",
    ]
    breaks = [t for t in tests if t.failed and t.plain_outcome == "passed"]
    both = [t for t in tests if t.failed and t.plain_outcome == "failed"]
    if breaks:
        lines += ["", f"{_count(breaks, 'test')} passed with one process and failed replicated:"]
        lines += _breaks(breaks, rootpath, linter)
    else:
        lines += ["", "No test passed with one process and failed replicated."]
    if both:
        lines += ["", f"{_count(both, 'test')} failed with one process too (not listed above):"]
        lines += [f"  {t.nodeid}" for t in both]
    local = [t for t in tests if t.not_replicated]
    if local:
        lines += ["", f"{_count(local, 'test')} sent requests that were not replicated "
                      "(served by the test process):"]
        for record in local:
            lines.append(f"  {record.nodeid}")
            lines += [f"      {reason}" for reason in record.not_replicated]
    return lines


def _breaks(breaks: list[TestRecord], rootpath: Path, linter: Linter) -> list[str]:
    target_of: dict[str, str] = {}
    for record in breaks:
        for request in record.requests:
            target = lint_target(request.spec)
            if target is not None:
                target_of.setdefault(request.app, target)
    findings, problem = linter(sorted(set(target_of.values())), rootpath) if target_of else ([], "")
    lines: list[str] = []
    for record in breaks:
        lines += ["", record.nodeid]
        lines += ["    " + line for line in request_lines(record.requests, MAX_REQUESTS)]
        reached = reaching(findings, record.requests, target_of)
        if reached:
            lines.append("  pylint-stateless on the entry points these requests reached:")
            lines += [f"    {f.path}:{f.line}: {f.symbol}: {f.headline()}" for f in reached]
        elif problem:
            lines.append(f"  {problem}")
        else:
            lines.append("  pylint-stateless reports nothing on the entry points these requests "
                         "reached")
    return lines


def _count(items: Sequence[object], noun: str) -> str:
    return f"{len(items)} {noun}{'' if len(items) == 1 else 's'}"
