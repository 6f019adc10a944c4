"""Measure how often the agent answers DeepMind's mathematics_dataset symbolically, and how often rightly.

A question counts as *answered* when the agent took the symbolic route and
verified its result; it is *correct* when, in addition, the answer means the
same as the gold answer (:func:`agentkit.bench.grader.grade`). Every
answered-but-wrong question is kept in full, because driving that list to zero
is the point of the benchmark.

The scoring and printing here are shared with :mod:`agentkit.bench.gsm8k`.
"""

from __future__ import annotations

import difflib
import json
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rich import box
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

__all__ = [
    "Crash",
    "Question",
    "Report",
    "Score",
    "WrongAnswer",
    "load",
    "print_report",
    "read_jsonl",
    "run",
    "run_questions",
]

MAX_TRACEBACKS = 5
PIPED_WIDTH = 120

Grader = Callable[["Question", str], bool]


@dataclass(frozen=True, kw_only=True)
class Question:
    """One benchmark item: what to ask and the gold answer to grade against."""

    id: str
    module: str
    question: str
    expected: str


@dataclass(frozen=True, kw_only=True)
class WrongAnswer:
    """A question the agent answered symbolically, and verified, but got wrong."""

    id: str
    module: str
    question: str
    expected: str
    got: str


@dataclass(frozen=True, kw_only=True)
class Crash:
    """A question on which ``Agent.invoke`` raised instead of answering."""

    id: str
    module: str
    traceback: str


@dataclass(kw_only=True)
class Score:
    """Counts for one module (or for all of them)."""

    module: str
    total: int = 0
    answered: int = 0
    correct: int = 0
    errors: int = 0

    @property
    def wrong(self) -> int:
        return self.answered - self.correct

    @property
    def coverage(self) -> float | None:
        """Share of the questions answered symbolically; None when there are none."""
        return self.answered / self.total if self.total else None

    @property
    def precision(self) -> float | None:
        """Share of the answered questions that are correct; None when none were answered."""
        return self.correct / self.answered if self.answered else None

    def add(self, other: Score) -> None:
        self.total += other.total
        self.answered += other.answered
        self.correct += other.correct
        self.errors += other.errors

    def to_dict(self) -> dict[str, Any]:
        return {
            **asdict(self),
            "wrong": self.wrong,
            "coverage": self.coverage,
            "precision": self.precision,
        }


@dataclass(kw_only=True)
class Report:
    """The outcome of one benchmark run."""

    benchmark: str
    path: str
    model: str
    scores: dict[str, Score] = field(default_factory=dict)
    wrong: list[WrongAnswer] = field(default_factory=list)
    crashes: list[Crash] = field(default_factory=list)  # the first MAX_TRACEBACKS only
    routes: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def overall(self) -> Score:
        total = Score(module="overall")
        for score in self.scores.values():
            total.add(score)
        return total

    def to_dict(self) -> dict[str, Any]:
        return {
            "benchmark": self.benchmark,
            "path": self.path,
            "model": self.model,
            "seconds": round(self.seconds, 3),
            "overall": self.overall.to_dict(),
            "modules": {name: self.scores[name].to_dict() for name in sorted(self.scores)},
            "routes": dict(self.routes),
            "wrong": [asdict(item) for item in self.wrong],
            "crashes": [asdict(item) for item in self.crashes],
        }


def load(
    path: str | Path, *, limit: int | None = None, modules: Sequence[str] | None = None
) -> list[Question]:
    """Read a mathematics_dataset jsonl file (fields id, module, question, answer).

    Args:
        path: the jsonl file.
        limit: keep at most this many questions from each module.
        modules: keep only these modules.

    Raises:
        ValueError: a line is not a JSON object with those fields, or a module is not in the file.
    """
    questions = [
        Question(id=row["id"], module=row["module"], question=row["question"], expected=row["answer"])
        for row in read_jsonl(path)
    ]
    if modules:
        _check_modules(modules, {q.module for q in questions})
        questions = [q for q in questions if q.module in set(modules)]
    if limit is not None:
        seen: Counter[str] = Counter()
        kept = []
        for q in questions:
            seen[q.module] += 1
            if seen[q.module] <= limit:
                kept.append(q)
        questions = kept
    return questions


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """The JSON objects of a jsonl file, one a line; blank lines are skipped."""
    rows = []
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not a JSON line ({exc.msg})") from exc
    return rows


def _check_modules(wanted: Iterable[str], present: set[str]) -> None:
    for name in wanted:
        if name not in present:
            close = difflib.get_close_matches(name, sorted(present), n=3)
            hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
            raise ValueError(f"module {name!r} is not in the file{hint}")


def run(
    path: str | Path,
    *,
    model: str = "none",
    limit: int | None = None,
    modules: Sequence[str] | None = None,
    progress: bool = True,
) -> Report:
    """Ask one agent every question in a mathematics_dataset file and grade its answers.

    Args:
        path: the jsonl file, e.g. ``../shared/data/mathematics_dataset/dev.jsonl``.
        model: passed to ``Agent(model=...)``; ``"none"`` runs the symbolic tools alone.
        limit: ask at most this many questions from each module.
        modules: ask only the questions of these modules.
        progress: show a progress bar when stdout is a terminal.

    Example:
        >>> report = run("dev.jsonl", limit=2)  # doctest: +SKIP
        >>> report.overall.precision  # doctest: +SKIP
        1.0
    """
    questions = load(path, limit=limit, modules=modules)
    return run_questions(
        questions, grade_by_meaning, benchmark="mathematics", path=str(path), model=model, progress=progress
    )


def grade_by_meaning(question: Question, got: str) -> bool:
    """The one grader (`agentkit.bench.grader.grade`, kind ``mathematics``): `same_answer`, except for
    measurement questions, where ``"<number> <unit>"`` in the asked unit counts."""
    from agentkit.bench.grader import grade

    return grade(question.expected, got, kind="mathematics", category=question.module, question=question.question)


def run_questions(
    questions: Sequence[Question],
    grade: Grader,
    *,
    benchmark: str,
    path: str,
    model: str = "none",
    progress: bool = True,
    agent: Any = None,
) -> Report:
    """Ask ``agent`` (by default one new ``Agent(model=model)``) each question and tally the results.

    A crash inside ``invoke`` is counted under ``errors`` and the run goes on.
    """
    if agent is None:
        from agentkit import Agent  # imported late: the benchmark module loads without the agent

        agent = Agent(model=model)
    report = Report(benchmark=benchmark, path=path, model=model)
    started = time.perf_counter()
    with _progress_bar(len(questions), enabled=progress) as advance:
        for question in questions:
            _ask(agent, question, grade, report)
            advance()
    report.seconds = time.perf_counter() - started
    return report


def _ask(agent: Any, question: Question, grade: Grader, report: Report) -> None:
    score = report.scores.setdefault(question.module, Score(module=question.module))
    score.total += 1
    try:
        answer = agent.invoke(question.question)
        route, verified, got = answer.route, bool(answer.verified), str(answer.answer)
    except Exception:
        score.errors += 1
        if len(report.crashes) < MAX_TRACEBACKS:
            crash = Crash(id=question.id, module=question.module, traceback=traceback.format_exc())
            report.crashes.append(crash)
        return
    report.routes[route] += 1
    if route != "symbolic" or not verified:
        return
    score.answered += 1
    if grade(question, got):
        score.correct += 1
    else:
        report.wrong.append(WrongAnswer(**asdict(question), got=got))


@contextmanager
def _progress_bar(total: int, *, enabled: bool) -> Iterator[Callable[[], None]]:
    """Yield a function that advances a rich progress bar, or does nothing when stdout is not a terminal."""
    if not (enabled and sys.stdout.isatty()):
        yield lambda: None
        return
    columns = (TextColumn("asking"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, transient=True) as bar:
        task = bar.add_task("asking", total=total)
        yield lambda: bar.advance(task)


def print_report(report: Report, console: Console | None = None) -> None:
    """Print the per-module table, the overall line, every wrong answer in full and the first crashes."""
    if console is None:
        console = Console()
        if not console.is_terminal:
            console = Console(width=PIPED_WIDTH)  # a file has room for the full table
    console.print(_score_table(report))
    routes = ", ".join(f"{route} {count}" for route, count in sorted(report.routes.items()))
    console.print(Text(f"routes: {routes or '-'}    time: {report.seconds:.1f} s"))
    _print_wrong(report.wrong, console)
    _print_crashes(report, console)


def _score_table(report: Report) -> Table:
    table = Table(title=f"{report.benchmark} — {report.path} — model {report.model}", box=box.SIMPLE_HEAD)
    # on a narrow terminal the module names fold, never the numbers
    table.add_column("module", overflow="fold")
    for name in ("total", "answered", "correct", "wrong", "errors", "coverage", "precision"):
        table.add_column(name, justify="right", no_wrap=True, min_width=len(name))
    for name in sorted(report.scores):
        table.add_row(*_score_cells(report.scores[name]))
    table.add_section()
    table.add_row(*_score_cells(report.overall), style="bold")
    return table


def _score_cells(score: Score) -> list[str]:
    return [
        score.module,
        str(score.total),
        str(score.answered),
        str(score.correct),
        str(score.wrong),
        str(score.errors),
        _percent(score.coverage),
        _percent(score.precision),
    ]


def _percent(share: float | None) -> str:
    return "—" if share is None else f"{100 * share:.1f}%"


def _print_wrong(wrong: Sequence[WrongAnswer], console: Console) -> None:
    if not wrong:
        console.print(Text("no wrong symbolic answers", style="green"))
        return
    console.print(Text(f"{len(wrong)} wrong symbolic answer(s):", style="bold red"))
    for item in wrong:
        console.print(Text(f"\n{item.id}  {item.module}", style="bold"))
        console.print(Text(f"  question: {item.question}"))
        console.print(Text(f"  expected: {item.expected}"))
        console.print(Text(f"  got:      {item.got}"))


def _print_crashes(report: Report, console: Console) -> None:
    errors = report.overall.errors
    if not errors:
        return
    console.print(Text(f"\n{errors} question(s) crashed; the first {len(report.crashes)}:", style="bold red"))
    for crash in report.crashes:
        console.print(Text(f"\n{crash.id}  {crash.module}", style="bold"))
        console.print(Text(crash.traceback.rstrip()))
