"""The ``agentkit check TEXT`` command: find the claims in a text and re-check each one with a symbolic tool."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from agentkit.cli._options import db_option, parse_databases

__all__ = ["check_command"]


@click.command("check")
@click.argument("text")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option(
    "--question", help="The question the text answers; its answer is checked when a tool can compute it."
)
@db_option
def check_command(text: str, as_json: bool, question: str | None, databases: tuple[str, ...]) -> None:
    """Find the claims in TEXT ('-' reads standard input) and re-check each one with a symbolic tool.

    Exits with status 1 when a claim is wrong, 0 otherwise.

        agentkit check "48/2 = 25, and 15% of 80 is 12"
    """
    if text == "-":
        text = sys.stdin.read()
    report = _report(text, question, parse_databases(databases))
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        _print(report)
    sys.exit(0 if report.ok else 1)


def _report(text: str, question: str | None, databases: dict[str, str]) -> Any:
    """The judge's report on ``text``: the one place this command reaches the claim checking."""
    from agentkit.claims import check

    return check(text, question=question, databases=databases or None)


def _print(report: Any) -> None:
    if not report.claims:
        click.echo("no checkable claims found")
    for claim in report.claims:
        mark = click.style("✓", fg="green") if claim.ok else click.style("✗", fg="red")
        click.echo(f"{mark} {claim.kind:<10} {claim.text!r}  [{claim.span[0]}..{claim.span[1]}]")
        if not claim.ok:
            click.echo(f"    stated {claim.stated}, computed {claim.computed} ({claim.tolerance}): {claim.detail}")
    for note in report.notes:
        click.echo(f"  note: {note}")
    failed = len(report.failed)
    summary = f"{len(report.claims)} claim(s), {failed} wrong"
    click.secho(summary, fg="red" if failed else "green")
