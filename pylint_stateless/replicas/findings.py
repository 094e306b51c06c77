"""pylint-stateless's findings on the entry points a failing test's requests reached.

The checker runs once per session, in a subprocess (``--disable=all --enable=stateless
--output-format=json2``) on the packages of the applications whose tests broke. A
finding is matched to a request:

- by the function that served it, found in the copy (a finding's ``module`` and ``obj``
  are the module and the entry point it sits in);
- by the entry point named in the message: ``'login' (POST /login/{user})`` matches
  ``POST /login/ann``; ``(GET,POST /cart)``, ``(route /x)`` and Django's ``(view items/)``
  match any method;
- middleware and request hooks (``(HTTP middleware)``, ``(before_request hook)``) run for
  every request of their application.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import sysconfig
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pylint_stateless.replicas.session import RequestRecord

LINT_TIMEOUT = 900  # seconds; only so that a hang does not block the summary forever

_LABEL = re.compile(r"'[^']+' \(([^()]*)\)")
_ROUTE = re.compile(r"([A-Za-z]+(?:,[A-Za-z]+)*) (/\S*)")
_VIEW = re.compile(r"view (\S+)")
_PARAM = re.compile(r"\{([^{}:]+)(?::([^{}]*))?\}|<(?:([^<>:]+):)?([^<>]+)>")


@dataclass(frozen=True)
class Finding:
    """One message of the checker."""

    path: str
    absolute: str
    line: int
    symbol: str
    message: str
    module: str
    obj: str

    def headline(self) -> str:
        """The message up to its first ``": "``: what the state is, where it is defined,
        which entry point changes it (the rest says why it breaks and what to use)."""
        return self.message.split(": ", 1)[0]


def lint(targets: Sequence[str], cwd: Path) -> tuple[list[Finding], str]:
    """The checker's findings on ``targets``; on failure, no findings and why."""
    command = [sys.executable, "-m", "pylint", "--persistent=n", "--load-plugins=pylint_stateless",
               "--disable=all", "--enable=stateless", "--output-format=json2", *targets]
    env = dict(os.environ)
    paths = [*_project_paths(), env.get("PYTHONPATH", "")]
    env["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)
    try:
        run = subprocess.run(command, capture_output=True, text=True, cwd=cwd, env=env,
                             timeout=LINT_TIMEOUT, check=False)
        messages = json.loads(run.stdout)["messages"]
    except (OSError, subprocess.SubprocessError, ValueError, KeyError) as exc:
        return [], f"pylint-stateless could not be run ({exc})"
    return [
        Finding(m["path"], m["absolutePath"], m["line"], m["symbol"], m["message"], m["module"],
                m["obj"])
        for m in messages
        if m.get("messageId", "").startswith("W67")
    ], ""


def _project_paths() -> list[str]:
    """Directories of this process's ``sys.path`` that are not the standard library or
    installed packages: where the tests found the application."""
    installed = {os.path.realpath(p) for k, p in sysconfig.get_paths().items()
                 if k in ("stdlib", "platstdlib", "purelib", "platlib")}
    out = []
    for entry in sys.path:
        real = os.path.realpath(entry or os.getcwd())
        if os.path.isdir(real) and real not in installed and "site-packages" not in real \
                and real not in out:
            out.append(real)
    return out


def reaching(findings: Sequence[Finding], requests: Sequence[RequestRecord],
             target_of: dict[str, str]) -> list[Finding]:
    """The findings reached by ``requests``, those of the entry points that served them
    first, then middleware and hooks; ``target_of`` maps an application's label to the
    file or directory that was linted for it."""
    direct: list[Finding] = []
    everywhere: list[Finding] = []
    for finding in findings:
        mine = [r for r in requests if _inside(finding.absolute, target_of.get(r.app))]
        if any(_served_by(finding, r) or _routed_to(finding, r) for r in mine):
            direct.append(finding)
        elif mine and _everywhere(finding):
            everywhere.append(finding)
    return _unique(direct + everywhere)


def _inside(path: str, target: str | None) -> bool:
    if target is None:
        return False
    path, target = os.path.realpath(path), os.path.realpath(target)
    return path == target or path.startswith(target.rstrip(os.sep) + os.sep)


def _served_by(finding: Finding, request: RequestRecord) -> bool:
    if request.endpoint is None:
        return False
    module, _, qualname = request.endpoint.partition(":")
    return finding.module == module and (
        finding.obj == qualname or finding.obj.startswith(qualname + "."))


def _routed_to(finding: Finding, request: RequestRecord) -> bool:
    for label in _LABEL.findall(finding.message):
        route = _ROUTE.fullmatch(label)
        if route is not None:
            verbs = route.group(1).upper().split(",")
            if ("ROUTE" in verbs or request.method.upper() in verbs
                    or request.method.upper() == "HEAD" and "GET" in verbs) \
                    and _template(route.group(2)).fullmatch(request.path):
                return True
        view = _VIEW.fullmatch(label)
        if view is not None and _template("/" + view.group(1).lstrip("^/").rstrip("$")).fullmatch(
                request.path):
            return True
    return False


def _everywhere(finding: Finding) -> bool:
    return any(label == "HTTP middleware" or label.endswith(" hook")
               for label in _LABEL.findall(finding.message))


def _template(template: str) -> re.Pattern[str]:
    """A route's path as a regular expression: ``{name}``, ``{name:int}``, ``<name>``,
    ``<int:name>`` match one segment, ``{name:path}`` and ``<path:name>`` several."""
    parts, position = [], 0
    for match in _PARAM.finditer(template):
        parts.append(re.escape(template[position:match.start()]))
        converter = match.group(2) if match.group(1) is not None else match.group(3)
        parts.append(".+" if converter == "path" else "[^/]+")
        position = match.end()
    parts.append(re.escape(template[position:].rstrip("/")))
    return re.compile("".join(parts) + "/?")


def _unique(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[str, int, str, str]] = set()
    out = []
    for finding in findings:
        key = (finding.absolute, finding.line, finding.symbol, finding.message)
        if key not in seen:
            seen.add(key)
            out.append(finding)
    return out
