"""What a mutation's expressions tell the verdict: read once, when the mutation is found.

Is the value written read from a database or another service (data that goes stale), a
client or a lock (a resource), a connection? Is it written under a key that names the
client or a session? The answers are kept as plain :class:`.model.Facts`, so that a
mutation read back from disk needs no node.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from astroid import nodes

from pylint_stateless import knowledge
from pylint_stateless.analysis import astutil
from pylint_stateless.analysis.model import Env, Facts, Shape

if TYPE_CHECKING:
    from pylint_stateless.analysis.resolver import Resolver
    from pylint_stateless.knowledge import Knowledge

# A value that says who the user is (a session store's entries hold it).
IDENTITY_RE = re.compile(r"(?i)(user|token|login|auth|password|permission|principal|identity)")


def facts_of(
    value: nodes.NodeNG | None,
    key: nodes.NodeNG | None,
    statement: nodes.NodeNG,
    resolver: Resolver,
) -> Facts:
    """Every fact about a write of ``value`` (under ``key``) by ``statement``."""
    tables = resolver.knowledge
    key_text = _key_text(key) if key is not None else ""
    return Facts(
        loads_remote=loads_remote_data(value, resolver),
        resource_value=value is not None and resolver.shapes.of(value).shape is Shape.RESOURCE,
        stores_connection=stores_connection(value, tables),
        keyed=key is not None,
        client_key=key is not None and bool(tables.client_key_re.search(key_text)),
        session_key=key is not None and bool(tables.session_key_re.search(key_text)),
        augmented=isinstance(statement, nodes.AugAssign),
        shipped_data=key is not None and from_shipped_files(value, resolver),
        identity=value is not None and bool(IDENTITY_RE.search(astutil.text(value))),
    )


# Calls that read files shipped inside an installed package.
_PACKAGE_DATA = frozenset(
    {"importlib.resources.files", "importlib.resources.read_text",
     "importlib.resources.read_binary", "importlib.resources.open_text",
     "importlib_resources.files", "pkgutil.get_data", "pkg_resources.resource_string",
     "pkg_resources.resource_stream", "pkg_resources.resource_filename"}
)
_MAX_SHIPPED_DEPTH = 2


def from_shipped_files(value: nodes.NodeNG | None, resolver: Resolver, depth: int = 0) -> bool:
    """Whether ``value`` is data read from files shipped with the code (beside the module,
    ``__file__``; package data): a memo of it cannot go stale while the process runs."""
    if depth > _MAX_SHIPPED_DEPTH:
        return False
    if isinstance(value, nodes.Name):  # ``data = load(lang); cache[lang] = data``
        try:
            _, bindings = value.lookup(value.name)
        except Exception:  # pylint: disable=broad-exception-caught
            return False
        values = [astutil.assigned_value(b) for b in bindings if isinstance(b, nodes.AssignName)]
        return bool(values) and all(
            v is not None and from_shipped_files(v, resolver, depth + 1) for v in values
        )
    if not isinstance(value, nodes.Call):
        return False
    found = resolver.callee(value.func, Env())
    if found is None or found[0].name == "__init__":
        return False
    return _reads_shipped_files(found[0])


def _reads_shipped_files(func: nodes.FunctionDef) -> bool:
    """``open(os.path.join(HERE, ...))`` with ``HERE`` from ``__file__``, or package data."""
    for call in func.nodes_of_class(nodes.Call):
        if astutil.import_qname(call.func) in _PACKAGE_DATA:
            return True
        if astutil.last_name(call.func) in {"open", "read_text", "read_bytes"} and any(
            _from_module_file(node) for node in call.nodes_of_class(nodes.Name)
        ):
            return True
    return False


def _from_module_file(name: nodes.Name) -> bool:
    """``__file__``, or a module constant computed from it."""
    if name.name == "__file__":
        return True
    module = name.root()
    for binding in module.locals.get(name.name, ()):
        value = astutil.assigned_value(binding) if isinstance(binding, nodes.AssignName) else None
        if value is not None and any(n.name == "__file__"
                                     for n in value.nodes_of_class(nodes.Name)):
            return True
    return False


def _key_text(key: nodes.NodeNG) -> str:
    """The key expression, and what a local variable used as key was assigned."""
    text = astutil.text(key)
    if isinstance(key, nodes.Name):
        try:
            _, bindings = key.lookup(key.name)
        except Exception:  # pylint: disable=broad-exception-caught
            return text
        for binding in bindings:
            if not isinstance(binding, nodes.AssignName):
                continue
            value = astutil.assigned_value(binding)
            if value is not None:
                text += " " + astutil.text(value)
    return text


def stores_connection(value: nodes.NodeNG | None, tables: Knowledge) -> bool:
    """Whether ``value`` is a WebSocket or connection object, by annotation or inference,
    or an object built around one (``Player(websocket)``), or an attribute that names a
    connection (a channel name)."""
    if isinstance(value, nodes.Attribute) and value.attrname in tables.connection_attributes:
        return True
    if isinstance(value, nodes.Call):
        return any(
            stores_connection(arg, tables)
            for arg in (*value.args, *(k.value for k in value.keywords or ()))
        )
    if not isinstance(value, nodes.Name):
        return False
    try:
        _, bindings = value.lookup(value.name)
    except Exception:  # pylint: disable=broad-exception-caught
        return False
    for binding in bindings:
        if not isinstance(binding, nodes.AssignName):
            continue
        if not isinstance(binding.parent, nodes.Arguments):
            made = astutil.assigned_value(binding)  # ``ws = web.WebSocketResponse()``
            if isinstance(made, nodes.Call) and (
                astutil.import_qname(made.func) in tables.connection_types
            ):
                return True
            continue
        if _is_connection_self(binding, tables):
            return True
        annotation = _param_annotation(binding)
        if annotation is not None:
            qname = astutil.qname_of(astutil.infer_one(annotation)) or astutil.import_qname(
                annotation
            )
            if qname in tables.connection_types:
                return True
            if astutil.text(annotation).lower().endswith(("websocket", "websocketresponse")):
                return True
        if tables.connection_param_re.match(binding.name):
            return True
    return False


def _is_connection_self(param: nodes.AssignName, tables: Knowledge) -> bool:
    """``self`` in a method of a WebSocket handler class: the connection itself."""
    func = param.parent.parent
    cls = getattr(func, "parent", None)
    if not isinstance(func, nodes.FunctionDef) or not isinstance(cls, nodes.ClassDef):
        return False
    params = [*func.args.posonlyargs, *func.args.args]
    if not params or params[0] is not param or func.type != "method":
        return False
    if astutil.class_qnames(cls) & tables.connection_types:
        return True
    return any(astutil.import_qname(base) in tables.connection_types for base in cls.bases)


def _param_annotation(param: nodes.AssignName) -> nodes.NodeNG | None:
    arguments = param.parent
    assert isinstance(arguments, nodes.Arguments)
    for group, annotations in (
        (arguments.posonlyargs, arguments.posonlyargs_annotations),
        (arguments.args, arguments.annotations),
        (arguments.kwonlyargs, arguments.kwonlyargs_annotations),
    ):
        for arg, annotation in zip(group, annotations):
            if arg is param:
                return annotation
    return None


def loads_remote_data(value: nodes.NodeNG | None, resolver: Resolver) -> bool:
    """Whether ``value`` reads data from a database or another service."""
    if isinstance(value, nodes.Await):
        value = value.value
    if not isinstance(value, nodes.Call):
        return False
    if resolver.shapes.of(value).shape is Shape.RESOURCE:
        return False
    if _remote_call(value):
        return True
    found = resolver.callee(value.func, Env())
    if found is None or found[0].name == "__init__":
        return False
    return any(
        _remote_call(call)
        for statement in found[0].body
        for call in statement.nodes_of_class(nodes.Call)
    )


def _remote_call(call: nodes.Call) -> bool:
    name = astutil.last_name(call.func)
    if name and (knowledge.RESOURCE_NAME_RE.search(name) or name[:1].isupper()):
        return False  # a client, or a constructor (``S3Credentials(...)``): no data read
    text = (astutil.import_qname(call.func) or astutil.text(call.func)).replace(".", "_")
    return bool(knowledge.REMOTE_SOURCE_RE.search(text))
