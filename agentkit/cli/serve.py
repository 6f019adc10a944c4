"""``agentkit serve``: the OpenAI-compatible server (chat completions, streaming, a chat page) on uvicorn."""

from __future__ import annotations

import os

import click

from agentkit.cli._options import db_option, parse_databases, trace_options

__all__ = ["serve_command"]

_FACTORY = "agentkit.server.app:create_app_from_env"


@click.command("serve")
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="The address to listen on (0.0.0.0: all)."
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="The port.")
@click.option(
    "--model",
    "models",
    multiple=True,
    metavar="SPEC",
    help="A model to serve, as for `agentkit ask --model`; repeatable: each is listed by /v1/models "
    "under its spec, the first also as 'agentkit'. Default: $AGENTKIT_MODEL, else local when "
    "installed, else none.",
)
@db_option
@click.option(
    "--state",
    default=None,
    metavar="PATH|URL",
    help="Where threads named by the x-agentkit-thread header live: a SQLite file (default "
    "$XDG_STATE_HOME/agentkit/threads.sqlite) or postgresql://user:pass@host/db, shared by replicas.",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Worker processes (each has its own agents; share threads through --state postgresql://...).",
)
@click.option(
    "--api-key",
    envvar="AGENTKIT_API_KEY",
    default=None,
    help="Require 'Authorization: Bearer KEY' on /v1/* [env: AGENTKIT_API_KEY].",
)
@click.option(
    "--max-body",
    default=1_000_000,
    show_default=True,
    type=click.IntRange(1),
    metavar="BYTES",
    help="The largest request body accepted; a larger one gets 413.",
)
@click.option(
    "--max-concurrent",
    default=256,
    show_default=True,
    type=click.IntRange(1),
    metavar="N",
    help="Requests taken at once per worker; one more gets 429.",
)
@click.option(
    "--max-running",
    default=4,
    show_default=True,
    type=click.IntRange(1),
    metavar="N",
    help="Of those, requests running at once per worker, the others waiting their turn (raise it for "
    "a remote model, whose requests mostly wait on the network).",
)
@click.option(
    "--budget-seconds",
    type=click.FloatRange(0, min_open=True),
    default=None,
    metavar="S",
    help="Each request's time budget (default: agentkit.Budget's, 120 s).",
)
@click.option(
    "--budget-model-calls",
    type=click.IntRange(0),
    default=None,
    metavar="N",
    help="Each request's budget of model calls, retries included (default: agentkit.Budget's, 6).",
)
@click.option(
    "--agent",
    "agent_factory",
    default=None,
    metavar="MODULE:FUNCTION",
    help="Serve your own agent: FUNCTION(spec, checkpointer) returns it (e.g. an Agent with your tools).",
)
@trace_options
@click.option(
    "--access-log/--no-access-log", default=True, show_default=True, help="Log one line per request."
)
def serve_command(
    host: str,
    port: int,
    models: tuple[str, ...],
    databases: tuple[str, ...],
    state: str | None,
    workers: int,
    api_key: str | None,
    max_body: int,
    max_concurrent: int,
    max_running: int,
    budget_seconds: float | None,
    budget_model_calls: int | None,
    agent_factory: str | None,
    traces: str,
    trace_content: bool,
    access_log: bool,
) -> None:
    """Serve the agent over OpenAI's chat-completions API, with a chat page at /.

    Any OpenAI client works unchanged: point its base URL at http://HOST:PORT/v1. Each answer carries
    its route, verdict and trace id in an 'agentkit' field and in x-agentkit-* headers. Conversations are
    stateless (the client sends the history) unless a request names a server-side thread with the
    header 'x-agentkit-thread: NAME'. Ctrl-C (SIGINT) or SIGTERM lets in-flight requests finish.

    \b
    Examples:
      agentkit serve --model none --port 8000
      agentkit serve --model local --workers 2 --state postgresql://agentkit@db/agentkit --traces otlp
      curl -s localhost:8000/v1/chat/completions -H 'content-type: application/json' \\
        -d '{"model": "agentkit", "messages": [{"role": "user", "content": "What is 2**10?"}]}'
    """
    try:
        import uvicorn

        from agentkit.server.settings import Settings, default_state_path
    except ImportError as exc:
        raise click.UsageError(
            f'the server needs its extra: pip install "agentkit[serve]" ({exc.name} is missing)'
        )
    from agentkit.errors import ConfigError

    try:
        settings = Settings(
            models=models,
            databases=parse_databases(databases),
            state=state or str(default_state_path()),
            api_key=api_key,
            traces=traces,
            trace_content=trace_content,
            max_body_bytes=max_body,
            max_concurrent=max_concurrent,
            max_running=max_running,
            budget_seconds=budget_seconds,
            budget_model_calls=budget_model_calls,
            agent_factory=agent_factory,
            host=host,
        )
        os.environ.update(settings.to_env())
        from agentkit.server.app import check_settings

        check_settings(settings)  # a bad model, database or factory is reported here, before uvicorn starts
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    if host not in ("127.0.0.1", "localhost", "::1") and not api_key:
        click.echo(
            f"agentkit: serving on {host} without --api-key: anyone who can reach it may use it", err=True
        )
    uvicorn.run(
        _FACTORY,
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=access_log,
        timeout_graceful_shutdown=30,
        log_level="info",
    )
