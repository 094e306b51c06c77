#!/usr/bin/env python
"""Recall and precision of pylint-stateless on real services labelled by hand.

The corpus is ``benchmarks/recall/services.json`` (repository, commit, what to lint, and
the half each service is in: ``tuning`` or ``validation``, chosen before any change of
detection) and ``benchmarks/recall/labels/<service>.json``: every piece of module-,
class- and application-level state that request-serving code can reach, labelled by
reading the code (``changed``: yes / no / debatable, and why), grouped into ``unit`` s
(one piece of state a reviewer fixes as one thing). The protocol is in
``benchmarks/recall/PROTOCOL.md``. The services' code is never committed: get it with

    python benchmarks/recall.py checkout --to DIR            # git clone from GitHub
    python benchmarks/recall.py checkout --to DIR --mirrors M  # from local bare mirrors

then measure (runs pylint with the plugin on each service, with the Python running this
script and whatever frameworks are installed beside it):

    python benchmarks/recall.py measure --sources DIR [--half validation] [--out OUT]

What is measured:

- **recall**: the share of "yes" units of which the plugin reports at least one entry;
- **precision by finding**: the share of messages whose state is in a "yes" unit, among
  messages on labelled "yes" or "no" state ("debatable" ones are counted apart);
- **precision by state**: the same over the distinct units reported.

A message is tied to its state through the inventory's ``reported_at``; a state to a
label by a label's ``match`` list of states, else by its file and last name, else by a
label's ``names`` patterns (a label for a family of attributes set by name). A message whose state no
label names is *unlabelled*: it must be judged and labelled (with ``"added": "from a
finding"``) before a figure is final; the report lists them.
"""

from __future__ import annotations

import argparse
import json
import fnmatch
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent / "recall"


@dataclass
class Service:
    name: str
    repo: str
    commit: str
    run_in: str
    paths: list[str]
    half: str
    ignore_paths: list[str] = field(default_factory=list)
    framework: str = ""


@dataclass
class Finding:
    path: str
    line: int
    column: int
    symbol: str
    message: str
    state: str = ""  # the state's name, from the inventory
    state_file: str = ""
    state_line: int = 0
    unit: str | None = None  # the label unit it is tied to
    verdict: str = "unlabelled"  # yes, no, debatable, unlabelled


def load_services() -> list[Service]:
    return [Service(**{k: v for k, v in s.items() if k in Service.__dataclass_fields__})
            for s in json.loads((HERE / "services.json").read_text(encoding="utf-8"))]


# --- checkout -------------------------------------------------------------------------


def checkout(services: list[Service], to: Path, mirrors: Path | None) -> None:
    """Put each service's source at its commit in ``to/<name>`` (once)."""
    to.mkdir(parents=True, exist_ok=True)
    for service in services:
        dest = to / service.name
        if dest.exists():
            continue
        owner, name = service.repo.split("/")
        mirror = mirrors / f"{owner}+{name}" / "repo" if mirrors else None
        if mirror is not None and mirror.exists():
            _extract(mirror, service.commit, dest)
        else:
            subprocess.run(["git", "clone", "--quiet", f"https://github.com/{service.repo}",
                            str(dest)], check=True)
            subprocess.run(["git", "-C", str(dest), "checkout", "--quiet", service.commit],
                           check=True)
        print(f"{service.name}: {dest}")


def _extract(mirror: Path, commit: str, dest: Path) -> None:
    """The files of ``commit`` from a bare repository (blobs it lacks are skipped)."""
    listing = subprocess.run(["git", "-C", str(mirror), "ls-tree", "-r", "-z", commit],
                             capture_output=True, check=True).stdout.decode().split("\0")
    blobs = [(e.split("\t", 1)[0].split()[2], e.split("\t", 1)[1])
             for e in listing if e and e.split()[1] == "blob"]
    with subprocess.Popen(["git", "-C", str(mirror), "cat-file", "--batch"],
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE) as proc:
        assert proc.stdin is not None and proc.stdout is not None
        for sha, path in blobs:
            proc.stdin.write(f"{sha}\n".encode())
            proc.stdin.flush()
            header = proc.stdout.readline().split()
            if header[-1] == b"missing":
                continue
            data = proc.stdout.read(int(header[2]))
            proc.stdout.read(1)
            target = dest / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)


# --- running the plugin -----------------------------------------------------------------


def run_service(service: Service, sources: Path, out: Path) -> dict:
    """Lint the service with the plugin; the json2 messages and the inventory."""
    cwd = sources / service.name / service.run_in
    inventory = out / f"{service.name}.inventory.json"
    args = [sys.executable, "-m", "pylint", "--rcfile=/dev/null",
            "--load-plugins=pylint_stateless", "--disable=all", "--enable=stateless",
            "--output-format=json2", "--persistent=n", "--recursive=y",
            f"--stateless-inventory={inventory}"]
    if service.ignore_paths:
        args.append("--ignore-paths=" + ",".join(service.ignore_paths))
    start = time.perf_counter()
    run = subprocess.run([*args, *service.paths], cwd=cwd, capture_output=True, text=True,
                         check=False, env={**os.environ, "PYTHONHASHSEED": "0"})
    seconds = time.perf_counter() - start
    try:
        messages = json.loads(run.stdout)["messages"]
        state = json.loads(inventory.read_text(encoding="utf-8"))["state"]
    except (ValueError, OSError):
        raise SystemExit(f"{service.name}: pylint failed\n{run.stderr[-3000:]}") from None
    result = {"messages": messages, "inventory": state, "seconds": round(seconds, 1)}
    (out / f"{service.name}.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    return result


# --- tying findings to labels -------------------------------------------------------------


def _leaf(name: str) -> str:
    """``carts`` for ``service.carts``, ``ws`` for ``request.app['ws']``."""
    match = re.search(r"\[['\"]?([^'\"\]]+)['\"]?\]$", name)
    if match:
        return match.group(1).rsplit(".", 1)[-1]
    return name.rsplit(".", 1)[-1]


def findings_of(service: Service, result: dict) -> list[Finding]:
    """The plugin's messages, each with the state the inventory says it reports."""
    found = []
    for message in result["messages"]:
        if not re.match(r"^[A-Z]67\d\d$", message["messageId"]):
            continue
        finding = Finding(message["path"], message["line"], message["column"],
                          message["symbol"], message["message"])
        place = f"{finding.path}:{finding.line}:{finding.column}"
        candidates = [i for i in result["inventory"] if place in i.get("reported_at", [])
                      and finding.symbol in i["messages"]]
        quoted = [i for i in candidates if f"'{_leaf(i['name'])}'" in finding.message
                  or f"'{i['name']}'" in finding.message]
        chosen = (quoted or candidates)[:1]
        if chosen:
            finding.state = chosen[0]["name"]
            finding.state_line = chosen[0]["line"]
            finding.state_file = os.path.normpath(os.path.join(service.run_in,
                                                               chosen[0]["file"]))
        found.append(finding)
    return found


def tie(findings: list[Finding], labels: list[dict]) -> None:
    """The label unit of each finding, and its verdict."""
    by_id = {entry["id"]: entry for entry in labels}
    verdicts = _unit_verdicts(labels)
    for finding in findings:
        entry = _label_of(finding, labels)
        if entry is None:
            continue
        finding.unit = entry.get("unit", entry["id"])
        finding.verdict = verdicts[finding.unit]
        assert finding.unit in by_id


def _label_of(finding: Finding, labels: list[dict]) -> dict | None:
    if not finding.state:
        return None
    leaf = _leaf(finding.state)
    for entry in labels:  # an explicit match wins
        if f"{finding.state_file}:{finding.state}" in entry.get("match", ()):
            return entry
    same_file = [e for e in labels if os.path.normpath(e["file"]) == finding.state_file
                 and e["leaf"] == leaf]
    if same_file:  # several of one name in a file: the nearest definition
        return min(same_file, key=lambda e: abs(e["line"] - finding.state_line))
    anywhere = [e for e in labels if e["leaf"] == leaf]
    if len(anywhere) == 1:
        return anywhere[0]
    # A label for a family of attributes set by name (``config.config_*``): the last resort.
    return next((e for e in labels if any(fnmatch.fnmatchcase(finding.state, pattern)
                                           for pattern in e.get("names", ()))), None)


def _unit_verdicts(labels: list[dict]) -> dict[str, str]:
    verdicts: dict[str, str] = {}
    for entry in labels:
        unit = entry.get("unit", entry["id"])
        order = ("no", "debatable", "yes")
        current = verdicts.get(unit, "no")
        verdicts[unit] = max(current, entry["changed"], key=order.index)
    return verdicts


# --- figures ------------------------------------------------------------------------------


@dataclass
class Figures:
    yes_units: int = 0
    found_units: int = 0
    findings: int = 0
    true_findings: int = 0
    false_findings: int = 0
    debatable_findings: int = 0
    unlabelled_findings: int = 0
    true_states: int = 0
    false_states: int = 0

    def add(self, other: Figures) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def recall(self) -> float:
        return self.found_units / self.yes_units if self.yes_units else 1.0

    @property
    def precision(self) -> float:
        judged = self.true_findings + self.false_findings
        return self.true_findings / judged if judged else 1.0

    @property
    def state_precision(self) -> float:
        judged = self.true_states + self.false_states
        return self.true_states / judged if judged else 1.0


def figures_of(findings: list[Finding], labels: list[dict]) -> tuple[Figures, list[str], list[str]]:
    """Figures of one service, the "yes" units missed and the false findings."""
    verdicts = _unit_verdicts(labels)
    figures = Figures()
    yes = {unit for unit, verdict in verdicts.items() if verdict == "yes"}
    reported = {f.unit for f in findings if f.unit is not None}
    figures.yes_units = len(yes)
    figures.found_units = len(yes & reported)
    figures.findings = len(findings)
    for finding in findings:
        if finding.verdict == "yes":
            figures.true_findings += 1
        elif finding.verdict == "no":
            figures.false_findings += 1
        elif finding.verdict == "debatable":
            figures.debatable_findings += 1
        else:
            figures.unlabelled_findings += 1
    figures.true_states = len({u for u in reported if verdicts[u] == "yes"})
    figures.false_states = len({u for u in reported if verdicts[u] == "no"})
    missed = sorted(yes - reported)
    false = [f"{f.path}:{f.line} {f.symbol} {f.state} -> {f.unit}" for f in findings
             if f.verdict == "no"]
    return figures, missed, false


def measure(services: list[Service], sources: Path, out: Path, rerun: bool) -> str:
    out.mkdir(parents=True, exist_ok=True)
    lines = ["| service | half | yes units | found | recall | findings | true | false | "
             "debatable | unlabelled | precision (findings) | precision (states) |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    halves: dict[str, Figures] = {}
    details: list[str] = []
    for service in services:
        cached = out / f"{service.name}.json"
        result = (json.loads(cached.read_text(encoding="utf-8"))
                  if cached.exists() and not rerun else run_service(service, sources, out))
        labels = json.loads((HERE / "labels" / f"{service.name}.json").read_text(
            encoding="utf-8"))["state"]
        findings = findings_of(service, result)
        tie(findings, labels)
        figures, missed, false = figures_of(findings, labels)
        halves.setdefault(service.half, Figures()).add(figures)
        lines.append(_row(service.name, service.half, figures))
        details.append(f"\n### {service.name} ({service.half})\n")
        details += [f"- missed: {unit}" for unit in missed]
        details += [f"- false: {text}" for text in false]
        details += [f"- unlabelled: {f.path}:{f.line} {f.symbol} {f.state or '?'} "
                    f"({f.state_file})" for f in findings if f.verdict == "unlabelled"]
    for half, figures in sorted(halves.items()):
        lines.append(_row(f"**{half} half**", half, figures))
    return "\n".join(lines) + "\n\n## Details\n" + "\n".join(details) + "\n"


def _row(name: str, half: str, f: Figures) -> str:
    return (f"| {name} | {half} | {f.yes_units} | {f.found_units} | {f.recall:.2f} | "
            f"{f.findings} | {f.true_findings} | {f.false_findings} | {f.debatable_findings} | "
            f"{f.unlabelled_findings} | {f.precision:.2f} | {f.state_precision:.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    get = sub.add_parser("checkout", help="put the services' sources in a folder")
    get.add_argument("--to", type=Path, required=True)
    get.add_argument("--mirrors", type=Path, default=None,
                     help="folder of bare repositories named <owner>+<name>/repo")
    run = sub.add_parser("measure", help="lint the services and compare with the labels")
    run.add_argument("--sources", type=Path, required=True)
    run.add_argument("--out", type=Path, default=Path("benchmarks/results/recall"))
    run.add_argument("--half", choices=("tuning", "validation"), default=None)
    run.add_argument("--only", default="", help="comma-separated service names")
    run.add_argument("--rerun", action="store_true", help="lint again even if results exist")
    args = parser.parse_args()
    services = load_services()
    if args.command == "checkout":
        checkout(services, args.to, args.mirrors)
        return
    if args.half:
        services = [s for s in services if s.half == args.half]
    if args.only:
        services = [s for s in services if s.name in set(args.only.split(","))]
    print(measure(services, args.sources, args.out, args.rerun))


if __name__ == "__main__":
    main()
