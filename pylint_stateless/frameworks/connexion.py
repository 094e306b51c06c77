"""Connexion: operations named by an OpenAPI document, resolved to project functions.

``app = connexion.App(__name__, specification_dir="openapi/")`` and
``app.add_api("openapi.yaml")``: every operation of the document is served by the
function its ``operationId`` names (``api.pets.search``, or ``search`` under an
``x-openapi-router-controller``), and the security schemes name functions too
(``x-bearerInfoFunc``...). The document is data: it is read from beside the module that
calls ``add_api`` (under the application's ``specification_dir``), never executed, and
the functions it names are entry points registered by that call, reported in that
module. Each request gets its own ``connexion.request`` and ``context``; the application
(and the Flask or Starlette application inside it) is shared.
"""

from __future__ import annotations

import importlib
import json
import os
import re
from collections.abc import Iterator
from typing import Any

from astroid import nodes

from pylint_stateless.frameworks.base import (
    HTTP_VERBS,
    Framework,
    NamedHandler,
    Registration,
    Role,
)

_SPEC_SUFFIXES = (".yaml", ".yml", ".json")
_CONTROLLER_KEYS = ("x-openapi-router-controller", "x-swagger-router-controller")
_SECURITY_KEYS = ("x-tokenInfoFunc", "x-basicInfoFunc", "x-bearerInfoFunc", "x-apikeyInfoFunc",
                  "x-scopeValidateFunc")
_MAX_SPEC_BYTES = 8_000_000


def _operations(call: nodes.Call) -> Iterator[NamedHandler]:
    """The functions ``add_api(specification, resolver=...)`` registers."""
    spec = _read_spec(call)
    if spec is None:
        return
    resolver = _resolver(call)
    for path, item in _mapping(spec.get("paths")).items():
        for method, operation in _mapping(item).items():
            if method not in HTTP_VERBS or not isinstance(operation, dict):
                continue
            name = _operation_function(str(path), method, operation, resolver)
            if name:
                yield NamedHandler(name, Role.ROUTE, f"{method.upper()} {path}")
    for schemes in (spec.get("securityDefinitions"),
                    _mapping(spec.get("components")).get("securitySchemes")):
        for scheme in _mapping(schemes).values():
            for key in _SECURITY_KEYS:
                function = _mapping(scheme).get(key)
                if isinstance(function, str) and function:
                    yield NamedHandler(function, Role.HOOK, "security handler")


def _mapping(value: object) -> dict[Any, Any]:
    return value if isinstance(value, dict) else {}


def _operation_function(
    path: str, method: str, operation: dict[str, Any], resolver: tuple[str, str]
) -> str:
    """The dotted name Connexion's resolver gives the operation (``Resolver``,
    ``RelativeResolver``, ``RestyResolver``), or "" when it cannot be told."""
    kind, root = resolver
    operation_id = operation.get("operationId")
    controller = next((operation[k] for k in _CONTROLLER_KEYS
                       if isinstance(operation.get(k), str)), None)
    if isinstance(operation_id, str) and operation_id:
        if controller:
            return f"{controller}.{operation_id}"
        return f"{root}.{operation_id}" if kind == "RelativeResolver" and root else operation_id
    if kind != "RestyResolver" or not root:
        return ""
    # ``RestyResolver("api")``: ``GET /pets`` is ``api.pets.search``, ``GET /pets/{id}``
    # is ``api.pets.get``, other verbs their own name.
    components = [c for c in path.split("/") if c]
    resource = ".".join(c for c in components if not _is_variable(c)).replace("-", "_")
    module = controller or (f"{root}.{resource}" if resource else root)
    collection = method == "get" and resource and not _is_variable(components[-1])
    return f"{module}.{'search' if collection else method}"


def _is_variable(component: str) -> bool:
    return component.startswith("{") and component.endswith("}")


# -- where the document is ---------------------------------------------------------------


def _read_spec(call: nodes.Call) -> dict[str, Any] | None:
    """The OpenAPI document ``add_api`` names, read from the application's
    ``specification_dir`` or beside the module that calls ``add_api``, or in a folder
    above it up to the project's root (where a relative ``specification_dir`` usually
    starts: the application's package, or the working directory)."""
    module_file = call.root().file
    relative = _path_text(_argument(call, 0, "specification"), document=True)
    if not module_file or not relative or "://" in relative:
        return None
    spec_dir = _path_text(_argument(_constructor(call), None, "specification_dir"))
    for base in _bases(os.path.dirname(os.path.abspath(module_file))):
        for candidate in ((os.path.join(base, spec_dir, relative),) if spec_dir else ()) + (
            os.path.join(base, relative),
        ):
            spec = _load(os.path.normpath(candidate))
            if spec is not None:
                return spec
    return None


def _bases(directory: str) -> Iterator[str]:
    """The module's folder, then the packages above it, then the folder holding the
    top-level package."""
    for _ in range(8):
        yield directory
        if not os.path.exists(os.path.join(directory, "__init__.py")):
            return
        directory = os.path.dirname(directory)


def _argument(call: nodes.Call | None, position: int | None, keyword: str) -> nodes.NodeNG | None:
    if call is None:
        return None
    for kw in call.keywords or ():
        if kw.arg == keyword:
            return kw.value
    if position is not None and len(call.args) > position:
        return call.args[position]
    return None


def _path_text(node: nodes.NodeNG | None, document: bool = False) -> str:
    """The path an expression spells with its string literals, through the names and
    calls that build it in the module: ``"openapi.yaml"``, ``Path(__file__).parent /
    "spec"``, ``os.path.join(SPEC_DIR, "openapi.json")``, ``yaml.safe_load(open(SPEC))``.
    For a ``document``, the parts up to the first that names a JSON or YAML file ("" if
    none does)."""
    parts = _string_parts(node, 0)
    if document:
        last = next((i for i, p in enumerate(parts) if p.endswith(_SPEC_SUFFIXES)), None)
        if last is None:
            return ""
        parts = parts[:last + 1]
    return os.path.join(*parts) if parts else ""


def _string_parts(node: nodes.NodeNG | None, depth: int) -> list[str]:
    if node is None or depth > 6:
        return []
    if isinstance(node, nodes.Const):
        return [node.value] if isinstance(node.value, str) else []
    if isinstance(node, nodes.Name):
        return _string_parts(_assigned(node), depth + 1)
    if isinstance(node, nodes.Attribute):  # ``Path(...).parent``, ``parser.specification``
        return _string_parts(node.expr, depth + 1)
    if isinstance(node, nodes.BinOp):
        return _string_parts(node.left, depth + 1) + _string_parts(node.right, depth + 1)
    if isinstance(node, nodes.Call):
        func = node.func
        parts = _string_parts(func, depth + 1) if isinstance(func, nodes.Attribute) else []
        for arg in node.args:
            parts += _string_parts(arg, depth + 1)
        return parts
    return []


def _assigned(name: nodes.Name) -> nodes.NodeNG | None:
    """What a simple assignment in scope binds to ``name``, if there is one."""
    try:
        _scope, bindings = name.lookup(name.name)
    except Exception:  # pylint: disable=broad-exception-caught
        return None
    for binding in reversed(bindings):
        parent = binding.parent if isinstance(binding, nodes.AssignName) else None
        if isinstance(parent, (nodes.Assign, nodes.AnnAssign)) and parent.value is not None:
            return parent.value
    return None


def _constructor(call: nodes.Call) -> nodes.Call | None:
    """``connexion.App(__name__, ...)`` for ``app.add_api(...)``, when the module says."""
    func = call.func
    receiver = func.expr if isinstance(func, nodes.Attribute) else None
    value = _assigned(receiver) if isinstance(receiver, nodes.Name) else receiver
    return value if isinstance(value, nodes.Call) else None


def _resolver(call: nodes.Call) -> tuple[str, str]:
    """The resolver of ``add_api(..., resolver=RestyResolver("api"))`` (or of the
    application): its class name and its root module."""
    for owner in (call, _constructor(call)):
        value = _argument(owner, None, "resolver")
        if isinstance(value, nodes.Name):
            value = _assigned(value)
        if isinstance(value, nodes.Call):
            func = value.func
            kind = func.attrname if isinstance(func, nodes.Attribute) else getattr(
                func, "name", "")
            root = _argument(value, 0, "default_module_name") or _argument(value, 0, "root_path")
            text = root.value if isinstance(root, nodes.Const) else ""
            return str(kind), text if isinstance(text, str) else ""
    return "Resolver", ""


# -- reading it ---------------------------------------------------------------------------


def _load(path: str) -> dict[str, Any] | None:
    if not path.endswith(_SPEC_SUFFIXES):
        return None
    try:
        if os.path.getsize(path) > _MAX_SPEC_BYTES:
            return None
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError):
        return None
    if path.endswith(".json"):
        try:
            loaded = json.loads(text)
        except ValueError:
            return None
        return loaded if isinstance(loaded, dict) else None
    return _yaml(text)


def _yaml(text: str) -> dict[str, Any] | None:
    """PyYAML's reading of the document when it is installed and can read it (a document
    with Jinja placeholders cannot), else :func:`read_mappings`."""
    try:
        yaml = importlib.import_module("yaml")
        loaded = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except Exception:  # pylint: disable=broad-exception-caught
        # no PyYAML, or a document it cannot read (``{{ title }}`` placeholders)
        return read_mappings(text)
    return loaded if isinstance(loaded, dict) else None


def read_mappings(text: str) -> dict[str, Any]:
    """The nested block mappings of a YAML document, with their plain and quoted scalars.

    Enough of YAML to read what Connexion reads of an OpenAPI document (paths, methods,
    ``operationId``, controllers, security functions) when PyYAML is not installed;
    sequences, block scalars, flow collections, anchors and tags are skipped, not read.
    """
    root: dict[str, Any] = {}
    stack: list[tuple[int, dict[str, Any]]] = [(-1, root)]
    skip_deeper_than: int | None = None
    for raw in text.splitlines():
        stripped = raw.strip()
        if not stripped or stripped.startswith("#") or stripped in {"---", "..."}:
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        if skip_deeper_than is not None:
            if indent > skip_deeper_than or (
                indent == skip_deeper_than and (stripped == "-" or stripped.startswith("- "))
            ):
                continue
            skip_deeper_than = None
        entry = _entry(stripped)
        if entry is None:
            skip_deeper_than = indent  # a sequence, or what this reader does not read
            continue
        key, value = entry
        while stack[-1][0] >= indent:
            stack.pop()
        parent = stack[-1][1]
        if not value:
            child: dict[str, Any] = {}
            parent[key] = child
            stack.append((indent, child))
        elif value[0] in "|>[{&*!":
            parent[key] = None  # a block scalar, flow collection, anchor or tag: not read
            skip_deeper_than = indent
        else:
            parent[key] = _scalar(value)
    return root


def _entry(line: str) -> tuple[str, str] | None:
    """``key: value`` (the key plain or quoted) split in two; None for anything else."""
    if line[0] in "\"'":
        end = _closing_quote(line)
        if end < 0 or not line[end + 1:].lstrip().startswith(":"):
            return None
        key = _scalar(line[:end + 1])
        rest = line[end + 1:].lstrip()[1:]
    else:
        if line[0] in "-?#{[&*!|>%@`,":
            return None
        match = re.search(r":(\s|$)", line)
        if match is None:
            return None
        key, rest = line[:match.start()].strip(), line[match.end():]
    return key, _strip_comment(rest.strip())


def _closing_quote(text: str) -> int:
    """Where the quoted scalar that ``text`` starts with ends (-1 if it does not)."""
    quote, i = text[0], 1
    while i < len(text):
        if quote == '"' and text[i] == "\\":
            i += 2
            continue
        if text[i] == quote:
            if quote == "'" and text[i + 1:i + 2] == "'":
                i += 2
                continue
            return i
        i += 1
    return -1


def _strip_comment(value: str) -> str:
    if value[:1] in {'"', "'"}:
        end = _closing_quote(value)
        return value[:end + 1] if end > 0 else value
    return value.split(" #", 1)[0].strip()


def _scalar(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1].replace('\\"', '"')
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    return value


_APPS = (
    "connexion.App", "connexion.FlaskApp", "connexion.AsyncApp", "connexion.AioHttpApp",
    "connexion.ConnexionMiddleware", "connexion.AbstractApp",
    "connexion.apps.flask.FlaskApp", "connexion.apps.asynchronous.AsyncApp",
    "connexion.apps.abstract.AbstractApp", "connexion.middleware.ConnexionMiddleware",
    "connexion.middleware.main.ConnexionMiddleware",
    # Connexion 2
    "connexion.apps.flask_app.FlaskApp", "connexion.apps.aiohttp_app.AioHttpApp",
)

FRAMEWORK = Framework(
    name="connexion",
    packages=frozenset({"connexion"}),
    app_classes=frozenset(_APPS),
    decorator_methods={"route": Role.ROUTE},
    registration_methods={
        "add_api": Registration(Role.ROUTE, None, named_by=_operations),
        "add_url_rule": Registration(Role.ROUTE, 2, "view_func"),
        "add_error_handler": Registration(Role.ERROR_HANDLER, 1, "function"),
    },
    startup_keywords=frozenset({"lifespan"}),
)
