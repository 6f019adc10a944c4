"""The ``agentkit mcp`` command: serve agentkit's tools to an MCP client over stdio or streamable HTTP."""

from __future__ import annotations

import click

from agentkit.cli._options import _databases, _tracer_provider, db_option, model_option

__all__ = ["mcp_command"]

# spans on standard output would corrupt the stdio protocol: no console mode here ("console" writes to stderr,
# but a desktop client shows stderr as errors)
_TRACE_MODES = ("file", "otlp", "none")


@click.command("mcp")
@click.option("--transport", type=click.Choice(("stdio", "http")), default="stdio", show_default=True,
              help="stdio for a desktop client or IDE that starts the server; http for streamable HTTP.")
@click.option("--host", default="127.0.0.1", show_default=True, help="With --transport http: the address to bind.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535),
              help="With --transport http: the port.")
@model_option
@db_option
@click.option("--traces", type=click.Choice(_TRACE_MODES), default="file", show_default=True,
              envvar="AGENTKIT_TRACES",
              help="Where spans go: OTLP JSON Lines in $AGENTKIT_TRACES_DIR (default traces/), OTLP per the "
                   "OTEL_EXPORTER_OTLP_* variables, or nowhere.")
@click.option("--trace-content", is_flag=True, help="Record message content (requests, replies) in the traces.")
def mcp_command(transport: str, host: str, port: int, model: str | None, databases: tuple[str, ...],
                traces: str, trace_content: bool) -> None:
    """Serve agentkit as a Model Context Protocol server.

    Tools: ask (a whole request through the agent; the answer object as structured output), one tool per
    family (math, units, sql, regex, dates) taking a request in words or the family's formal line, and
    check (re-check the claims in a text). A request nothing can answer is a tool error saying why.

    A desktop client starts it with the command `agentkit` and the arguments `mcp --model none`
    (add `--db NAME=PATH` for SQLite files the sql tool may read, read-only).

    \b
        agentkit mcp --db shop=shop.sqlite
        agentkit mcp --transport http --port 8765     # http://127.0.0.1:8765/mcp
    """
    from agentkit import Agent
    from agentkit.errors import ConfigError
    from agentkit.mcp import build_server, http_app

    provider = _tracer_provider(traces)
    try:
        agent = Agent(model=model, databases=_databases(databases), tracer_provider=provider,
                      trace_content=True if trace_content else None)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    server = build_server(agent, tracer_provider=provider)
    if transport == "stdio":
        server.run("stdio")
        return
    import uvicorn

    click.echo(f"agentkit MCP server at http://{host}:{port}/mcp", err=True)
    uvicorn.run(http_app(server, host=host), host=host, port=port, log_level="warning")
