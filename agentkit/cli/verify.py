"""The ``agentkit verify`` command: every verified step of a trace executed and checked again by the installed tools."""

from __future__ import annotations

import json
from typing import Any

import click

from agentkit.cli._options import db_option

__all__ = ["verify_command"]

_MARKS = {"verified again": "✓", "failed": "✗", "not replayable": "?"}


@click.command("verify")
@click.argument("trace_file", required=False, metavar="[TRACE_FILE]")
@click.option("--trace-id", metavar="ID", help="Only this run (its id, or a unique prefix of it).")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print one object per step as JSON.")
def verify_command(trace_file: str | None, trace_id: str | None, databases: tuple[str, ...], as_json: bool) -> None:
    """Re-execute every verified step recorded in trace files and re-run its check.

    Each step's certificate (family, operation, the formal request the tool executed, the result and
    the check it passed) is read back, executed again by the tools installed now, and checked: the
    step is verified again (same result, check passes), failed (another result, or the check fails:
    the new result is shown), or not replayable (the reason is shown: an older trace, a certificate
    too large to keep, a database not given). Useful after upgrading a tool's library, and for an
    auditor who does not trust the process that wrote the trace.

    TRACE_FILE is a trace file or a directory of them (default: $AGENTKIT_TRACES_DIR, else traces/).
    SQL steps that ran on a database need it again: --db NAME=PATH with the name the trace gives.
    Exit status: 0 when no step failed, 1 when one did, 2 on bad input.
    """
    from agentkit.cli._options import _databases
    from agentkit.cli.traces import read_or_fail, trace_files_or_fail
    from agentkit.tools.base import with_databases
    from agentkit.tools.registry import Registry, default_registry
    from agentkit.tracing.replay import replay_all
    from agentkit.tracing.tree import find_trace

    files = trace_files_or_fail(trace_file)
    spans = read_or_fail(files)
    if trace_id is not None:
        try:
            spans = find_trace(spans, trace_id)
        except LookupError as exc:
            raise click.UsageError(str(exc.args[0])) from exc
    bound = _databases(databases)
    registry = Registry(with_databases(family, bound) for family in default_registry())
    outcomes = replay_all(spans, registry)
    failed = sum(o.status == "failed" for o in outcomes)
    if as_json:
        click.echo(json.dumps([o.to_dict() for o in outcomes], ensure_ascii=False, indent=2))
    else:
        _print_table(outcomes, [str(f) for f in files])
    if failed:
        raise SystemExit(1)


def _print_table(outcomes: list[Any], files: list[str]) -> None:
    from rich.markup import escape
    from rich.table import Table

    from agentkit.cli.traces import console

    counts = {status: sum(o.status == status for o in outcomes) for status in _MARKS}
    if not outcomes:
        click.echo(f"no verified tool steps in {', '.join(files)}: nothing to re-run")
        return
    table = Table(title="Verified steps executed again", title_justify="left", expand=False)
    table.add_column("", no_wrap=True)
    table.add_column("step", overflow="fold", ratio=3)
    table.add_column("now", overflow="fold", ratio=3)
    table.add_column("trace", no_wrap=True)
    for outcome in outcomes:
        c = outcome.certificate
        mark = _MARKS[outcome.status]
        style = {"verified again": "green", "failed": "bold red", "not replayable": "yellow"}[outcome.status]
        now = outcome.result if outcome.status == "verified again" else outcome.detail
        table.add_row(
            f"[{style}]{mark}[/{style}]", escape(c.step), escape(_short(now or "")), c.trace_id[:8]
        )
    out = console()
    out.print(table)
    out.print(
        f"{counts['verified again']} verified again, {counts['failed']} failed, "
        f"{counts['not replayable']} not replayable",
        highlight=False,
    )


def _short(text: str, limit: int = 240) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
