"""The chat benchmark: natural chat requests through the agent, graded by meaning, counted per category.

Each request of ``single.jsonl`` (see the data set's README) goes through ``Agent(model=...)``. Per category it
counts the requests, the answered ones (route not ``none``), the correct ones, and the WRONG-VERIFIED ones
(marked verified, not equal to the gold answer by meaning). A ``decline`` request is correct when nothing is
presented as a tool's answer; answering it verified is WRONG-VERIFIED.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import click

from agentkit.bench.data import data_dir
from agentkit.bench.grader import grade

__all__ = ["CHAT_PATH", "CONVERSATIONS_PATH", "Outcome", "Report", "grade_answer", "load", "load_conversations",
           "load_records", "print_report", "run", "run_conversations"]

CHAT_PATH = str(data_dir() / "chat" / "single.jsonl")
CONVERSATIONS_PATH = str(data_dir() / "chat" / "conversations.jsonl")
DECLINE = "decline"


@dataclass(frozen=True, kw_only=True)
class Outcome:
    """One request and what the agent made of it."""

    id: str
    category: str
    question: str
    gold: str | None
    got: str
    route: str
    verified: bool
    correct: bool
    interpretation: str = ""

    @property
    def answered(self) -> bool:
        return self.route != "none"

    @property
    def wrong_verified(self) -> bool:
        return self.verified and not self.correct


@dataclass(kw_only=True)
class Report:
    """Every outcome, in data order, with per-category counts."""

    outcomes: list[Outcome] = field(default_factory=list)

    def categories(self) -> dict[str, dict[str, int]]:
        table: dict[str, dict[str, int]] = {}
        for o in self.outcomes:
            row = table.setdefault(o.category, {"total": 0, "answered": 0, "correct": 0, "wrong_verified": 0})
            row["total"] += 1
            row["answered"] += o.answered
            row["correct"] += o.correct
            row["wrong_verified"] += o.wrong_verified
        return table

    def totals(self) -> dict[str, int]:
        rows = self.categories().values()
        return {key: sum(row[key] for row in rows) for key in ("total", "answered", "correct", "wrong_verified")}

    def wrong(self) -> list[Outcome]:
        """The answered requests graded wrong, verified ones first."""
        bad = [o for o in self.outcomes if o.answered and not o.correct]
        return sorted(bad, key=lambda o: not o.verified)

    def to_dict(self) -> dict[str, Any]:
        return {"categories": self.categories(), "totals": self.totals(),
                "outcomes": [asdict(o) for o in self.outcomes]}


def load(path: str | Path) -> list[dict[str, Any]]:
    """The records of a chat ``.jsonl`` file; a bad line is a ``ValueError`` naming it."""
    return load_records(path, ("id", "question", "category", "kind"), what="chat record")


def load_records(path: str | Path, fields: tuple[str, ...], *, what: str) -> list[dict[str, Any]]:
    """The JSON objects of a ``.jsonl`` file, each holding ``fields``; a bad line is a ``ValueError`` naming it."""
    records = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            missing = [name for name in fields if name not in record]
        except (ValueError, TypeError) as exc:
            raise ValueError(f"{path}:{number}: not a {what} ({exc})") from exc
        if missing:
            raise ValueError(f"{path}:{number}: not a {what} (no {', '.join(missing)})")
        records.append(record)
    return records


def grade_answer(record: dict[str, Any], answer: Any) -> Outcome:
    """Grade one agent answer against its record."""
    steps = list(getattr(answer, "steps", []) or [])
    readings = [s.interpretation for s in steps if getattr(s, "interpretation", None)]
    if record["kind"] == DECLINE:
        correct = answer.route in ("none", "model") and not answer.verified
    else:
        correct = answer.route != "none" and grade(
            record.get("answer"), answer.answer, kind=record["kind"], places=record.get("places")
        )
    return Outcome(id=record["id"], category=record["category"], question=record["question"],
                   gold=record.get("answer"), got=answer.answer, route=answer.route, verified=answer.verified,
                   correct=correct, interpretation="; ".join(readings))


def run(path: str | Path = CHAT_PATH, *, model: str = "none", progress: bool = True,
        categories: Iterable[str] = ()) -> Report:
    """Ask every request of ``path`` (optionally only ``categories``) and grade the answers."""
    from agentkit import Agent

    wanted = set(categories)
    records = [r for r in load(path) if not wanted or r["category"] in wanted]
    agent = Agent(model=model)
    report = Report()
    for record in _progress(records, progress):
        report.outcomes.append(grade_answer(record, agent.invoke(record["question"])))
    return report


def load_conversations(path: str | Path) -> list[dict[str, Any]]:
    """The conversations of ``conversations.jsonl``, each turn a chat record (category ``turn <n>``)."""
    conversations = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            turns = [{**turn, "id": f"{record['id']}.{i}", "category": f"turn {i}"}
                     for i, turn in enumerate(record["turns"], 1)]
            for turn in turns:
                turn["question"], turn["kind"]  # noqa: B018
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{number}: not a conversation ({exc})") from exc
        conversations.append({"id": record["id"], "turns": turns})
    return conversations


def run_conversations(path: str | Path = CONVERSATIONS_PATH, *, model: str = "none", progress: bool = True) -> Report:
    """Feed each conversation's turns in order in one thread of its own, and grade every turn."""
    from agentkit import Agent

    agent = Agent(model=model)
    report = Report()
    for conversation in _progress(load_conversations(path), progress):
        thread = f"bench-{conversation['id']}"
        for turn in conversation["turns"]:
            report.outcomes.append(grade_answer(turn, agent.invoke(turn["question"], thread_id=thread)))
    return report


def _progress(records: list[dict[str, Any]], show: bool) -> Iterator[dict[str, Any]]:
    if not (show and sys.stderr.isatty()):
        yield from records
        return
    from rich.progress import track

    yield from track(records, description="chat", transient=True, console=None)


def print_report(report: Report, *, show_wrong: bool = False) -> None:
    """Per category: total, answered, correct, WRONG-VERIFIED; then, if asked, every wrong answer."""
    echo = click.echo
    echo(f"{'category':<30} {'total':>5} {'answered':>8} {'correct':>7} {'WRONG-VERIFIED':>14}")
    for name, row in sorted(report.categories().items()):
        echo(f"{name:<30} {row['total']:>5} {row['answered']:>8} {row['correct']:>7} {row['wrong_verified']:>14}")
    t = report.totals()
    echo(f"{'all':<30} {t['total']:>5} {t['answered']:>8} {t['correct']:>7} {t['wrong_verified']:>14}")
    declines = [o for o in report.outcomes if o.category == DECLINE]
    if declines:
        answered = sum(o.verified for o in declines)
        echo(f"decline: {answered} of {len(declines)} answered verified (each one a false route)")
    echo(f"summary: {t['answered']}/{t['total']} answered, {t['correct']} correct, "
         f"{t['wrong_verified']} wrong verified")
    if show_wrong:
        wrong = report.wrong()
        echo(f"\nwrong answers ({len(wrong)}; V = marked verified):")
        for o in wrong:
            mark = "V" if o.verified else "-"
            echo(f"{mark} {o.id} [{o.category}] {o.question!r}\n    gold: {o.gold!r}  got: {o.got!r}"
                 f"  route: {o.route}  reading: {o.interpretation or '-'}")
