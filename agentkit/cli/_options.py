"""What the answering commands share: the --model, --db, --traces and --trace-content options, and the agent.

The agent and the OpenTelemetry SDK are imported only when a command runs, so ``--help`` stays instant.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

__all__ = ["NOT_VERIFIED", "NO_ANSWER", "TRACE_MODES", "VERIFIED", "build_agent", "db_option", "model_option", "parse_databases", "sqlite_problem",
           "trace_options"]

F = TypeVar("F", bound=Callable[..., Any])

TRACE_MODES = ("file", "otlp", "console", "none")
TRACES_ENV = "AGENTKIT_TRACES"

VERIFIED, NOT_VERIFIED, NO_ANSWER = "✓", "?", "–"
"""One mark per meaning in every command: a tool computed and checked it; nothing checked it; no answer.
(``check`` marks a claim it found wrong with ✗, a meaning only it has.)"""

_MODEL_HELP = (
    "The model: none (symbolic tools only), local (the embedded model), openai:<model>, anthropic:<model>, "
    "ollama:<model>, or an OpenAI-compatible base URL. Default: $AGENTKIT_MODEL, else local when installed, "
    "else none."
)

model_option = click.option("--model", default=None, help=_MODEL_HELP)

SQLITE_HEADER = b"SQLite format 3\x00"
"""The first 16 bytes of every SQLite database file."""


def _check_databases(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    """Every ``--db`` is read at once: a bad one stops the command before any agent is built."""
    parse_databases(values)
    return values


db_option = click.option(
    "--db",
    "databases",
    multiple=True,
    metavar="[NAME=]PATH",
    callback=_check_databases,
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
        default=None,
        callback=_traces_mode,
        help="Where spans go: OTLP JSON Lines in $AGENTKIT_TRACES_DIR (default traces/), "
        "OTLP per the OTEL_EXPORTER_OTLP_* variables, the console, or nowhere. "
        "Default: $AGENTKIT_TRACES, else file.",
    )(command)


def _traces_mode(ctx: click.Context, param: click.Parameter, value: str | None) -> str:
    """``--traces``, else ``$AGENTKIT_TRACES``, else ``file``; a bad variable is named as the variable."""
    if value is not None:
        return value
    configured = os.environ.get(TRACES_ENV, "").strip()
    if not configured:
        return "file"
    if configured.lower() not in TRACE_MODES:
        raise click.UsageError(f"the environment variable {TRACES_ENV}={configured!r} is not a trace mode; "
                               f"expected one of {', '.join(TRACE_MODES)}", ctx=ctx)
    return configured.lower()


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
    from agentkit.tools._workers import pool

    pool().prestart()  # the tools' worker processes start now, beside this process's own imports
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


def parse_databases(values: tuple[str, ...]) -> dict[str, str]:
    """``--db shop.sqlite`` or ``--db shop=path/to/file.sqlite`` → ``{"shop": path}``, each file checked now.

    The same form for every command (``ask``, ``batch``, ``check``, ``chat``). A file must exist and
    start with SQLite's header, so a wrong file is named before the first question, not at first use.

    Raises:
        click.BadParameter: an empty name or path, two databases with one name, or a file that is not SQLite.
    """
    databases: dict[str, str] = {}
    for value in values:
        name, sep, path = value.partition("=")
        if not sep:
            name, path = Path(value).stem, value
        name, path = name.strip(), path.strip()
        if not path:
            raise click.BadParameter(f"{value!r} names no file: write PATH or NAME=PATH", param_hint="--db")
        if not name:
            raise click.BadParameter(f"{value!r} has an empty name before '=': write NAME=PATH, "
                                     f"e.g. --db shop={path}", param_hint="--db")
        if name in databases:
            raise click.BadParameter(f"two databases named {name!r}; write NAME=PATH", param_hint="--db")
        problem = sqlite_problem(Path(path))
        if problem:
            raise click.BadParameter(f"{value!r}: {problem} (write PATH or NAME=PATH)", param_hint="--db")
        databases[name] = path
    return databases


_databases = parse_databases  # the name other commands import


def sqlite_problem(path: Path) -> str | None:
    """Why ``path`` is not a SQLite database file, or ``None`` when its header says it is one."""
    if not path.exists():
        return f"no file at {str(path)!r}"
    if not path.is_file():
        return f"{str(path)!r} is not a file"
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        return f"{str(path)!r} cannot be read: {exc.strerror or exc}"
    if not header:
        return f"{str(path)!r} is empty, not a SQLite database"
    if header != SQLITE_HEADER:
        return f"{str(path)!r} is not a SQLite database (its first bytes are not SQLite's header)"
    return None


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
