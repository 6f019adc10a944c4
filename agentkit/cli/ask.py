"""The answering commands: ``ask`` one question, ``batch`` a JSON Lines file, ``demo`` a handful of questions."""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from pathlib import Path
from typing import IO, Any

import click

from agentkit.cli._options import (
    NO_ANSWER,
    NOT_VERIFIED,
    VERIFIED,
    build_agent,
    db_option,
    model_option,
    trace_options,
)

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
"""The demo's questions; the last is a word problem no tool reads, to show what the model is (not) for."""


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

    Exits with status 0 when the request was answered (verified or not), 1 when no
    tool and no model answered it (the answer's "error" then says why), 2 on a usage error.

    \b
    Marks: ✓ verified by a tool · ? not verified · – no answer
    Example:
      agentkit ask "What is the gcd of 12 and 18?"
      agentkit ask --json "Let h(q) = q**2 - 3. What is h(4)?"
    """
    answer = _with_error(build_agent(model, databases, traces, trace_content).invoke(text))
    if as_json:
        click.echo(answer.to_json())
    else:
        _print_answer(answer)
        if answer.trace_file:
            click.secho(f"  trace {answer.trace_id} in {answer.trace_file}", dim=True)
    if answer.error is not None:
        sys.exit(1)


@click.command("batch")
@click.argument("source", type=click.Path(dir_okay=False, allow_dash=True))
@click.argument("target", type=click.Path(dir_okay=False, allow_dash=True, writable=True))
@model_option
@db_option
@trace_options
def batch_command(
    source: str,
    target: str,
    model: str | None,
    databases: tuple[str, ...],
    traces: str,
    trace_content: bool,
) -> None:
    """Answer every line of SOURCE (JSON Lines with "id" and "question") into TARGET.

    Each output line is the answer object plus the input's own "id" (null when it
    has none) and its line number, "line". A line that is not valid JSON, or has no
    "question", gets an answer with an "error" and the batch goes on. A UTF-8 byte-order
    mark is ignored. Use - for standard input or output; TARGET may not be SOURCE.

    A summary line ends the run on standard error. Exits with status 1 when a line
    could not be read, 0 otherwise.
    """
    _refuse_overwrite(source, target)
    with click.open_file(source, "r", encoding="utf-8-sig", errors="replace") as handle:
        lines = handle.readlines()
    agent = build_agent(model, databases, traces, trace_content)
    show_progress = sys.stderr.isatty() and target != "-"
    counts = {"verified": 0, "answered": 0, "unanswered": 0, "unreadable": 0}
    with click.open_file(target, "w", encoding="utf-8") as out, _Progress(len(lines), show_progress) as advance:
        for number, line in enumerate(lines, start=1):
            if line.strip():
                record, kind = _answer_line(agent, line, number)
                counts[kind] += 1
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                out.flush()
            advance()
    read = counts["verified"] + counts["answered"] + counts["unanswered"]
    where = "standard output" if target == "-" else target
    click.echo(f"batch: {read + counts['unreadable']} line(s): {counts['verified']} verified, "
               f"{counts['answered']} answered but not verified, {counts['unanswered']} not answered, "
               f"{counts['unreadable']} could not be read; answers in {where}", err=True)
    if counts["unreadable"]:
        click.echo(f"{counts['unreadable']} line(s) could not be read; their output lines carry an error", err=True)
        sys.exit(1)


@click.command("demo")
@model_option
@trace_options
def demo_command(model: str | None, traces: str, trace_content: bool) -> None:
    """Ask a handful of questions and show each answer with its route and verdict.

    The point of agentkit in one run: each step goes to a symbolic tool that computes
    and checks it (✓ verified); only what no tool can read goes to the model, and its
    answer is marked ? not verified.
    """
    agent = build_agent(model, traces=traces, trace_content=trace_content)
    click.echo(DEMO_INTRO)
    click.echo()
    trace_file = None
    answers = []
    for question in DEMO_QUESTIONS:
        click.secho(f"> {question}", bold=True)
        answer = _with_error(agent.invoke(question))
        answers.append(answer)
        trace_file = answer.trace_file or trace_file
        _print_answer(answer)
        if not answer.verified and any(step.route in ("model", "model+tool") and step.result for step in answer.steps):
            click.echo(DEMO_MODEL_NOTE)
        click.echo()
    verified = sum(a.verified for a in answers)
    click.echo(f"{verified} of {len(answers)} answers were computed and checked by a tool ({VERIFIED} verified). "
               f"The rest are marked {NOT_VERIFIED} or {NO_ANSWER}: read them as a model's guess, or as no answer.")
    if trace_file:
        click.secho(f"traces in {trace_file}: agentkit traces summary {trace_file}", dim=True)


DEMO_INTRO = (
    "agentkit answers each step of a question with a symbolic tool that computes the answer and checks it\n"
    f"(arithmetic and algebra, unit conversions, dates, regular expressions, SQL): those answers are marked {VERIFIED}.\n"
    "A step no tool can read goes to the language model, if there is one; its answer is never marked verified."
)
DEMO_MODEL_NOTE = (
    "  note: no tool reads this question, so the model answered it (or turned it into a calculation a tool ran:\n"
    "  the tool checked the arithmetic, not whether the calculation is the question). The small embedded model\n"
    "  (Gemma 3 270M) cannot be relied on for word problems: compare the reading with the question, and treat\n"
    "  the answer as a guess. A larger model (--model openai:<model>) does better, and is still marked ?."
)


def _with_error(answer: Any) -> Any:
    """``answer`` with ``error`` set to its message when a step of it was not answered (by a tool or a model):
    for a mixed request, when one of its questions was not; `ask` then exits 1, and a badge says what was."""
    if answer.error is None and (not answer.steps or any(step.result is None for step in answer.steps)):
        return dataclasses.replace(answer, error=answer.answer)
    return answer


def _partly_answered(answer: Any) -> bool:
    """Whether some, not all, of a mixed request's questions were answered."""
    parts = [step for step in answer.steps if getattr(step, "part", None) is not None]
    return any(step.result is None for step in parts) and any(step.result is not None for step in parts)


def _print_answer(answer: Any, out: IO[str] | None = None) -> None:
    badge = ("verified" if answer.verified else "partly answered" if _partly_answered(answer)
             else "not answered" if answer.error else "not verified")
    click.echo(answer.answer, file=out)
    for step in answer.steps:  # the reading a person checks: what the tool computed, conventions named
        if getattr(step, "interpretation", None):
            click.echo(f"  reading: {step.interpretation}", file=out)
    click.secho(
        f"  route: {answer.route} · {_mark(answer.verified, answer.error is None)} {badge} · "
        f"model calls: {answer.fm_calls} · {answer.latency_ms:.1f} ms",
        fg="green" if answer.verified else "yellow",
        file=out,
    )
    if len(answer.steps) > 1 or not answer.verified:
        for step in answer.steps:
            mark = _mark(step.verified, step.result is not None)
            where = f"{step.tool}.{step.operation}" if step.tool else step.route
            result = step.result if step.result is not None else "no answer"
            click.echo(f"    {mark} {step.text}  →  {result}  [{where}]", file=out)
            if not step.verified and step.reason:
                click.echo(f"        {step.reason}", file=out)


def _mark(verified: bool, answered: bool) -> str:
    return VERIFIED if verified else (NOT_VERIFIED if answered else NO_ANSWER)


def _refuse_overwrite(source: str, target: str) -> None:
    """Stop before TARGET is opened for writing when it is SOURCE (the same path, a link to it, the same file)."""
    if source == "-" or target == "-":
        return
    same = Path(source).resolve() == Path(target).resolve()
    if not same and Path(source).exists() and Path(target).exists():
        same = os.path.samefile(source, target)
    if same:
        raise click.UsageError(f"TARGET {target!r} is the input file {source!r}: writing the answers would "
                               "overwrite the questions; choose another TARGET")


def _answer_line(agent: Any, line: str, number: int) -> tuple[dict[str, Any], str]:
    """One batch line's output record (the input's own id, its line number, the answer) and how it went."""
    from agentkit.answer import Answer, failure

    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        answer = Answer(**failure(f"line {number} is not valid JSON: {exc.msg}"))
        return {"id": None, "line": number, **answer.to_dict()}, "unreadable"
    ident = item.get("id") if isinstance(item, dict) else None
    if ident is not None and (not isinstance(ident, (str, int)) or isinstance(ident, bool)):
        ident = str(ident)
    if not isinstance(item, dict) or not isinstance(item.get("question"), str):
        answer = Answer(**failure(f'line {number} has no "question" string'))
        return {"id": ident, "line": number, **answer.to_dict()}, "unreadable"
    answer = _with_error(agent.invoke(item["question"]))
    kind = "verified" if answer.verified else ("unanswered" if answer.error else "answered")
    return {"id": ident, "line": number, **answer.to_dict()}, kind


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
