"""MCP servers: the official SDK's ``FastMCP`` (``MCPServer`` since 2.0) and low-level
``Server``, and the ``fastmcp`` package's ``FastMCP``.

Every tool, resource and prompt function serves one request of one client; the
``Context`` argument belongs to that request. The server object and the module's
globals are shared by every client of the process, and a server run with several
replicas (streamable HTTP behind a load balancer) sends a client's next call to any
of them: per-client data kept there is lost or seen by another client.
"""

from __future__ import annotations

from astroid import nodes

from pylint_stateless.frameworks.base import Framework, Registration, Role

_HIGH_LEVEL = (
    # official SDK 1.x
    "mcp.server.fastmcp.FastMCP", "mcp.server.fastmcp.server.FastMCP", "mcp.server.FastMCP",
    # official SDK 2.x: FastMCP renamed
    "mcp.server.MCPServer", "mcp.server.mcpserver.MCPServer",
    "mcp.server.mcpserver.server.MCPServer",
    # the fastmcp package
    "fastmcp.FastMCP", "fastmcp.server.FastMCP", "fastmcp.server.server.FastMCP",
)
_LOW_LEVEL = (
    "mcp.server.Server", "mcp.server.lowlevel.Server", "mcp.server.lowlevel.server.Server",
)
# Low-level handlers, each a decorator factory of ``Server`` (SDK 1.x), and the MCP
# method it answers.
_LOW_LEVEL_HANDLERS = {
    "call_tool": "tools/call", "list_tools": "tools/list",
    "list_resources": "resources/list", "read_resource": "resources/read",
    "list_resource_templates": "resources/templates/list",
    "subscribe_resource": "resources/subscribe",
    "unsubscribe_resource": "resources/unsubscribe",
    "list_prompts": "prompts/list", "get_prompt": "prompts/get",
    "completion": "completion/complete", "set_logging_level": "logging/setLevel",
    "progress_notification": "notifications/progress",
}
# SDK 2.x: the low-level handlers are keyword arguments of ``Server(...)``.
_HANDLER_KEYWORDS = {f"on_{name}": method for name, method in _LOW_LEVEL_HANDLERS.items()
                     if name not in {"completion", "progress_notification"}}
_HANDLER_KEYWORDS.update({"on_completion": "completion/complete",
                          "on_progress": "notifications/progress"})
_KINDS = {"tool": "tool", "resource": "resource", "prompt": "prompt"}


def _label(name: str, call: nodes.Call | None) -> str:
    """``MCP tool``, ``MCP resource notes://{id}``, ``MCP handler tools/call``."""
    method = _LOW_LEVEL_HANDLERS.get(name) or _HANDLER_KEYWORDS.get(name)
    if method is not None:
        return f"MCP handler {method}"
    kind = _KINDS.get(name, "handler")
    if kind == "resource" and call is not None:
        uri = _uri(call)
        if uri:
            return f"MCP resource {uri}"
    return f"MCP {kind}"


def _uri(call: nodes.Call) -> str | None:
    """The URI (template) of ``@mcp.resource("notes://{name}")``."""
    values = [*call.args[:1], *(k.value for k in call.keywords or () if k.arg == "uri")]
    for value in values:
        if isinstance(value, nodes.Const) and isinstance(value.value, str):
            return value.value
    return None


FRAMEWORK = Framework(
    name="mcp",
    aliases=("fastmcp",),
    packages=frozenset({"mcp", "fastmcp"}),
    app_classes=frozenset({*_HIGH_LEVEL, *_LOW_LEVEL}),
    decorator_methods={
        "tool": Role.ROUTE,
        "resource": Role.ROUTE,
        "prompt": Role.ROUTE,
        **dict.fromkeys(_LOW_LEVEL_HANDLERS, Role.ROUTE),
    },
    # ``@mcp.tool`` without parentheses (fastmcp, and the SDK since 1.x accepts it too).
    bare_decorator_methods={"tool": Role.ROUTE, "prompt": Role.ROUTE},
    registration_methods={
        # ``mcp.add_tool(fn)`` (SDK), ``mcp.tool(fn)`` and ``mcp.tool(fn, name=...)``.
        "add_tool": Registration(Role.ROUTE, 0, "fn", label="MCP tool"),
        "tool": Registration(Role.ROUTE, 0, "name_or_fn", label="MCP tool"),
    },
    handler_keywords=frozenset(_HANDLER_KEYWORDS),
    # The server object is one per process: what request code sets on it is shared
    # (``mcp.notes[...]`` after ``mcp.notes = {}``; FastMCP's ``settings``).
    app_state_attributes=frozenset({"settings"}),
    # ``FastMCP(lifespan=...)``, ``Server(lifespan=...)``: what the server sets up once.
    startup_keywords=frozenset({"lifespan"}),
    # ``def register(mcp): @mcp.tool()``: a server passed in, known by its name.
    receiver_names=r"(?i)(^|\.|_)(mcp|mcp_server|mcp_app)$",
    event_label=_label,
    # ``ctx.session_id``, ``ctx.client_id``: a container keyed by them holds per-client
    # state of the MCP session.
    session_keys=(r"client_id", r"mcp_session_id"),
    remedy=(
        "Behind a load balancer an MCP client's next call may reach another replica: "
        "keep per-client state in the session store its transport provides or in Redis"
    ),
)
