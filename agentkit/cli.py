"""The ``agentkit`` command line: ``ask``, ``batch`` and ``demo``.

Heavy imports (LangGraph, sympy) happen inside the commands, so ``--help`` is instant.
"""

from __future__ import annotations

import json
import sys
from typing import IO, Any

import click

__all__ = ["main"]

DEMO_QUESTIONS = (
    "What is 2**10, and what is the gcd of 12 and 18?",
    "Solve 3*x + 7 = 25 for x.",
    "Let f = 3 - 1. Let w = f*2. Is w prime?",
    "Let h(q) = q**2 - 3. What is h(4)?",
    "What is the derivative of x*sin(x)?",
    "sqrt(2) to 10 digits",
    "What is 2**64, then divide that by 4",
    "Janet's ducks lay 16 eggs per day. She eats three. How many are left?",
)

_MODEL_HELP = "The model: 'none' (symbolic tools only, the default here) or a provider name."


def _agent(model: str) -> Any:
    from agentkit import Agent
    from agentkit.errors import ConfigError

    try:
        return Agent(model=model)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc


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
@click.option("--model", default="none", show_default=True, help=_MODEL_HELP)
def ask(text: str, as_json: bool, model: str) -> None:
    """Answer TEXT and print the answer with its route and verdict.

    \b
    Example:
      agentkit ask "What is the gcd of 12 and 18?"
      agentkit ask --json "Let h(q) = q**2 - 3. What is h(4)?"
    """
    answer = _agent(model).invoke(text)
    if as_json:
        click.echo(answer.to_json())
    else:
        _print_answer(answer)


@main.command()
@click.argument("source", type=click.File("r", encoding="utf-8", errors="replace"))
@click.argument("target", type=click.File("w", encoding="utf-8"))
@click.option("--model", default="none", show_default=True, help=_MODEL_HELP)
def batch(source: IO[str], target: IO[str], model: str) -> None:
    """Answer every line of SOURCE (JSON Lines with "id" and "question") into TARGET.

    Each output line is the answer object plus the input's "id". A line that is
    not valid JSON, or has no "question", gets an answer with an "error" and the
    batch goes on. Use - for standard input or output.
    """
    agent = _agent(model)
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
    from agentkit.agent import _failure

    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"id": number, **_failure(f"line {number} is not valid JSON: {exc.msg}"), "latency_ms": 0.0,
                "trace_id": None, "trace_file": None}
    if not isinstance(item, dict) or not isinstance(item.get("question"), str):
        ident = item.get("id", number) if isinstance(item, dict) else number
        return {"id": ident, **_failure(f"line {number} has no \"question\" string"), "latency_ms": 0.0,
                "trace_id": None, "trace_file": None}
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
@click.option("--model", default="none", show_default=True, help=_MODEL_HELP)
def demo(model: str) -> None:
    """Ask a handful of questions and show each answer with its route and verdict."""
    agent = _agent(model)
    for question in DEMO_QUESTIONS:
        click.secho(f"? {question}", bold=True)
        _print_answer(agent.invoke(question))
        click.echo()


if __name__ == "__main__":  # pragma: no cover
    main()
