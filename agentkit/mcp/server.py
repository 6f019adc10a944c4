"""The MCP server: agentkit's answering, each tool family, and the claim check as Model Context Protocol tools.

    >>> from agentkit import Agent
    >>> from agentkit.mcp import build_server
    >>> server = build_server(Agent(model="none"))
    >>> server.run()                       # stdio; or mount `http_app(server)` in an ASGI app  # doctest: +SKIP

The tools (on the official SDK's `MCPServer`):

- ``ask``: the whole request through the agent (plan, route, tools, the model as the fallback);
- one tool per family of the agent's registry, named after it, that takes a request in words or in the
  family's formal form (``request_form``: the line a model writes, e.g. a conversion or a SELECT query)
  and answers with that family alone, never a model;
- ``check``: every claim in a text re-checked by the families (`agentkit.claims.check`).

Answers come back as the answer object with an output schema (`agentkit.mcp.results`); a request nothing
could answer is a tool error that says why. The per-family tools are built from the registry, so a
family added there is served without a change here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.tools import Tool
from mcp.types import CallToolResult, TextContent, ToolAnnotations
from opentelemetry.trace import TracerProvider
from pydantic import Field

from agentkit import __version__
from agentkit.mcp.results import REPORT_SCHEMA, answer_result, answer_schema, report_result
from agentkit.tools.base import ToolFamily, describe, examples, read_request, request_form

if TYPE_CHECKING:
    from starlette.applications import Starlette

    from agentkit.agent import Agent

__all__ = ["SERVER_NAME", "build_server", "formal_request", "http_app"]

SERVER_NAME = "agentkit"
MAX_INPUT_CHARS = 100_000

_READ_ONLY = ToolAnnotations(read_only_hint=True, destructive_hint=False, idempotent_hint=True,
                             open_world_hint=False)
_INSTRUCTIONS = (
    "agentkit answers with verified symbolic tools before any model. Prefer these tools for arithmetic, "
    "unit conversions, SQL on the attached databases, regular expressions and calendar arithmetic; report "
    "their answers as given, with the reading they state. A tool error means nothing could answer: say so, "
    "do not invent a value. Use `check` on your own text to re-check the numbers it claims."
)

Request = Annotated[str, Field(description="the request, in words or as the tool's formal line",
                               max_length=MAX_INPUT_CHARS)]


def build_server(agent: Agent | None = None, *, tracer_provider: TracerProvider | None = None,
                 name: str = SERVER_NAME) -> MCPServer:
    """An MCP server whose tools answer with ``agent`` (a symbolic-only `Agent` when omitted).

    Args:
        agent: the agent ``ask`` answers with; its registry (databases bound) gives the per-family tools
            and the families that ``check`` uses.
        tracer_provider: where the per-family tools' spans go (``ask`` records on the agent's own).
        name: the server's name as clients show it.
    """
    if agent is None:
        from agentkit.agent import Agent

        agent = Agent(model="none", tracer_provider=tracer_provider)
    tools = [_ask_tool(agent), *(_family_tool(family, agent, tracer_provider) for family in agent.registry),
             _check_tool(agent)]
    return MCPServer(name, version=__version__, instructions=_INSTRUCTIONS, tools=tools)


def http_app(server: MCPServer, *, path: str = "/mcp", host: str = "127.0.0.1") -> Starlette:
    """The server's streamable-HTTP ASGI app, answering at ``path``.

    To mount it inside another ASGI app at ``/mcp``, build it with ``path="/"``, mount it, and run the
    server's session manager in the host app's lifespan (a mounted app's own lifespan does not run)::

        mcp_app = http_app(server, path="/", host=host)
        app.mount("/mcp", mcp_app)             # clients connect to http://host:port/mcp/
        async with server.session_manager.run(): ...   # in the host app's lifespan

    ``host`` is where it listens: on a loopback address the SDK also refuses requests whose ``Host``
    header names another host (DNS-rebinding protection).
    """
    return server.streamable_http_app(streamable_http_path=path, host=host)


def formal_request(family: ToolFamily, text: str) -> str | None:
    """The request ``text`` reads as when it is the family's formal line (``<name>[ on <db>]: <spec>``).

    ``None`` when ``text`` does not start with the family's name and a colon; otherwise the family's own
    reading of the spec (`agentkit.tools.base.read_request`), or the spec itself when the family does not
    read it (it is then taken in words).
    """
    line = re.fullmatch(rf"\s*{re.escape(family.name)}(?:\s+on\s+(?P<db>[A-Za-z_][\w.-]*))?\s*:\s*(?P<spec>.+?)\s*",
                        text, re.IGNORECASE | re.DOTALL)
    if line is None:
        return None
    detail = {"database": line["db"]} if line["db"] else {}
    return read_request(family, line["spec"], detail=detail) or line["spec"]


def _tool(fn: Callable[..., Any], *, name: str, description: str, schema: dict[str, Any],
          annotations: ToolAnnotations) -> Tool:
    """A tool returning `CallToolResult` whose structured content follows ``schema`` (its output schema)."""
    tool = Tool.from_function(fn, name=name, description=description, annotations=annotations,
                              structured_output=False)
    tool.fn_metadata.output_schema = schema  # published to clients, which validate results against it
    return tool


def _ask_tool(agent: Agent) -> Tool:
    names = ", ".join(agent.registry.names())

    def ask(request: Request, thread_id: Annotated[str | None, Field(
            description="a conversation id: later requests with the same id may refer to earlier answers "
                        "('now double it')")] = None) -> CallToolResult:
        return answer_result(agent.invoke(request, thread_id=thread_id))

    model = agent.model is not None
    description = (
        f"Answer a request with agentkit. Each step goes to a verified symbolic tool ({names}) when one "
        "understands the whole step, "
        + ("else to the configured model, whose claims are then re-checked. " if model else
           "else it is declined (no model is configured). ")
        + "Returns the answer, whether it is verified, and each step's reading (the formal request computed); "
        "a request nothing can answer is an error that says why."
    )
    return _tool(ask, name="ask", description=description, schema=answer_schema(),
                 annotations=ToolAnnotations(read_only_hint=True, destructive_hint=False,
                                             idempotent_hint=not model, open_world_hint=model))


def _family_tool(family: ToolFamily, agent: Agent, tracer_provider: TracerProvider | None) -> Tool:
    from agentkit.agent import Agent

    alone = Agent(model="none", tools=[family], tracer_provider=tracer_provider, trace_content=agent.trace_content)
    _warm_up(family)

    def answer(request: Request) -> CallToolResult:
        formal = formal_request(family, request)
        return answer_result(alone.invoke(request if formal is None else formal))

    form = request_form(family)
    shown = examples(family)[:2]
    description = describe(family) + (
        "\n\nTakes a request in words, as a person asks it"
        + (f", or the formal line `{form}`" if form else "")
        + ". Answers only when this tool reads the whole request and its own check passes (never a model); "
        "otherwise an error says why."
        + "".join(f"\nExample: {question!r} or `{line}`" for question, line in shown)
    )
    return _tool(answer, name=family.name, description=description, schema=answer_schema(), annotations=_READ_ONLY)


def _warm_up(family: ToolFamily) -> None:
    """Answer the family's first example once, untraced, in the calling thread (the server's main thread).

    Whatever a family builds on first use (a unit registry, a grammar, the worker that enforces its time
    limit) is then built at start, not inside the first request's time limit; a tool called from a worker
    thread, as the SDK calls these, otherwise pays for it there.
    """
    from opentelemetry.trace import NoOpTracerProvider

    from agentkit.agent import Agent

    quiet = Agent(model="none", tools=[family], tracer_provider=NoOpTracerProvider())
    for _, line in examples(family)[:1]:
        quiet.invoke(formal_request(family, line) or line)


def _check_tool(agent: Agent) -> Tool:
    def check(text: Annotated[str, Field(description="the text whose claims to re-check",
                                         max_length=MAX_INPUT_CHARS)],
              question: Annotated[str | None, Field(
                  description="the question the text answers; its final answer is checked when a tool can "
                              "compute it")] = None) -> CallToolResult:
        from agentkit.claims import check as check_text

        if not text.strip():
            return CallToolResult(content=[TextContent(type="text", text="the text is empty: nothing to check")],
                                  is_error=True)
        return report_result(check_text(text, question=question, registry=agent.registry))

    description = (
        "Re-check the claims in a text (arithmetic, percentages, unit conversions, SQL, regular expressions, "
        "dates): each claim a symbolic tool can judge is recomputed. Returns each claim's verdict and the text "
        "with wrong values replaced and marked [corrected from ...]. A wrong claim is a verdict, not an error."
    )
    return _tool(check, name="check", description=description, schema=REPORT_SCHEMA, annotations=_READ_ONLY)
