"""The answering commands: ``ask`` one question, ``batch`` a JSON Lines file, ``demo`` a handful of questions."""

from __future__ import annotations

import json
import sys
from typing import IO, Any

import click

from agentkit.cli._options import build_agent, db_option, model_option, trace_options

__all__ = ["DEMO_QUESTIONS", "ask_command", "batch_command", "demo_command"]

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


@click.command("ask")
@click.argument("text")
@click.option("--json", "as_json", is_flag=True, help="Print the whole answer object as JSON.")
@model_option
@db_option
@trace_options
def ask_command(
    text: str, as_json: bool, model: str | None, databases: tuple[str, ...], traces: str, trace_content: bool
) -> None:
    """Answer TEXT and print the answer with its route and verdict.

    \b
    Example:
      agentkit ask "What is the gcd of 12 and 18?"
      agentkit ask --json "Let h(q) = q**2 - 3. What is h(4)?"
    """
    answer = build_agent(model, databases, traces, trace_content).invoke(text)
    if as_json:
        click.echo(answer.to_json())
    else:
        _print_answer(answer)
        if answer.trace_file:
            click.secho(f"  trace {answer.trace_id} in {answer.trace_file}", dim=True)


@click.command("batch")
@click.argument("source", type=click.File("r", encoding="utf-8", errors="replace"))
@click.argument("target", type=click.File("w", encoding="utf-8"))
@model_option
@db_option
@trace_options
def batch_command(
    source: IO[str],
    target: IO[str],
    model: str | None,
    databases: tuple[str, ...],
    traces: str,
    trace_content: bool,
) -> None:
    """Answer every line of SOURCE (JSON Lines with "id" and "question") into TARGET.

    Each output line is the answer object plus the input's "id". A line that is
    not valid JSON, or has no "question", gets an answer with an "error" and the
    batch goes on. Use - for standard input or output.
    """
    agent = build_agent(model, databases, traces, trace_content)
    lines = source.readlines()
    show_progress = sys.stderr.isatty() and target is not sys.stdout
    failures = 0
    with _Progress(len(lines), show_progress) as advance:
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


@click.command("demo")
@model_option
@trace_options
def demo_command(model: str | None, traces: str, trace_content: bool) -> None:
    """Ask a handful of questions and show each answer with its route and verdict."""
    agent = build_agent(model, traces=traces, trace_content=trace_content)
    trace_file = None
    for question in DEMO_QUESTIONS:
        click.secho(f"? {question}", bold=True)
        answer = agent.invoke(question)
        trace_file = answer.trace_file or trace_file
        _print_answer(answer)
        click.echo()
    if trace_file:
        click.secho(f"traces in {trace_file}: agentkit traces summary {trace_file}", dim=True)


def _print_answer(answer: Any, out: IO[str] | None = None) -> None:
    badge = "verified" if answer.verified else "not verified"
    click.echo(answer.answer, file=out)
    for step in answer.steps:  # the reading a person checks: what the tool computed, conventions named
        if getattr(step, "interpretation", None):
            click.echo(f"  reading: {step.interpretation}", file=out)
    click.secho(
        f"  route: {answer.route} · {badge} · model calls: {answer.fm_calls} · {answer.latency_ms:.1f} ms",
        fg="green" if answer.verified else "yellow",
        file=out,
    )
    if len(answer.steps) > 1 or not answer.verified:
        for step in answer.steps:
            mark = "✓" if step.verified else "✗"
            where = f"{step.tool}.{step.operation}" if step.tool else step.route
            result = step.result if step.result is not None else "—"
            click.echo(f"    {mark} {step.text}  →  {result}  [{where}]", file=out)
            if not step.verified and step.reason:
                click.echo(f"        {step.reason}", file=out)


def _answer_line(agent: Any, line: str, number: int) -> dict[str, Any]:
    """One batch line's output record: the answer (or a failure) with the input's id, else the line number."""
    from agentkit.answer import Answer, failure

    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"id": number, **Answer(**failure(f"line {number} is not valid JSON: {exc.msg}")).to_dict()}
    if not isinstance(item, dict) or not isinstance(item.get("question"), str):
        ident = item.get("id", number) if isinstance(item, dict) else number
        return {"id": ident, **Answer(**failure(f'line {number} has no "question" string')).to_dict()}
    ident = item.get("id", number)
    if not isinstance(ident, (str, int)) or isinstance(ident, bool):
        ident = str(ident)
    return {"id": ident, **agent.invoke(item["question"]).to_dict()}


class _Progress:
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
