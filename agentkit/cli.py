"""The ``agentkit`` command line: ``ask``, ``batch``, ``demo``, and ``traces`` to review trace files.

Heavy imports (LangGraph, sympy, the OpenTelemetry SDK) happen inside the commands, so ``--help`` is instant.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import IO, Any

import click

from agentkit.validators_cli import check_command

__all__ = ["main"]

DEMO_QUESTIONS = (
    "What is 2**10, and what is the gcd of 12 and 18?",
    "Solve 3*x + 7 = 25 for x.",
    "Let f = 3 - 1. Let w = f*2. Is w prime?",
    "Let h(q) = q**2 - 3. What is h(4)?",
    "What is the derivative of x*sin(x)?",
    "sqrt(2) to 10 digits",
    "What is 2**64, then divide that by 4",
    "convert 5 miles to km",
    "What is 367 minutes after 1:50 PM?",
    "Does `^\\d{3}-\\d{4}$` match 555-1234?",
    "is this valid Postgres? SELECT * FROM users WHERE",
    "Janet's ducks lay 16 eggs per day. She eats three. How many are left?",
)

_MODEL_HELP = (
    "The model: none (symbolic tools only), local (the embedded model), openai:<model>, anthropic:<model>, "
    "ollama:<model>, or an OpenAI-compatible base URL. Default: $AGENTKIT_MODEL, else local when installed, "
    "else none."
)


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


def _agent(model: str | None, databases: tuple[str, ...] = (), traces: str = "none",
           trace_content: bool = False) -> Any:
    from agentkit import Agent
    from agentkit.errors import ConfigError
    from agentkit.models import ENV_VAR, default_model_hint

    if model is None and not os.environ.get(ENV_VAR):
        hint = default_model_hint()
        if hint:
            click.echo(hint, err=True)

    provider = _tracer_provider(traces, trace_content)
    try:
        agent = Agent(model=model, databases=_databases(databases), tracer_provider=provider)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    return _Traced(agent) if traces == "file" else agent


_TRACE_MODES = ("file", "otlp", "console", "none")


def _tracer_provider(traces: str, content: bool) -> Any:
    """The SDK set up for this command; its spans are flushed when the command ends."""
    if traces == "none":
        from opentelemetry.trace import NoOpTracerProvider

        return NoOpTracerProvider()
    from agentkit.tracing.setup import configure

    try:
        provider = configure(traces, content=content)  # type: ignore[arg-type]
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


def _trace_options(command: Any) -> Any:
    command = click.option("--trace-content", is_flag=True,
                           help="Record message content (requests, prompts, replies) in the traces.")(command)
    return click.option("--traces", type=click.Choice(_TRACE_MODES), default="file", show_default=True,
                        envvar="AGENTKIT_TRACES",
                        help="Where spans go: OTLP JSON Lines in $AGENTKIT_TRACES_DIR (default traces/), "
                             "OTLP per the OTEL_EXPORTER_OTLP_* variables, the console, or nowhere.")(command)


_db_option = click.option(
    "--db", "databases", multiple=True, metavar="[NAME=]PATH",
    help="A SQLite file the SQL tool may read (read-only); repeatable. NAME defaults to the file's stem.",
)


def _print_answer(answer: Any, out: IO[str] | None = None) -> None:
    badge = "verified" if answer.verified else "not verified"
    click.echo(answer.answer, file=out)
    click.secho(
        f"  route: {answer.route} · {badge} · model calls: {answer.fm_calls} · {answer.latency_ms:.1f} ms",
        fg="green" if answer.verified else "yellow",
        file=out,
    )
    if len(answer.steps) > 1 or not answer.verified:
        for step in answer.steps:
            mark = "✓" if step.verified else "✗"
            where = f"{step.tool}.{step.operation}" if step.tool else step.route
            click.echo(f"    {mark} {step.text}  →  {step.result if step.result is not None else '—'}  [{where}]", file=out)
            if not step.verified and step.reason:
                click.echo(f"        {step.reason}", file=out)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="agentkit")
def main() -> None:
    """agentkit: answers from verified symbolic tools first, a foundation model only as the fallback."""


@main.command()
@click.argument("text")
@click.option("--json", "as_json", is_flag=True, help="Print the whole answer object as JSON.")
@click.option("--model", default=None, help=_MODEL_HELP)
@_db_option
@_trace_options
def ask(text: str, as_json: bool, model: str | None, databases: tuple[str, ...], traces: str,
        trace_content: bool) -> None:
    """Answer TEXT and print the answer with its route and verdict.

    \b
    Example:
      agentkit ask "What is the gcd of 12 and 18?"
      agentkit ask --json "Let h(q) = q**2 - 3. What is h(4)?"
    """
    answer = _agent(model, databases, traces, trace_content).invoke(text)
    if as_json:
        click.echo(answer.to_json())
    else:
        _print_answer(answer)
        if answer.trace_file:
            click.secho(f"  trace {answer.trace_id} in {answer.trace_file}", dim=True)


@main.command()
@click.argument("source", type=click.File("r", encoding="utf-8", errors="replace"))
@click.argument("target", type=click.File("w", encoding="utf-8"))
@click.option("--model", default=None, help=_MODEL_HELP)
@_db_option
@_trace_options
def batch(source: IO[str], target: IO[str], model: str | None, databases: tuple[str, ...], traces: str,
          trace_content: bool) -> None:
    """Answer every line of SOURCE (JSON Lines with "id" and "question") into TARGET.

    Each output line is the answer object plus the input's "id". A line that is
    not valid JSON, or has no "question", gets an answer with an "error" and the
    batch goes on. Use - for standard input or output.
    """
    agent = _agent(model, databases, traces, trace_content)
    lines = source.readlines()
    show_progress = sys.stderr.isatty() and target is not sys.stdout
    failures = 0
    with _progress(len(lines), show_progress) as advance:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                advance()
                continue
            record = _answer_line(agent, line, number)
            failures += record.get("error") is not None
            target.write(json.dumps(record, ensure_ascii=False) + "\n")
            target.flush()
            advance()
    if failures:
        click.echo(f"{failures} line(s) could not be read; their output lines carry an error", err=True)


def _answer_line(agent: Any, line: str, number: int) -> dict[str, Any]:
    from agentkit.answer import Answer, failure

    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"id": number, **Answer(**failure(f"line {number} is not valid JSON: {exc.msg}")).to_dict()}
    if not isinstance(item, dict) or not isinstance(item.get("question"), str):
        ident = item.get("id", number) if isinstance(item, dict) else number
        return {"id": ident, **Answer(**failure(f"line {number} has no \"question\" string")).to_dict()}
    ident = item.get("id", number)
    if not isinstance(ident, (str, int)) or isinstance(ident, bool):
        ident = str(ident)
    return {"id": ident, **agent.invoke(item["question"]).to_dict()}


class _progress:
    """A rich progress bar on stderr when it is a terminal; nothing otherwise."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.enabled, self._bar = total, enabled, None

    def __enter__(self) -> Any:
        if not self.enabled:
            return lambda: None
        from rich.console import Console
        from rich.progress import Progress

        self._bar = Progress(console=Console(stderr=True))
        self._bar.start()
        task = self._bar.add_task("answering", total=self.total)
        return lambda: self._bar.advance(task)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


@main.command()
@click.option("--model", default=None, help=_MODEL_HELP)
@_trace_options
def demo(model: str | None, traces: str, trace_content: bool) -> None:
    """Ask a handful of questions and show each answer with its route and verdict."""
    agent = _agent(model, traces=traces, trace_content=trace_content)
    trace_file = None
    for question in DEMO_QUESTIONS:
        click.secho(f"? {question}", bold=True)
        answer = agent.invoke(question)
        trace_file = answer.trace_file or trace_file
        _print_answer(answer)
        click.echo()
    if trace_file:
        click.secho(f"traces in {trace_file}: agentkit traces summary {trace_file}", dim=True)


# -- traces ----------------------------------------------------------------------------------------------


@main.group("traces")
def traces_group() -> None:
    """Review trace files: offload decisions summed up, one run as a tree, replay into Jaeger."""


def _console() -> Any:
    from rich.console import Console

    return Console(width=None if sys.stdout.isatty() else 160, soft_wrap=False)


def _files(path: str | None) -> list[Any]:
    from agentkit.tracing.files import trace_files

    try:
        files = trace_files(path)
    except FileNotFoundError as exc:
        message = f"{exc}: pass a trace file or directory, or set AGENTKIT_TRACES_DIR"
        raise click.ClickException(message) from exc
    if not files:
        raise click.ClickException(f"no *.jsonl trace files in {path or 'the traces directory'}")
    return files


@traces_group.command("summary")
@click.argument("path", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--slowest", default=5, show_default=True, type=click.IntRange(min=0),
              help="Slowest steps to list.")
def traces_summary(path: str | None, as_json: bool, slowest: int) -> None:
    """Per tool family and overall: steps answered without a model, model calls avoided, tokens, checks.

    PATH is a trace file or a directory of them (default: $AGENTKIT_TRACES_DIR, else traces/).
    """
    from agentkit.tracing.files import read_spans, summarize, summary_table

    files = _files(path)
    summary = summarize(read_spans(files), slowest=slowest)
    if as_json:
        click.echo(json.dumps({"files": [str(f) for f in files], **summary}, ensure_ascii=False, indent=2))
    else:
        _console().print(summary_table(summary))


@traces_group.command("show")
@click.argument("trace_id")
@click.option("--path", help="A trace file or directory to look in (default: the traces directory).")
def traces_show(trace_id: str, path: str | None) -> None:
    """Show one run (TRACE_ID, or a unique prefix of it) as an indented tree of spans."""
    from agentkit.tracing.files import find_trace, read_spans, render_tree

    try:
        spans = find_trace(read_spans(_files(path)), trace_id)
    except LookupError as exc:
        raise click.ClickException(str(exc.args[0])) from exc
    _console().print(render_tree(spans))


@traces_group.command("push")
@click.argument("paths", nargs=-1, required=True)
@click.option("--endpoint", metavar="URL",
              help="OTLP/HTTP endpoint, e.g. http://localhost:4318 (/v1/traces is added to a bare host). "
                   "Default: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, OTEL_EXPORTER_OTLP_ENDPOINT, "
                   "localhost:4318.")
def traces_push(paths: tuple[str, ...], endpoint: str | None) -> None:
    """Replay trace files (or directories of them) into an OTLP/HTTP endpoint, such as a running Jaeger."""
    from agentkit.tracing.files import otlp_endpoint, push

    files = [file for path in paths for file in _files(path)]
    try:
        requests, spans = push(files, endpoint)
    except (OSError, ValueError) as exc:
        raise click.ClickException(f"push to {otlp_endpoint(endpoint)} failed: {exc}") from exc
    click.echo(f"pushed {spans} span(s) in {requests} request(s) to {otlp_endpoint(endpoint)}")


main.add_command(check_command)


if __name__ == "__main__":  # pragma: no cover
    main()
