"""Registration, message ids, configuration errors, and -j 1 == -j 2."""

from __future__ import annotations

import pkgutil
import re
from collections import Counter

import astroid
import pylint.extensions
import pytest
from astroid import nodes
from pylint import checkers
from pylint.lint import PyLinter, Run
from pylint.reporters import CollectingReporter

import pylint_stateless
from pylint_stateless.checker import StatelessChecker
from pylint_stateless.options import is_qualified_name
from pylint_stateless.analysis.resolver import Resolver
from pylint_stateless.analysis.session import Session
from pylint_stateless.entrypoints import Discovery
from pylint_stateless.knowledge import Knowledge
from pylint_stateless.frameworks import FRAMEWORK_ALIASES, FRAMEWORK_NAMES, FRAMEWORKS
from pylint_stateless.messages import MESSAGES, MSG_ID_BASE

from helpers import PLUGIN_ONLY, ROOT, messages, run_pylint


def _linter_with_every_pylint_checker() -> PyLinter:
    linter = PyLinter()
    checkers.initialize(linter)
    extensions = [
        f"pylint.extensions.{info.name}"
        for info in pkgutil.iter_modules(pylint.extensions.__path__)
        if not info.name.startswith("_")
    ]
    linter.load_plugin_modules(extensions)
    return linter


def test_ids_and_symbols_clash_with_nothing_in_pylint() -> None:
    linter = _linter_with_every_pylint_checker()
    taken_ids, taken_symbols = set(), set()
    for checker in linter.get_checkers():
        for msgid, (_, symbol, *_rest) in checker.msgs.items():
            taken_ids.add(msgid)
            taken_symbols.add(symbol)
    assert len(taken_ids) > 300, "pylint's own checkers were not loaded"
    ours = {m.msgid for m in MESSAGES}
    assert not ours & taken_ids
    assert not {m.symbol for m in MESSAGES} & taken_symbols
    assert not {i for i in taken_ids if i[1:3] == str(MSG_ID_BASE)}, "67 is used by pylint"
    assert all(m.msgid[1:3] == str(MSG_ID_BASE) for m in MESSAGES)
    assert len(ours) == len(MESSAGES) == len({m.symbol for m in MESSAGES})


def test_register_is_idempotent() -> None:
    """pylint 4.0.x calls ``register`` again in ``-j`` workers: one checker only."""
    linter = PyLinter()
    pylint_stateless.register(linter)
    pylint_stateless.register(linter)
    ours = [c for c in linter.get_checkers() if isinstance(c, StatelessChecker)]
    assert len(ours) == 1


@pytest.mark.parametrize(
    ("option", "needle"),
    [
        ("--stateless-max-depth=-1", "invalid choice: -1"),
        ("--stateless-max-depth=deep", "invalid int value: 'deep'"),
        ("--stateless-ignore-names=(unclosed", "Error in provided regular expression"),
        ("--stateless-frameworks=flask,djangoo", "invalid choice: ['flask', 'djangoo']"),
        ("--stateless-serverless-handlers=app.handler,bad name",
         "invalid choice: ['app.handler', 'bad name']"),
        # An empty list would switch the checker off without a word.
        ("--stateless-frameworks=", "invalid choice: []"),
        ("--stateless-entry-decorators=myapp.web.route,my app.route",
         "invalid choice: ['myapp.web.route', 'my app.route']"),
        ("--stateless-entry-base-classes=views.class.Base", "invalid choice: ['views.class.Base']"),
        ("--stateless-shared-base-classes=1st.Handler", "invalid choice: ['1st.Handler']"),
        ("--stateless-resource-types=clients..Pool", "invalid choice: ['clients..Pool']"),
    ],
)
def test_bad_option_values_are_clear_errors(option: str, needle: str) -> None:
    run = run_pylint("--load-plugins=pylint_stateless", option, "examples/shop/state.py")
    assert run.returncode != 0
    assert "Traceback" not in run.stderr
    assert needle in run.stderr
    assert option.split("=")[0] in run.stderr


def test_bad_option_in_pyproject_is_a_clear_error(tmp_path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.pylint.main]\nload-plugins = ["pylint_stateless"]\nstateless-max-depth = -3\n'
    )
    (tmp_path / "mod.py").write_text('"""Empty."""\n')
    run = run_pylint("mod.py", cwd=tmp_path)
    assert run.returncode != 0
    assert "Traceback" not in run.stderr
    assert "--stateless-max-depth: invalid choice: -3" in run.stderr


@pytest.mark.parametrize(
    ("setting", "needle"),
    [
        ("stateless-frameworks = []", "--stateless-frameworks: invalid choice: []"),
        ('stateless-resource-types = ["redis client"]',
         "--stateless-resource-types: invalid choice: ['redis client']"),
    ],
)
def test_bad_lists_in_pyproject_are_clear_errors(setting: str, needle: str, tmp_path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.pylint.main]\nload-plugins = ["pylint_stateless"]\n{setting}\n'
    )
    (tmp_path / "mod.py").write_text('"""Empty."""\n')
    run = run_pylint("mod.py", cwd=tmp_path)
    assert run.returncode == 32  # pylint's usage error
    assert "Traceback" not in run.stderr
    assert needle in run.stderr


def test_qualified_names() -> None:
    good = ["route", "myapp.web.route", "_private._x1", "café.vue"]
    bad = ["", "my app.route", "a..b", ".a", "a.", "1st.x", "x.class.y", "a-b.c", "a.b()"]
    assert all(is_qualified_name(name) for name in good)
    assert not any(is_qualified_name(name) for name in bad)


@pytest.mark.parametrize(("alias", "name"), sorted(FRAMEWORK_ALIASES.items()))
def test_framework_aliases_name_their_table(alias: str, name: str) -> None:
    assert alias not in FRAMEWORK_NAMES
    linter = PyLinter()
    pylint_stateless.register(linter)
    linter.config.stateless_frameworks = [alias]
    checker = next(c for c in linter.get_checkers() if isinstance(c, StatelessChecker))
    checker.open()
    enabled = [fw.name for fw in checker._knowledge.frameworks]  # pylint: disable=protected-access
    assert enabled == [name]


def test_fastapi_names_the_starlette_table() -> None:
    """The example shop is a FastAPI service: ``fastapi`` finds what ``starlette`` does,
    and ``quart`` (the flask table) finds nothing there."""
    by_table = messages("--stateless-frameworks=starlette", "examples/shop")
    assert by_table
    assert messages("--stateless-frameworks=fastapi", "examples/shop") == by_table
    assert messages("--stateless-frameworks=quart", "examples/shop") == []


def test_help_shows_each_default_once() -> None:
    run = run_pylint("--load-plugins=pylint_stateless", "--help")
    section = run.stdout.split("\nStateless:\n", 1)[1].split("\n\n", 2)[1]
    options = re.split(r"\n  (?=--stateless-)", "\n" + section)[1:]
    assert len(options) == len(StatelessChecker.options)
    for text in options:
        flat = " ".join(text.split())
        assert flat.count("default") == 1, flat
    frameworks = next(" ".join(t.split()) for t in options if t.startswith("--stateless-frameworks"))
    assert frameworks.count("starlette") == 2  # in the aliases, and the default
    assert frameworks.endswith(f"(default: {', '.join(FRAMEWORK_NAMES)})")
    assert "(default: none)" in " ".join(options[0].split())


def test_options_from_pyproject_are_read(tmp_path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.pylint.main]\n"
        'load-plugins = ["pylint_stateless"]\n'
        'disable = ["all"]\n'
        'enable = ["stateless"]\n'
        'stateless-ignore-names = ["carts"]\n'
    )
    (tmp_path / "app.py").write_text(
        '"""App."""\nfrom fastapi import FastAPI\napp = FastAPI()\ncarts = {}\nusers = {}\n'
        '@app.post("/x")\ndef f(k: str):\n    """F."""\n    carts[k] = 1\n    users[k] = 1\n'
    )
    run = run_pylint("--persistent=n", "app.py", cwd=tmp_path)
    assert "'users'" in run.stdout
    assert "'carts'" not in run.stdout


def _key(message: dict) -> tuple:
    return (message["path"], message["line"], message["column"], message["symbol"],
            message["message"], message["confidence"])


def test_parallel_run_gives_the_same_messages_once_each() -> None:
    targets = ["tests/functional/cross_module", "tests/functional/request-mutates-module-state",
               "tests/functional/request-mutates-shared-instance", "examples/shop"]
    serial = messages("-j", "1", "--recursive=y", *targets)
    parallel = messages("-j", "2", "--recursive=y", *targets)
    assert len(serial) > 20
    assert sorted(map(_key, serial)) == sorted(map(_key, parallel))
    for run in (serial, parallel):
        duplicates = [k for k, n in Counter(map(_key, run)).items() if n > 1]
        assert not duplicates


SHARED_APP = ROOT / "tests" / "shared_app"


def test_summaries_shared_across_modules_change_no_message() -> None:
    """tests/shared_app: helpers reached from two handler modules with other arguments,
    an app object, recursion, and a module importing a handler module back. One run over
    the app (summaries shared), the files in the other order, ``-j 2``, and one run per
    file (nothing shared) must agree."""
    files = sorted(str(p.relative_to(ROOT)) for p in SHARED_APP.rglob("*.py"))
    every = "--stateless-report-every-site=y"  # every place: the most messages to compare
    whole = sorted(map(_key, messages("-j", "1", every, *files)))
    assert len(whole) >= 12
    assert whole == sorted(map(_key, messages("-j", "1", every, *reversed(files))))
    assert whole == sorted(map(_key, messages("-j", "2", every, *files)))
    alone = sorted(k for f in files for k in map(_key, messages(every, f)))
    assert whole == alone
    once = sorted(map(_key, messages("-j", "1", *files)))  # the default: once per state
    assert once == sorted(map(_key, messages("-j", "2", *files)))
    assert {k[:4] for k in once} < {k[:4] for k in whole}


def test_a_shared_helper_is_walked_once_per_run(walked) -> None:
    Run([*PLUGIN_ONLY, "--clear-cache-post-run=y", "--recursive=y", str(SHARED_APP)],
        reporter=CollectingReporter(), exit=False)
    counts = Counter(walked)
    # ``remember`` is reached from both handler modules with the same bindings.
    assert counts["shared_pkg.store.remember"] == 1
    # ``jobs.cancel`` imports ``orders``: walked again when ``orders`` is the linted module.
    assert counts["shared_pkg.jobs.cancel"] == 2


def test_acceptance_floor_cases_are_in_the_repo_examples() -> None:
    """The example service shows several different messages."""
    found = {m["symbol"] for m in messages("--recursive=y", "examples/shop")}
    assert len(found) >= 6, found
    assert (ROOT / "examples" / "shop" / "main.py").exists()


def test_only_calls_that_can_pass_a_handler_are_registration_candidates() -> None:
    """``get``, ``append``, ``path``... are registration names; the calls among them whose
    arguments are all literals register nothing and are not kept for resolution."""
    module = astroid.parse('''
from aiohttp import web
def handler(request): ...
routes = [web.get("/", handler)]
page = request.args.get("page")
flag = options.get("x", None)
app = web.Application()
app.router.add_get("/x", handler=handler)
hooks.append(handler)
log.append("done")
''', module_name="app")
    knowledge = Knowledge(frameworks=tuple(FRAMEWORKS))
    discovery = Discovery(module, knowledge, Resolver(module, knowledge, Session().lookups))
    for call in module.nodes_of_class(nodes.Call):
        discovery.add_call(call)
    assert sorted(call.as_string() for call in discovery.calls) == [
        "app.router.add_get('/x', handler=handler)", "hooks.append(handler)",
        "web.get('/', handler)",
    ]
    entry_points = discovery.entry_points()
    assert {e.func.name for e in entry_points} == {"handler"}
