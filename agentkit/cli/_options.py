"""What the answering commands share: the --model, --db, --traces and --trace-content options, and the agent.

The agent and the OpenTelemetry SDK are imported only when a command runs, so ``--help`` stays instant.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

__all__ = ["TRACE_MODES", "build_agent", "db_option", "model_option", "trace_options"]

F = TypeVar("F", bound=Callable[..., Any])

TRACE_MODES = ("file", "otlp", "console", "none")

_MODEL_HELP = (
    "The model: none (symbolic tools only), local (the embedded model), openai:<model>, anthropic:<model>, "
    "ollama:<model>, or an OpenAI-compatible base URL. Default: $AGENTKIT_MODEL, else local when installed, "
    "else none."
)

model_option = click.option("--model", default=None, help=_MODEL_HELP)

db_option = click.option(
    "--db",
    "databases",
    multiple=True,
    metavar="[NAME=]PATH",
    help="A SQLite file the SQL tool may read (read-only); repeatable. NAME defaults to the file's stem.",
)


def trace_options(command: F) -> F:
    """Add ``--traces`` and ``--trace-content`` to an answering command."""
    command = click.option(
        "--trace-content",
        is_flag=True,
        help="Record message content (requests, prompts, replies) in the traces.",
    )(command)
    return click.option(
        "--traces",
        type=click.Choice(TRACE_MODES),
        default="file",
        show_default=True,
        envvar="AGENTKIT_TRACES",
        help="Where spans go: OTLP JSON Lines in $AGENTKIT_TRACES_DIR (default traces/), "
        "OTLP per the OTEL_EXPORTER_OTLP_* variables, the console, or nowhere.",
    )(command)


def build_agent(
    model: str | None, databases: tuple[str, ...] = (), traces: str = "none", trace_content: bool = False
) -> Any:
    """The agent a command answers with, its spans going where ``traces`` says.

    Args:
        model: the ``--model`` value; ``None`` lets the agent choose (and prints a hint when it can).
        databases: the ``--db`` values.
        traces: the ``--traces`` mode.
        trace_content: ``--trace-content``: record message content. When the flag is absent the
            ``OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT`` variable decides.

    Raises:
        click.UsageError: the model or a database is not usable (exit status 2).
    """
    from agentkit import Agent
    from agentkit.errors import ConfigError
    from agentkit.models import ENV_VAR, default_model_hint

    if model is None and not os.environ.get(ENV_VAR):
        hint = default_model_hint()
        if hint:
            click.echo(hint, err=True)

    provider = _tracer_provider(traces)
    try:
        agent = Agent(
            model=model,
            databases=_databases(databases),
            tracer_provider=provider,
            trace_content=True if trace_content else None,
        )
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    return _Traced(agent) if traces == "file" else agent


def _databases(values: tuple[str, ...]) -> dict[str, str]:
    """``--db shop.sqlite`` or ``--db shop=path/to/file.sqlite`` → ``{"shop": path}``."""
    databases = {}
    for value in values:
        name, sep, path = value.partition("=")
        if not sep:
            name, path = Path(value).stem, value
        if name in databases:
            raise click.UsageError(f"two databases named {name!r}; use --db NAME=PATH")
        databases[name] = path
    return databases


def _tracer_provider(traces: str) -> Any:
    """The SDK set up for this command; its spans are flushed when the command ends."""
    if traces == "none":
        from opentelemetry.trace import NoOpTracerProvider

        return NoOpTracerProvider()
    from agentkit.tracing.setup import configure

    try:
        provider = configure(traces)  # type: ignore[arg-type]
    except ValueError as exc:  # e.g. an OTEL_EXPORTER_OTLP_PROTOCOL this build cannot speak
        raise click.UsageError(str(exc)) from exc
    if hasattr(provider, "shutdown"):
        click.get_current_context().call_on_close(provider.shutdown)
    return provider


class _Traced:
    """The agent, with each answer's ``trace_file`` set to the file its trace is written to."""

    def __init__(self, agent: Any) -> None:
        self.agent = agent

    def invoke(self, text: str) -> Any:
        from dataclasses import replace

        from agentkit.tracing.setup import trace_file

        answer = self.agent.invoke(text)
        return replace(answer, trace_file=trace_file()) if answer.trace_id else answer
