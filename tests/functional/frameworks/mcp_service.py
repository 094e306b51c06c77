"""MCP: tools, resources and prompts of FastMCP servers (the SDK's and the fastmcp
package's) and handlers of a low-level server; the Context argument is per request."""
# pylint: disable=missing-function-docstring,unused-argument
from contextlib import asynccontextmanager

import fastmcp
from mcp.server.fastmcp import Context, FastMCP
from mcp.server.lowlevel import Server


@asynccontextmanager
async def lifespan(server):
    catalog["loaded"] = True  # look-alike: set up once, when the server starts
    yield {}


mcp = FastMCP("notes", lifespan=lifespan)
mcp.notes = {}
catalog = {}
memories = {}
calls = []
summaries = []
forgotten = set()


@mcp.tool()
def add_note(name: str, text: str) -> str:
    catalog[name] = text  # [request-mutates-module-state]
    return "ok"


@mcp.tool
def count() -> int:
    calls.append(1)  # [request-mutates-module-state]
    return len(calls)


@mcp.resource("notes://{name}")
def read_note(name: str) -> str:
    mcp.notes[name] = "read"  # [request-mutates-shared-instance]
    return catalog.get(name, "")


@mcp.prompt()
async def remember(text: str, ctx: Context) -> str:
    memories[ctx.client_id] = text  # [in-memory-session-store]
    return text


@mcp.tool()
async def progress(text: str, ctx: Context) -> str:
    steps = {}
    steps[ctx.request_id] = text  # look-alike: a dict made for this call
    await ctx.info(text)
    return text


def summary(text: str) -> str:
    summaries.append(text)  # [request-mutates-module-state]
    return text


mcp.add_tool(summary)


def register(server: FastMCP) -> None:
    """Tools registered on a server handed in."""

    @server.tool()
    def forget(name: str) -> str:
        forgotten.add(name)  # [request-mutates-module-state]
        return name


app = fastmcp.FastMCP("bookmarks")
bookmarks = []


@app.tool
def bookmark(url: str, ctx: fastmcp.Context) -> str:
    bookmarks.append(url)  # [request-mutates-module-state]
    return url


lowlevel = Server("files")
opened = set()


@lowlevel.call_tool()
async def call_tool(name: str, arguments: dict) -> list:
    opened.add(name)  # [request-mutates-module-state]
    request = lowlevel.request_context
    return [request.request_id, arguments]


# The SDK 2.x names: ``MCPServer`` (FastMCP renamed), handlers given to ``Server(...)``.
from mcp.server.mcpserver import MCPServer  # pylint: disable=wrong-import-position

server_v2 = MCPServer("v2")
listed = []
tagged = {}


@server_v2.tool()
def tag(name: str) -> str:
    tagged[name] = True  # [request-mutates-module-state]
    return name


async def list_tools_v2(ctx, params):
    listed.append(params)  # [request-mutates-module-state]
    return ctx


lowlevel_v2 = Server("v2", on_list_tools=list_tools_v2)
