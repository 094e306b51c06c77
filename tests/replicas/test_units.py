"""The parts that need no process: matching findings to requests, finding an
application's import path or factory, routing."""

from __future__ import annotations

import pickle
import sys
import types
from pathlib import Path

import pytest

from pylint_stateless.replicas import apps
from pylint_stateless.replicas.apps import AppLocator, AppSpec, NotReplicable, parse_app_option
from pylint_stateless.replicas.findings import Finding, reaching
from pylint_stateless.replicas.patching import Patcher
from pylint_stateless.replicas.report import request_lines
from pylint_stateless.replicas.session import Options, Replication, RequestRecord
from pylint_stateless.replicas.wire import RemoteError, ReplicaError

SPEC = AppSpec("asgi", "shop.main", "app")


def _finding(message: str, obj: str = "handler", module: str = "shop.main",
             path: str = "/srv/shop/main.py") -> Finding:
    return Finding("shop/main.py", path, 10, "request-mutates-module-state", message, module, obj)


def _request(method: str, target: str, endpoint: str | None = None) -> RequestRecord:
    return RequestRecord(method, target, SPEC.label(), 0, 0, SPEC, 200, endpoint)


def _reached(finding: Finding, *requests: RequestRecord) -> bool:
    return reaching([finding], requests, {SPEC.label(): "/srv/shop"}) == [finding]


@pytest.mark.parametrize(
    ("label", "method", "target", "reached"),
    [
        ("POST /login/{user}", "POST", "/login/ann", True),
        ("POST /login/{user}", "GET", "/login/ann", False),
        ("POST /login/{user}", "POST", "/login/ann/extra", False),
        ("GET /files/{name:path}", "GET", "/files/a/b.txt?x=1", True),
        ("GET,POST /items/<int:item_id>", "POST", "/items/7", True),
        ("GET /items/<item_id>/", "HEAD", "/items/7", True),
        ("route /cart", "DELETE", "/cart", True),
        ("view carts/<int:pk>/", "GET", "/carts/3/", True),
        ("WebSocket /live", "GET", "/live", False),
        ("HTTP middleware", "GET", "/anything", True),
        ("before_request hook", "PUT", "/else", True),
        ("dependency", "GET", "/x", False),
    ],
)
def test_a_finding_is_matched_by_the_entry_point_in_its_message(label: str, method: str, target: str,
                                                                reached: bool) -> None:
    finding = _finding(f"Module-level dict 'carts' (shop.state, line 3) is mutated by 'handler' "
                       f"({label}): every worker process has its own copy")
    assert _reached(finding, _request(method, target)) is reached


def test_a_finding_is_matched_by_the_function_that_served_the_request() -> None:
    finding = _finding("Attribute 'count' of the shared instance 'view' is changed by 'get'",
                       obj="CartView.get")
    assert _reached(finding, _request("GET", "/x", "shop.main:CartView"))
    assert not _reached(finding, _request("GET", "/x", "shop.main:OrderView"))
    assert not _reached(finding, _request("GET", "/x", "shop.other:CartView"))


def test_a_finding_of_another_application_is_not_matched() -> None:
    finding = _finding("'handler' (HTTP middleware)", path="/srv/other/main.py")
    assert not _reached(finding, _request("GET", "/"))


def test_entry_point_findings_come_before_middleware_ones() -> None:
    everywhere = _finding("'throttle' (HTTP middleware)")
    direct = _finding("'login' (POST /login/{user})")
    assert reaching([everywhere, direct], [_request("POST", "/login/a")], {SPEC.label(): "/srv/shop"}) \
        == [direct, everywhere]


def test_headline_stops_at_the_reason() -> None:
    finding = _finding("Module-level dict 'jobs' (line 14) keeps job status in process memory, "
                       "written by 'checkout' (POST /checkout/{user}): a status request served by "
                       "another worker finds nothing")
    assert finding.headline() == ("Module-level dict 'jobs' (line 14) keeps job status in process "
                                  "memory, written by 'checkout' (POST /checkout/{user})")


def test_request_lines_are_aligned() -> None:
    records = [_request("POST", "/login/ann", "shop.main:login"), _request("GET", "/me")]
    records[1].copy, records[1].generation, records[1].status = 1, 2, None
    assert request_lines(records) == [
        "POST /login/ann  -> copy 0  200  shop.main:login",
        "GET /me          -> copy 1 (restart 2)  no response",
    ]


@pytest.mark.parametrize(
    ("value", "parsed"),
    [("shop.main:app", ("shop.main", "app", False)),
     ("shop.app:create_app()", ("shop.app", "create_app", True)),
     ("pkg:holder.app", ("pkg", "holder.app", False))],
)
def test_app_option(value: str, parsed: tuple[str, str, bool]) -> None:
    assert parse_app_option(value) == parsed


@pytest.mark.parametrize("value", ["shop", "shop:", ":app", "shop:app()()", "shop:1app"])
def test_bad_app_option(value: str) -> None:
    with pytest.raises(ValueError, match="expected module:attribute"):
        parse_app_option(value)


class _App:
    """Stands in for an application class whose construction is watched."""

    def __init__(self, name: str = "") -> None:
        self.name = name


def _module(name: str, source: str, file: str, **namespace: object) -> types.ModuleType:
    module = types.ModuleType(name)
    module.__file__ = file
    module.__dict__.update(namespace)
    exec(compile(source, file, "exec"), module.__dict__)  # pylint: disable=exec-used
    return module


@pytest.fixture(name="modules")
def _modules(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, types.ModuleType]:
    """A service module defining an application and a factory, and a test module that
    imported the application, as sys.modules holds them."""
    patcher = Patcher()
    apps.watch_constructor(_App, patcher)
    service = _module("service", "app = App('global')\n"
                                 "def create_app(name, *, debug=False):\n"
                                 "    return App(name)\n"
                                 "def make_indirect():\n"
                                 "    def inner():\n"
                                 "        return App('nested')\n"
                                 "    return inner()\n",
                      str(tmp_path / "service.py"), App=_App)
    monkeypatch.setitem(sys.modules, "service", service)
    tests = _module("test_service", "from service import app\n", str(tmp_path / "test_service.py"))
    monkeypatch.setitem(sys.modules, "test_service", tests)
    yield {"service": service, "test_service": tests}
    patcher.undo()
    apps.forget_builders()


def test_a_module_global_is_found_in_the_module_that_made_it(modules: dict) -> None:
    app = modules["service"].app
    assert AppLocator().spec("asgi", app) == AppSpec("asgi", "service", "app",
                                                     file=modules["service"].__file__)


def test_an_application_built_by_a_factory_records_its_arguments(modules: dict) -> None:
    app = modules["service"].create_app("made", debug=True)
    spec = AppLocator().spec("wsgi", app)
    assert (spec.module, spec.attr, spec.call) == ("service", "create_app", True)
    assert pickle.loads(spec.args) == (("made",), {"debug": True})
    assert spec.label() == "service:create_app('made', debug=True)"


def test_an_application_built_in_a_nested_function_or_a_test_is_not_replicable(modules: dict) -> None:
    nested = modules["service"].make_indirect()
    with pytest.raises(NotReplicable, match="neither a module global nor built by a module-level"):
        AppLocator().spec("asgi", nested)
    in_test = _App("here")
    with pytest.raises(NotReplicable):
        AppLocator().spec("asgi", in_test)


def test_arguments_that_do_not_pickle_are_the_reason(modules: dict) -> None:
    app = modules["service"].create_app(lambda: None)
    with pytest.raises(NotReplicable, match="its arguments cannot be sent to another process"):
        AppLocator().spec("asgi", app)


def test_named_application_overrides_the_search(modules: dict) -> None:
    locator = AppLocator(parse_app_option("service:create_app()"))
    assert locator.spec("asgi", object()) == AppSpec("asgi", "service", "create_app", call=True)
    locator = AppLocator(parse_app_option("service:app"))
    assert locator.spec("asgi", object()) == AppSpec("asgi", "service", "app")


class _Pool:
    def __init__(self, size: int) -> None:
        self.size = size
        self.spec = SPEC


def _routes(replication: Replication, nodeid: str, count: int) -> list[int]:
    replication.begin(nodeid)
    pool = _Pool(replication.options.replicas)
    routes = [replication.route(pool) for _ in range(count)]  # type: ignore[arg-type]
    replication.end()
    return routes


def test_round_robin_starts_at_copy_0_in_each_test() -> None:
    replication = Replication(Options(3))
    assert _routes(replication, "t::a", 4) == [0, 1, 2, 0]
    assert _routes(replication, "t::b", 2) == [0, 1]


def test_random_routing_depends_on_the_seed_and_the_test_only() -> None:
    first = _routes(Replication(Options(3, "random", 7)), "t::a", 30)
    assert set(first) == {0, 1, 2}
    again = Replication(Options(3, "random", 7))
    _routes(again, "t::other", 5)
    assert _routes(again, "t::a", 30) == first
    assert _routes(Replication(Options(3, "random", 8)), "t::a", 30) != first


class _Unpicklable(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.callback = lambda: None


def test_an_exception_of_a_copy_is_raised_as_itself_with_its_origin() -> None:
    try:
        raise KeyError("cart")
    except KeyError as exc:
        remote = RemoteError.of(exc)
    raised = remote.exception("copy 1 of shop.main:app")
    assert isinstance(raised, KeyError) and raised.args == ("cart",)
    if sys.version_info >= (3, 11):  # exception notes
        assert raised.__notes__[0].startswith(
            "raised in copy 1 of shop.main:app; its traceback there:")
        assert 'raise KeyError("cart")' in raised.__notes__[0]


def test_an_exception_that_does_not_pickle_is_raised_by_name() -> None:
    raised = RemoteError.of(_Unpicklable("no")).exception("copy 0 of x:app")
    assert isinstance(raised, ReplicaError)
    assert str(raised) == f"{__name__}._Unpicklable: no"
