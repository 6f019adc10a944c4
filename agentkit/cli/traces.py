"""The ``agentkit traces`` commands: decisions summed up, one run as a tree, the gaps, replay into a collector."""

from __future__ import annotations

import json
from typing import Any

import click

__all__ = ["console", "read_or_fail", "trace_files_or_fail", "traces_group"]


@click.group("traces")
def traces_group() -> None:
    """Review trace files: offload decisions summed up, one run as a tree, the gaps, replay into Jaeger."""


@traces_group.command("summary")
@click.argument("path", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option(
    "--slowest", default=5, show_default=True, type=click.IntRange(min=0), help="Slowest steps to list."
)
def summary_command(path: str | None, as_json: bool, slowest: int) -> None:
    """Per tool family and overall: steps answered without a model, model calls avoided, tokens, checks.

    PATH is a trace file or a directory of them (default: $AGENTKIT_TRACES_DIR, else traces/).
    """
    from agentkit.tracing.summary import summarize, summary_table

    files = trace_files_or_fail(path)
    summary = summarize(read_or_fail(files), slowest=slowest)
    if as_json:
        click.echo(json.dumps({"files": [str(f) for f in files], **summary}, ensure_ascii=False, indent=2))
    else:
        console().print(summary_table(summary))


@traces_group.command("show")
@click.argument("trace_id")
@click.option("--path", help="A trace file or directory to look in (default: the traces directory).")
def show_command(trace_id: str, path: str | None) -> None:
    """Show one run (TRACE_ID, or a unique prefix of it) as an indented tree of spans."""
    from agentkit.tracing.tree import find_trace, render_tree

    try:
        spans = find_trace(read_or_fail(trace_files_or_fail(path)), trace_id)
    except LookupError as exc:
        raise click.ClickException(str(exc.args[0])) from exc
    console().print(render_tree(spans))


@traces_group.command("gaps")
@click.argument("paths", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print the groups as JSON.")
@click.option("--limit", type=click.IntRange(min=1), help="Show only the most frequent groups.")
def gaps_command(paths: tuple[str, ...], as_json: bool, limit: int | None) -> None:
    """Steps declined or sent to the model although they held numbers or quoted text, or a tool read part.

    Grouped by shape (numbers as <n>, quoted text as <q>, identifiers as <id>, names as <name>),
    counted, with an example and the family whose recognizer came closest: the phrasings worth
    teaching the recognizers next. Without --trace-content when the runs were traced, a shape keeps
    only common words (any other is <w>) and no example is shown: the user's words are not recorded.

    PATHS are trace files or directories of them (default: $AGENTKIT_TRACES_DIR, else traces/).
    """
    from agentkit.tracing.gaps import gaps, gaps_table

    files = [file for path in (paths or (None,)) for file in trace_files_or_fail(path)]
    report = gaps(read_or_fail(files))
    if as_json:
        click.echo(json.dumps({"files": [str(f) for f in files], **report}, ensure_ascii=False, indent=2))
    else:
        console().print(gaps_table(report, limit=limit))


@traces_group.command("push")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--endpoint",
    metavar="URL",
    help="OTLP/HTTP endpoint, e.g. http://localhost:4318 (/v1/traces is added to a bare host). "
    "Default: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, OTEL_EXPORTER_OTLP_ENDPOINT, localhost:4318.",
)
def push_command(paths: tuple[str, ...], endpoint: str | None) -> None:
    """Replay trace files (or directories of them) into an OTLP/HTTP endpoint, such as a running Jaeger."""
    from agentkit.tracing.push import otlp_endpoint, push

    files = [file for path in paths for file in trace_files_or_fail(path)]
    try:
        requests, spans = push(files, endpoint)
    except (OSError, ValueError) as exc:
        raise click.ClickException(f"push to {otlp_endpoint(endpoint)} failed: {exc}") from exc
    click.echo(f"pushed {spans} span(s) in {requests} request(s) to {otlp_endpoint(endpoint)}")


def console() -> Any:
    """A rich console as wide as the terminal ($COLUMNS, else the terminal's width, else 80)."""
    from rich.console import Console

    return Console(soft_wrap=False)


def read_or_fail(files: list[Any]) -> list[Any]:
    """Every span in ``files``; a file that is not a trace file is a clear error (exit status 1), and
    lines skipped as not OTLP/JSON are counted on standard error."""
    from agentkit.tracing.files import TraceFileError, read_spans

    skipped: list[str] = []
    try:
        spans = read_spans(files, skipped=skipped)
    except TraceFileError as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:
        where = exc.filename or "a trace file"
        raise click.ClickException(f"cannot read {where}: {exc.strerror or exc}") from exc
    if skipped:
        click.echo(f"skipped {len(skipped)} line(s) that are not OTLP/JSON, first {skipped[0]}", err=True)
    return spans


def trace_files_or_fail(path: str | None) -> list[Any]:
    """The trace files at ``path`` (default: the traces directory); a readable error when there are none."""
    from agentkit.tracing.files import trace_files

    try:
        files = trace_files(path)
    except FileNotFoundError as exc:
        message = f"{exc}: pass a trace file or directory, or set AGENTKIT_TRACES_DIR"
        raise click.ClickException(message) from exc
    if not files:
        raise click.ClickException(f"no *.jsonl trace files in {path or 'the traces directory'}")
    return files
