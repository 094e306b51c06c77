"""Which application a test client serves, as something a fresh process can build again.

A copy is a new interpreter: it cannot receive the application object, only a way to
make it. :class:`AppSpec` is that way: a module and an attribute (``shop.main:app``), or a
module-level factory and the arguments it was called with (``shop.app:create_app``,
called once in each copy). :class:`AppLocator` finds it for an object held by a client:

1. ``--stateless-app=module:attr`` if given (``module:factory()`` forces a call);
2. a module global that *is* the object (the module that created it is preferred over
   the test modules that imported it: importing either builds the same application);
3. the module-level function that built it: the application classes of the supported
   frameworks are watched while the option is active (:func:`watch_constructor`), and the
   first caller outside the framework that is a plain module-level function (not a
   fixture, not a test) is recorded with its arguments, if they can be pickled.

Otherwise the client's requests run in the test process and the test is reported as not
replicated, with the reason.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import os
import pickle
import sys
import types
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# Packages whose globals are never the application's home: ours, and pytest's.
_SKIPPED_PACKAGES = frozenset({"_pytest", "pytest", "pluggy"})


class NotReplicable(Exception):
    """The application cannot be rebuilt in a fresh process; the message says why."""


@dataclass(frozen=True)
class AppSpec:
    """How a copy builds the application: ``module:attr``, called with ``args`` if
    ``call``. ``kind`` chooses the server run in the copy (``asgi``, ``wsgi``, ``django``,
    ``aiohttp``); for ``django`` the module is the settings module and ``extra`` holds the
    database names of the test process (a test run renames them)."""

    kind: str
    module: str
    attr: str | None = None
    call: bool = False
    args: bytes = b""
    file: str | None = None
    extra: tuple[tuple[str, str], ...] = ()
    shown_args: str = field(default="", compare=False)

    def label(self) -> str:
        if self.attr is None:
            return self.module
        call = f"({self.shown_args})" if self.call else ""
        return f"{self.module}:{self.attr}{call}"

    def build(self) -> Any:
        """In a copy: import the module and return the application (calling the factory)."""
        module = import_module(self.module, self.file)
        if self.attr is None:
            return module
        target: Any = module
        for part in self.attr.split("."):
            target = getattr(target, part)
        if not self.call:
            return target
        args, kwargs = pickle.loads(self.args) if self.args else ((), {})
        return target(*args, **kwargs)


def import_module(name: str, file: str | None) -> types.ModuleType:
    """Import ``name``; if that fails or finds another file than ``file`` (two
    ``conftest`` modules, pytest's ``importlib`` import mode), load ``file`` instead."""
    try:
        module = importlib.import_module(name)
    except ImportError:
        if file is None:
            raise
        module = None
    if module is not None and (file is None or _same_file(getattr(module, "__file__", None), file)):
        return module
    assert file is not None
    spec = importlib.util.spec_from_file_location(name, file)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {name} from {file}")
    loaded = importlib.util.module_from_spec(spec)
    sys.modules[name] = loaded
    spec.loader.exec_module(loaded)
    return loaded


def _same_file(a: str | None, b: str) -> bool:
    if a is None:
        return False
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def parse_app_option(value: str) -> tuple[str, str, bool]:
    """``module:attr`` or ``module:factory()``: (module, attr, forced call)."""
    module, sep, attr = value.partition(":")
    call = attr.endswith("()")
    attr = attr.removesuffix("()")
    if not sep or not module or not attr or not all(p.isidentifier() for p in attr.split(".")):
        raise ValueError(f"expected module:attribute or module:factory(), got {value!r}")
    return module, attr, call


# --- factories: who built an application object ------------------------------------


@dataclass(frozen=True)
class _Built:
    """A module-level function that built an application, and its arguments."""

    module: str
    name: str
    file: str | None
    args: bytes | None  # None: the arguments could not be pickled
    shown_args: str
    problem: str = ""


# id(app) -> (a reference that keeps the id meaningful, what built it)
_BUILT: dict[int, tuple[Callable[[], object | None], _Built]] = {}


def watch_constructor(cls: type, patcher: Any) -> None:
    """Record, for each instance of ``cls`` created from now on, the module-level function
    that created it (see :func:`_builder`). ``patcher`` undoes this at the end."""
    original = cls.__dict__.get("__init__")
    if original is None or getattr(original, "stateless_watched", False):
        return

    def __init__(self: object, *args: object, **kwargs: object) -> None:  # noqa: N807
        original(self, *args, **kwargs)
        if id(self) not in _BUILT:
            built = _builder(self, sys._getframe(1))  # pylint: disable=protected-access
            if built is not None:
                _BUILT[id(self)] = (reference(self), built)

    __init__.stateless_watched = True  # type: ignore[attr-defined]
    __init__.__wrapped__ = original  # type: ignore[attr-defined]
    patcher.replace(cls, "__init__", __init__)


def reference(obj: object) -> Callable[[], object | None]:
    try:
        return weakref.ref(obj)
    except TypeError:
        return lambda: obj


def _builder(app: object, frame: types.FrameType | None) -> _Built | None:
    """The first caller of the application's constructor, skipping the constructor chain
    (frames whose ``self`` is the application: subclasses' ``__init__``), if it is a
    function defined at the top of its module and not a test; None otherwise (built by
    a module's body: then it is a module global, found by the scan)."""
    while frame is not None and frame.f_locals.get("self") is app:
        frame = frame.f_back
    if frame is None:
        return None
    code = frame.f_code
    if code.co_name == "<module>" or code.co_name.startswith("test"):
        return None
    module_name = frame.f_globals.get("__name__")
    function = frame.f_globals.get(code.co_name)
    if not isinstance(module_name, str) or getattr(function, "__code__", None) is not code:
        return None  # a nested function, a method, a fixture (pytest wraps those)
    local, names = frame.f_locals, code.co_varnames
    count, kwonly = code.co_argcount, code.co_kwonlyargcount
    positional = [local[name] for name in names[:count]]
    keywords = {name: local[name] for name in names[count:count + kwonly]}
    rest = count + kwonly
    if code.co_flags & inspect.CO_VARARGS:  # pylint: disable=no-member
        positional += list(local[names[rest]])
        rest += 1
    if code.co_flags & inspect.CO_VARKEYWORDS:  # pylint: disable=no-member
        keywords.update(local[names[rest]])
    shown = ", ".join([*map(repr, positional), *(f"{k}={v!r}" for k, v in keywords.items())])
    try:
        args: bytes | None = pickle.dumps((tuple(positional), keywords))
        problem = ""
    except Exception as exc:  # pylint: disable=broad-exception-caught
        args, problem = None, f"its arguments cannot be sent to another process ({exc})"
    file = frame.f_globals.get("__file__")
    return _Built(module_name, code.co_name, file if isinstance(file, str) else None, args,
                  shown if len(shown) <= 80 else shown[:77] + "...", problem)


def forget_builders() -> None:
    _BUILT.clear()


# --- the locator --------------------------------------------------------------------


class AppLocator:
    """Finds the :class:`AppSpec` of application objects, once per object."""

    def __init__(self, override: tuple[str, str, bool] | None = None) -> None:
        self.override = override
        self._found: dict[int, tuple[Callable[[], object | None], AppSpec | str]] = {}

    def spec(self, kind: str, app: object) -> AppSpec:
        """The spec of ``app`` served as ``kind``; raises :class:`NotReplicable`."""
        if self.override is not None:
            module, attr, call = self.override
            return AppSpec(kind, module, attr, call=call or _is_factory(module, attr))
        cached = self._found.get(id(app))
        if cached is None or cached[0]() is not app:
            try:
                found: AppSpec | str = self._locate(kind, app)
            except NotReplicable as exc:
                found = str(exc)
            cached = (reference(app), found)
            self._found[id(app)] = cached
        if isinstance(cached[1], str):
            raise NotReplicable(cached[1])
        return cached[1]

    def _locate(self, kind: str, app: object) -> AppSpec:
        home = _global_home(app)
        if home is not None:
            module, attr = home
            return AppSpec(kind, module.__name__, attr, file=getattr(module, "__file__", None))
        entry = _BUILT.get(id(app))
        if entry is not None and entry[0]() is app:
            built = entry[1]
            if built.args is None:
                raise NotReplicable(f"{type(app).__name__} built by {built.module}.{built.name}"
                                    f"(): {built.problem}")
            return AppSpec(kind, built.module, built.name, call=True, args=built.args,
                           file=built.file, shown_args=built.shown_args)
        raise NotReplicable(
            f"the {type(app).__name__} object is neither a module global nor built by a "
            "module-level function; name it with --stateless-app=module:attr"
        )


def _is_factory(module: str, attr: str) -> bool:
    """With ``--stateless-app``: is ``attr`` a factory to call (a plain function that can
    be called without arguments) rather than the application (an object, an ASGI
    coroutine function, a WSGI function of two arguments)?"""
    try:
        target: Any = importlib.import_module(module)
        for part in attr.split("."):
            target = getattr(target, part)
    except Exception:  # pylint: disable=broad-exception-caught
        return False  # the copy will report the failure to import
    if not inspect.isfunction(target) or inspect.iscoroutinefunction(target):
        return False
    try:
        inspect.signature(target).bind()
    except TypeError:
        return False
    return True


def _global_home(app: object) -> tuple[types.ModuleType, str] | None:
    """A loaded module and a global name of it bound to ``app``: the module named by a
    Flask or Quart application (``import_name``) first, then modules that are not test
    modules, then test modules; among equals, the most specific module name."""
    import_name = getattr(app, "import_name", None)
    candidates: list[tuple[int, int, str, types.ModuleType, str]] = []
    for name, module in list(sys.modules.items()):
        if (module is None or name == "__main__" or name.split(".", 1)[0] in _SKIPPED_PACKAGES
                or name.startswith("pylint_stateless.replicas")):
            continue
        try:
            namespace = vars(module)
        except TypeError:
            continue
        for attr, value in list(namespace.items()):
            if value is app and not attr.startswith("__"):
                rank = 0 if name == import_name else 2 if _is_test_module(module) else 1
                candidates.append((rank, -name.count("."), name, module, attr))
    if not candidates:
        return None
    candidates.sort(key=lambda c: c[:3] + (c[4],))
    return candidates[0][3], candidates[0][4]


def _is_test_module(module: types.ModuleType) -> bool:
    base = os.path.basename(getattr(module, "__file__", None) or "")
    return base.startswith("test_") or base.endswith("_test.py") or base == "conftest.py"


def lint_target(spec: AppSpec) -> str | None:
    """The file or package directory pylint-stateless should read for ``spec``: the
    top-level package of its module, or the module's file if it is not in a package."""
    module_name = spec.module
    if spec.kind == "django":
        module_name = _django_urlconf() or module_name
    top = sys.modules.get(module_name.split(".", 1)[0])
    file = getattr(top, "__file__", None) if top is not None else None
    if not isinstance(file, str):
        return spec.file
    if os.path.basename(file) == "__init__.py":
        return os.path.dirname(file)
    return file


def _django_urlconf() -> str | None:
    conf = sys.modules.get("django.conf")
    try:
        return str(getattr(conf, "settings").ROOT_URLCONF) if conf is not None else None
    except Exception:  # pylint: disable=broad-exception-caught
        return None
