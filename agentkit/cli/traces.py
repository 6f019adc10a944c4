"""The ``agentkit traces`` commands: offload decisions summed up, one run as a tree, replay into a collector."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

__all__ = ["traces_group"]


@click.group("traces")
def traces_group() -> None:
    """Review trace files: offload decisions summed up, one run as a tree, replay into Jaeger."""


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
    from agentkit.tracing.files import read_spans
    from agentkit.tracing.summary import summarize, summary_table

    files = _files(path)
    summary = summarize(read_spans(files), slowest=slowest)
    if as_json:
        click.echo(json.dumps({"files": [str(f) for f in files], **summary}, ensure_ascii=False, indent=2))
    else:
        _console().print(summary_table(summary))


@traces_group.command("show")
@click.argument("trace_id")
@click.option("--path", help="A trace file or directory to look in (default: the traces directory).")
def show_command(trace_id: str, path: str | None) -> None:
    """Show one run (TRACE_ID, or a unique prefix of it) as an indented tree of spans."""
    from agentkit.tracing.files import read_spans
    from agentkit.tracing.tree import find_trace, render_tree

    try:
        spans = find_trace(read_spans(_files(path)), trace_id)
    except LookupError as exc:
        raise click.ClickException(str(exc.args[0])) from exc
    _console().print(render_tree(spans))


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

    files = [file for path in paths for file in _files(path)]
    try:
        requests, spans = push(files, endpoint)
    except (OSError, ValueError) as exc:
        raise click.ClickException(f"push to {otlp_endpoint(endpoint)} failed: {exc}") from exc
    click.echo(f"pushed {spans} span(s) in {requests} request(s) to {otlp_endpoint(endpoint)}")


def _console() -> Any:
    from rich.console import Console

    return Console(width=None if sys.stdout.isatty() else 160, soft_wrap=False)


def _files(path: str | None) -> list[Any]:
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
