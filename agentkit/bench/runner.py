"""Run suites through systems, grade every answer with the one grader, and tally per system and category.

`run_bench` asks each system the same sampled requests (a conversation's turns in order, in one thread) and
returns a `BenchResult`: every `Outcome`, and per suite, system and category a `Tally` of accuracy, answers
given with no model call, model calls, tokens, latency and wrong answers marked verified.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from types import SimpleNamespace
from typing import Any

from agentkit.bench.grader import final_answer, grade, sole_number
from agentkit.bench.suites import Item
from agentkit.bench.systems import Reply, System, make_system, unavailable

__all__ = ["BenchResult", "Outcome", "Tally", "grade_reply", "run_bench", "tally"]

DECLINE = "decline"


@dataclass(frozen=True, kw_only=True)
class Outcome:
    """One request asked of one system, and its grade."""

    suite: str
    system: str
    id: str
    category: str
    question: str
    gold: str | None
    got: str
    route: str
    verified: bool
    correct: bool
    model_calls: int
    tokens_in: int
    tokens_out: int
    latency_ms: float
    error: str | None = None

    @property
    def answered(self) -> bool:
        return self.route != "none" and not self.error

    @property
    def wrong_verified(self) -> bool:
        return self.verified and not self.correct


@dataclass(frozen=True, kw_only=True)
class Tally:
    """Counts and figures over a group of outcomes."""

    total: int
    answered: int
    correct: int
    no_model: int  # answered without any model call
    model_calls: int
    tokens_in: int
    tokens_out: int
    p50_ms: float | None
    p99_ms: float | None
    wrong_verified: int

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "accuracy": self.accuracy}


def tally(outcomes: Sequence[Outcome]) -> Tally:
    """The `Tally` of ``outcomes``; latency percentiles by the nearest-rank method."""
    latencies = sorted(o.latency_ms for o in outcomes)
    return Tally(
        total=len(outcomes),
        answered=sum(o.answered for o in outcomes),
        correct=sum(o.correct for o in outcomes),
        no_model=sum(o.answered and o.model_calls == 0 for o in outcomes),
        model_calls=sum(o.model_calls for o in outcomes),
        tokens_in=sum(o.tokens_in for o in outcomes),
        tokens_out=sum(o.tokens_out for o in outcomes),
        p50_ms=_percentile(latencies, 50),
        p99_ms=_percentile(latencies, 99),
        wrong_verified=sum(o.wrong_verified for o in outcomes),
    )


def _percentile(ordered: Sequence[float], percent: int) -> float | None:
    if not ordered:
        return None
    rank = max(1, -(-percent * len(ordered) // 100))
    return round(ordered[min(rank, len(ordered)) - 1], 3)


@dataclass(kw_only=True)
class BenchResult:
    """What one `run_bench` call measured; ``notes`` holds a system's "not run: ..." per suite."""

    model: str
    seed: int
    limit: int | None
    suites: dict[str, int] = field(default_factory=dict)  # suite -> requests asked (turns counted)
    systems: list[str] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)  # system -> why it did not run
    outcomes: list[Outcome] = field(default_factory=list)

    def table(self) -> dict[str, dict[str, dict[str, Tally]]]:
        """suite -> system -> category (and ``all``) -> `Tally`, for the systems that ran."""
        groups: dict[tuple[str, str, str], list[Outcome]] = {}
        for o in self.outcomes:
            groups.setdefault((o.suite, o.system, o.category), []).append(o)
            groups.setdefault((o.suite, o.system, "all"), []).append(o)
        out: dict[str, dict[str, dict[str, Tally]]] = {}
        for (suite, system, category), group in sorted(groups.items()):
            out.setdefault(suite, {}).setdefault(system, {})[category] = tally(group)
        return out

    def to_dict(self, *, outcomes: bool = True) -> dict[str, Any]:
        table = self.table()
        body: dict[str, Any] = {
            "model": self.model, "seed": self.seed, "limit": self.limit, "systems": self.systems,
            "notes": self.notes,
            "suites": {suite: {"requests": count,
                               "systems": {system: {category: t.to_dict() for category, t in rows.items()}
                                           for system, rows in table.get(suite, {}).items()}}
                       for suite, count in self.suites.items()},
        }
        if outcomes:
            body["outcomes"] = [{**asdict(o), "answered": o.answered} for o in self.outcomes]
        return body


def grade_reply(item: Item, reply: Reply) -> bool:
    """Whether ``reply`` is right for ``item``: its text, or the final answer its text ends on, means the gold."""
    if item.kind == DECLINE:
        return not reply.verified and reply.route in ("none", "model")
    if reply.route == "none" or reply.error:
        return False
    if item.kind.startswith("sql-"):
        from agentkit.bench.chat_sql import grade_sql

        return grade_sql(item.record, SimpleNamespace(answer=reply.text, verified=reply.verified, route=reply.route))
    options = {"kind": item.kind, "places": item.places, "question": item.question, "category": item.category,
               "database": item.database}
    if grade(item.answer, reply.text, **options):
        return True
    final = final_answer(reply.text)
    if final != reply.text.strip() and grade(item.answer, final, **options):
        return True
    # a sentence stating one number ("So she has 18 eggs left") answers a question whose gold is a number
    number = sole_number(final) if item.kind in ("amount", "number", "auto") else None
    return number is not None and number != final and grade(item.answer, number, **options)


def _requests(item: Item) -> int:
    return len(item.turns) or 1


def run_bench(
    suites: dict[str, Sequence[Item]],
    *,
    systems: Sequence[str],
    model: str,
    seed: int = 0,
    limit: int | None = None,
    on_answer: Callable[[], None] | None = None,
    make: Callable[[str, str], System] = make_system,
) -> BenchResult:
    """Ask every system every item of every suite (already sampled), grade and keep each `Outcome`.

    A system that cannot run (`agentkit.bench.systems.unavailable`) gets a note instead of rows.
    ``on_answer`` is called after each request (to advance a progress bar).
    """
    result = BenchResult(model=model, seed=seed, limit=limit, systems=list(systems),
                         suites={name: sum(_requests(i) for i in items) for name, items in suites.items()})
    for name in systems:
        note = unavailable(name, model)
        if note is not None:
            result.notes[name] = note
            continue
        system = make(name, model)
        for suite, items in suites.items():
            for item in items:
                result.outcomes.extend(_ask(system, suite, item, on_answer))
    return result


def _ask(system: System, suite: str, item: Item, on_answer: Callable[[], None] | None) -> Iterable[Outcome]:
    turns = item.turns or (item,)
    thread = f"bench-{suite}-{item.id}" if item.turns else None
    history: list[tuple[str, str]] = []
    for turn in turns:
        try:
            reply = system.ask(turn.question, history=history, thread=thread, database=turn.database)
        except Exception as exc:  # noqa: BLE001 - one request's crash is its failure; the run goes on
            reply = Reply(text="", route="none", error=f"{type(exc).__name__}: {exc}")
        history.append((turn.question, reply.text))
        if on_answer is not None:
            on_answer()
        yield Outcome(suite=suite, system=system.name, id=turn.id, category=turn.category, question=turn.question,
                      gold=turn.answer, got=reply.text, route=reply.route, verified=reply.verified,
                      correct=grade_reply(turn, reply), model_calls=reply.model_calls, tokens_in=reply.tokens_in,
                      tokens_out=reply.tokens_out, latency_ms=round(reply.latency_ms, 3), error=reply.error)

