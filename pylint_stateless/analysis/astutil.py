"""Small helpers over astroid: inference that never raises, import-based names, project code.

Everything here is defensive: astroid inference can raise almost anything on odd
code, and the plugin must never crash pylint, so every inference goes through
:func:`infer_one` or :func:`infer_all`.
"""

from __future__ import annotations

import functools
import os
import sys
import sysconfig
from collections.abc import Iterator

import astroid
from astroid import bases, nodes, util

_INFERENCE_LIMIT = 8


def file_stamp(path: str) -> tuple[int, int] | None:
    """What says that a file changed: its modification time and size (None if unreadable)."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


def infer_all(node: nodes.NodeNG) -> list[object]:
    """Every value astroid infers for ``node``, Uninferable dropped; [] on failure."""
    values: list[object] = []
    try:
        for value in node.infer():
            if isinstance(value, util.UninferableBase):
                continue
            values.append(value)
            if len(values) >= _INFERENCE_LIMIT:
                break
    except (astroid.AstroidError, RecursionError, StopIteration):
        return values
    except Exception:  # pylint: disable=broad-exception-caught
        # astroid bugs on unusual code must not reach pylint as a crash.
        return values
    return values


def infer_one(node: nodes.NodeNG) -> object | None:
    """The single value astroid infers for ``node``, or None if none or ambiguous."""
    values = infer_all(node)
    if not values:
        return None
    first = values[0]
    for other in values[1:]:
        if type(other) is not type(first) or _qname(other) != _qname(first):
            return None
    return first


def _qname(value: object) -> str | None:
    try:
        return value.qname()  # type: ignore[attr-defined,no-any-return]
    except Exception:  # pylint: disable=broad-exception-caught
        return None


def qname_of(value: object) -> str | None:
    """Qualified name of an inferred class, function, method or instance's class."""
    if isinstance(value, astroid.bases.Instance) and not isinstance(
        value, astroid.bases.BoundMethod
    ):
        return _qname(value._proxied)  # pylint: disable=protected-access
    return _qname(value)


def function_of(value: object) -> nodes.FunctionDef | None:
    """The function definition behind a function, bound or unbound method."""
    for _ in range(4):
        if isinstance(value, nodes.FunctionDef):
            return value
        if not isinstance(value, bases.UnboundMethod):
            return None
        value = value._proxied  # pylint: disable=protected-access
    return None


def class_and_ancestors(cls: nodes.ClassDef) -> Iterator[nodes.ClassDef]:
    """``cls`` and its ancestors, tolerating inference failures in the bases."""
    yield cls
    try:
        yield from cls.ancestors()
    except (astroid.AstroidError, RecursionError):
        return
    except Exception:  # pylint: disable=broad-exception-caught
        return


def class_qnames(cls: nodes.ClassDef) -> set[str]:
    names: set[str] = set()
    for klass in class_and_ancestors(cls):
        names.add(klass.qname())
    return names


# --- names resolved through import statements, without inference -------------------


def import_qname(node: nodes.NodeNG, depth: int = 0) -> str | None:
    """The dotted name an expression refers to, read from the import statements only.

    ``FastAPI`` after ``from fastapi import FastAPI`` gives ``fastapi.FastAPI``;
    ``web.Application`` after ``from aiohttp import web`` gives
    ``aiohttp.web.Application``. Used when inference fails (the framework is not
    importable), and for builtins shadowing checks.
    """
    if depth > 4:
        return None
    if isinstance(node, nodes.Attribute):
        base = import_qname(node.expr, depth + 1)
        return f"{base}.{node.attrname}" if base else None
    if not isinstance(node, nodes.Name):
        return None
    scope = node.scope()
    if isinstance(scope, (nodes.FunctionDef, nodes.Lambda)):
        local = scope.locals.get(node.name)
        if local and not any(isinstance(b, (nodes.Import, nodes.ImportFrom)) for b in local):
            return None  # a parameter or local variable: no import names it (no lookup)
    try:
        scope, bindings = node.lookup(node.name)
    except Exception:  # pylint: disable=broad-exception-caught
        return None
    if not bindings or (isinstance(scope, nodes.Module) and scope.name == "builtins"):
        return f"builtins.{node.name}"
    binding = defining_binding(bindings)
    if isinstance(binding, nodes.ImportFrom):
        if binding.level:
            return None
        for name, alias in binding.names:
            if (alias or name) == node.name:
                return f"{binding.modname}.{name}"
    elif isinstance(binding, nodes.Import):
        for name, alias in binding.names:
            if alias == node.name:
                return str(name)
            if alias is None and name.split(".")[0] == node.name:
                return str(node.name)
    return None


_TEXT_LIMIT = 60  # nodes


def text(node: nodes.NodeNG) -> str:
    """``node.as_string()`` for small expressions; ``...`` for large ones.

    astroid renders deep call chains in time exponential in their depth, so the plugin
    never asks it to render more than a few dozen nodes.
    """
    stack, count = [node], 0
    while stack:
        count += 1
        if count > _TEXT_LIMIT:
            return "..."
        stack.extend(stack.pop().get_children())
    try:
        return str(node.as_string())
    except Exception:  # pylint: disable=broad-exception-caught
        return "..."


def assigned_value(name: nodes.AssignName) -> nodes.NodeNG | None:
    """The expression assigned to ``name`` by a simple assignment, if any."""
    parent = name.parent
    if isinstance(parent, (nodes.Assign, nodes.AnnAssign, nodes.NamedExpr)):
        if isinstance(parent, nodes.Assign) and name not in parent.targets:
            return None
        return parent.value
    return None


def constructor_qname(node: nodes.NodeNG) -> str | None:
    """For ``app`` bound by ``app = FastAPI()``, the import name ``fastapi.FastAPI``; also
    for ``with Blocks() as app:``, and for ``app: FastAPI``, an annotated name or parameter
    (``def register(app: App)``)."""
    if not isinstance(node, nodes.Name):
        return None
    try:
        _, bindings = node.lookup(node.name)
    except Exception:  # pylint: disable=broad-exception-caught
        return None
    for binding in bindings:
        if not isinstance(binding, nodes.AssignName):
            continue
        parent = binding.parent
        annotation = (
            parent.annotation if isinstance(parent, nodes.AnnAssign)
            else parameter_annotation(binding) if isinstance(parent, nodes.Arguments)
            else None
        )
        if annotation is not None:
            qname = import_qname(annotation)
            if qname:
                return qname
        value = assigned_value(binding) or _with_item(binding)
        if isinstance(value, nodes.Call):
            qname = import_qname(value.func)
            if qname:
                return qname
    return None


def parameter_annotation(param: nodes.AssignName) -> nodes.NodeNG | None:
    """The annotation of the parameter ``param`` (None if it has none)."""
    arguments = param.parent
    if not isinstance(arguments, nodes.Arguments):
        return None
    groups = (
        (arguments.posonlyargs, arguments.posonlyargs_annotations),
        (arguments.args or [], arguments.annotations),
        (arguments.kwonlyargs, arguments.kwonlyargs_annotations),
    )
    for params, annotations in groups:
        for candidate, annotation in zip(params, annotations):
            if candidate is param:
                return annotation
    return None


def _with_item(binding: nodes.AssignName) -> nodes.NodeNG | None:
    """``Blocks()`` for ``demo`` bound by ``with Blocks() as demo:``."""
    parent = binding.parent
    if isinstance(parent, nodes.With):
        for item, target in parent.items:
            if target is binding:
                return item
    return None


def defining_binding(bindings: list[nodes.NodeNG]) -> nodes.NodeNG:
    """The binding that says what a name is: the last one, except that an optional import
    (``try: from . import x`` / ``except ImportError: x = None``) is the import."""
    last = bindings[-1]
    if len(bindings) > 1 and isinstance(last, (nodes.Import, nodes.ImportFrom)):
        # ``try: import queue`` / ``except ImportError: import Queue as queue``: the
        # import the ``try`` makes is the one that runs; the handler's is a fallback.
        handler = _enclosing_handler(last)
        if handler is not None:
            tried = [b for b in bindings if isinstance(b, (nodes.Import, nodes.ImportFrom))
                     and _enclosing_handler(b) is None and _in_try_of(b, handler)]
            if tried:
                return tried[-1]
    if len(bindings) > 1 and isinstance(last, nodes.AssignName):
        imports = [b for b in bindings if isinstance(b, (nodes.Import, nodes.ImportFrom))]
        if imports and all(
            isinstance(b, (nodes.Import, nodes.ImportFrom)) or _assigns_none(b)
            for b in bindings
        ):
            return imports[-1]
    return last


def _enclosing_handler(node: nodes.NodeNG) -> nodes.ExceptHandler | None:
    parent = node.parent
    return parent if isinstance(parent, nodes.ExceptHandler) else None


def _in_try_of(node: nodes.NodeNG, handler: nodes.ExceptHandler) -> bool:
    """Whether ``node`` is a statement of the body of the ``try`` that ``handler`` ends."""
    return node.parent is handler.parent and node in getattr(handler.parent, "body", ())


def _assigns_none(binding: nodes.NodeNG) -> bool:
    value = assigned_value(binding) if isinstance(binding, nodes.AssignName) else None
    return isinstance(value, nodes.Const) and value.value is None


def last_name(node: nodes.NodeNG) -> str | None:
    """``get`` for ``app.get`` and for ``get``; None for other expressions."""
    if isinstance(node, nodes.Attribute):
        return str(node.attrname)
    if isinstance(node, nodes.Name):
        return str(node.name)
    return None


def forget_traceback(exc: BaseException) -> None:
    """Drop the tracebacks of ``exc`` and of every exception reachable from it.

    astroid caches a failed module lookup as the ``AstroidImportError`` it raises. That
    object keeps the original ``ImportError`` (attribute ``error``), whose context is
    the ``KeyError`` of astroid's cache miss, whose traceback holds the frame of the
    lookup; through ``f_back`` that frame pins the whole stack of the moment, with
    pylint's tokens and locals of the module being checked, for the rest of the run
    (38,000 tokens, and one more full garbage collection, on a 331-module service)."""
    seen: set[int] = set()
    pending: list[object] = [exc]
    while pending:
        current = pending.pop()
        if not isinstance(current, BaseException) or id(current) in seen:
            continue
        seen.add(id(current))
        current.__traceback__ = None
        pending += [current.__cause__, current.__context__, *vars(current).values()]


def is_importable(qname: str) -> bool:
    """Whether astroid can find the top-level package of ``qname`` (nothing is built)."""
    top = qname.split(".", 1)[0]
    if not top or top == "builtins":
        return False
    try:
        astroid.MANAGER.file_from_module_name(top, None)
    except Exception as exc:  # pylint: disable=broad-exception-caught
        forget_traceback(exc)
        return False
    return True


# --- project code ------------------------------------------------------------------

_EXTERNAL_PREFIXES = tuple(
    sorted(
        {
            os.path.normcase(os.path.realpath(location)) + os.sep
            for key, location in sysconfig.get_paths().items()
            if key in {"stdlib", "platstdlib", "purelib", "platlib"} and location
        }
    )
)


@functools.lru_cache(maxsize=4096)
def is_external_file(path: str) -> bool:
    """Whether ``path`` is in the standard library or an installed package."""
    real = os.path.normcase(os.path.realpath(path))
    if any(real.startswith(prefix) for prefix in _EXTERNAL_PREFIXES):
        return True
    parts = real.split(os.sep)
    if "site-packages" in parts or "dist-packages" in parts:
        return True
    # ``pip install --target``, vendored dependencies, Lambda layers: an installed
    # distribution leaves a ``*.dist-info`` directory beside its top-level package.
    directory = os.path.dirname(real)
    while True:
        parent = os.path.dirname(directory)
        if parent == directory:
            return False
        if _has_dist_info(parent, os.path.basename(directory)):
            return True
        if not os.path.exists(os.path.join(parent, "__init__.py")):
            return False  # ``directory`` is a top-level package (or a plain folder)
        directory = parent


@functools.lru_cache(maxsize=1024)
def _installed_packages(folder: str) -> frozenset[str]:
    """Top-level names installed into ``folder`` by pip (from the ``*.dist-info`` records)."""
    try:
        entries = [e for e in os.listdir(folder) if e.endswith(".dist-info")]
    except OSError:
        return frozenset()
    names: set[str] = set()
    for entry in entries:
        record = os.path.join(folder, entry, "RECORD")
        try:
            with open(record, encoding="utf-8") as handle:
                for line in handle:
                    first = line.split(",", 1)[0].split("/", 1)
                    if len(first) == 2 and not first[0].endswith((".dist-info", ".data")):
                        names.add(os.path.normcase(first[0]))
        except OSError:
            continue
    return frozenset(names)


def _has_dist_info(folder: str, package: str) -> bool:
    return os.path.normcase(package) in _installed_packages(folder)


def is_project_module(module: nodes.Module, current: nodes.Module | None = None) -> bool:
    """Whether ``module`` is code of the analysed project, not the stdlib or a dependency.

    The module being linted always counts as project code.
    """
    if current is not None and module is current:
        return True
    if module.name in sys.builtin_module_names:
        return False
    path = module.file
    if not path or not path.endswith((".py", ".pyi")):
        return False
    return not is_external_file(path)


def is_project_node(node: nodes.NodeNG, current: nodes.Module | None = None) -> bool:
    try:
        return is_project_module(node.root(), current)
    except Exception:  # pylint: disable=broad-exception-caught
        return False


def function_label(func: nodes.FunctionDef | nodes.Lambda) -> str:
    """``handler`` or ``Class.method``, the name a user knows a function by."""
    name = getattr(func, "name", "<lambda>")
    parent = func.parent
    if isinstance(parent, nodes.ClassDef):
        return f"{parent.name}.{name}"
    return name


def const_str(node: nodes.NodeNG | None) -> str | None:
    if isinstance(node, nodes.Const) and isinstance(node.value, str):
        return node.value
    return None


def call_argument(
    call: nodes.Call, position: int | None, keyword: str | None
) -> nodes.NodeNG | None:
    """The argument at ``position`` or passed as ``keyword``."""
    if keyword:
        for kw in call.keywords or ():
            if kw.arg == keyword:
                return kw.value
    if position is not None and len(call.args) > position:
        arg = call.args[position]
        if not isinstance(arg, nodes.Starred):
            return arg
    return None
