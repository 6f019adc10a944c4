"""The check: a phrasing's answer must equal its request's value, or be a decline; anything else is a misreading."""

from __future__ import annotations

import random
import re
from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, Literal

from agentkit.bench.grading import same_number
from tests.harness import arith, regexes, sql, units

__all__ = ["KINDS", "Case", "Outcome", "case", "cases", "grade", "run"]

KINDS = ("arith", "units", "regex", "sql")
Status = Literal["right", "misread", "declined"]


@dataclass(frozen=True)
class Case:
    """One phrasing of one formal request, with the oracle's value.

    Attributes:
        kind: arith, units, regex or sql.
        formal: the request in formal notation (what the phrasing means).
        phrasing: the English sent to the agent.
        expected: the exact value (a Fraction as ``p/q`` text) or ``yes``/``no``.
        style: how it was rendered (symbols, mixed, words for arithmetic; the kind otherwise).
    """

    kind: str
    formal: str
    phrasing: str
    expected: str
    style: str


@dataclass(frozen=True)
class Outcome:
    """What the agent did with a case."""

    case: Case
    status: Status
    got: str
    interpretation: str
    route: str

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self.case), "status": self.status, "got": self.got,
                "interpretation": self.interpretation, "route": self.route}


def case(kind: str, rng: random.Random) -> Case:
    """A random request of ``kind`` and one random phrasing of it."""
    return cases(kind, rng, 1)[0]


def cases(kind: str, rng: random.Random, count: int) -> list[Case]:
    """A random request of ``kind`` and ``count`` random phrasings of it (repeats possible)."""
    if kind == "arith":
        node, value = arith.generate(rng)
        return [Case(kind, arith.symbolic(node), text, str(value), style)
                for text, style in (arith.render(node, rng) for _ in range(count))]
    if kind == "units":
        amount, source, target, value = units.generate(rng)
        return [Case(kind, units.formal(amount, source, target), units.render(amount, source, target, rng),
                     str(value), "units") for _ in range(count)]
    if kind == "regex":
        question = regexes.generate(rng)
        return [Case(kind, regexes.formal(question), regexes.render(question, rng),
                     "yes" if question.truth else "no", "regex") for _ in range(count)]
    if kind == "sql":
        question = sql.generate(rng)
        return [Case(kind, sql.formal(question), sql.render(question, rng), "yes" if question.valid else "no", "sql")
                for _ in range(count)]
    raise ValueError(f"unknown kind {kind!r}; expected one of {KINDS!r}")


_NUMBER = re.compile(r"[-−]?\s*(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?(?:\s*/\s*\d+)?|[-−]?\.\d+")
_SUPERSCRIPT = re.compile(r"\s*[×x*]\s*10\^?([-−]?\d+)")


def _number(text: str) -> tuple[Fraction, Fraction] | None:
    """The answer's leading number and the half-unit of its last shown digit (0 for an exact form)."""
    text = text.strip().removeprefix("≈").strip()
    match = _NUMBER.match(text)
    if match is None:
        return None
    raw = match.group().replace("−", "-").replace(" ", "").replace(",", "")
    if "/" in raw:
        p, q = raw.split("/")
        return (Fraction(int(p), int(q)), Fraction(0)) if int(q) else None
    try:
        number = Decimal(raw)
    except InvalidOperation:
        return None
    exponent = number.as_tuple().exponent
    scale = _SUPERSCRIPT.match(text, match.end())
    value = Fraction(number)
    if scale is not None:
        power = int(scale.group(1).replace("−", "-"))
        value *= Fraction(10) ** power
        exponent += power
    return value, Fraction(1, 2) * Fraction(10) ** exponent if isinstance(exponent, int) else Fraction(0)


def grade(kind: str, expected: str, got: str, *, formal: str = "") -> bool:
    """Whether ``got`` (the answer text) means ``expected``.

    Numbers: arithmetic exactly (an integer or ``p/q``), or a decimal of six significant digits or more within
    the rounding it shows; units within the rounding shown (they print six significant digits). Yes/no
    questions: the answer's leading yes/no, valid/invalid; a regex's "only in part" is a match for a search
    (``formal`` ``re.search(...)``) and none for a whole-string test.
    """
    if kind in ("regex", "sql"):
        verdict = _verdict(got)
        if verdict is None and got.strip().casefold().startswith("only in part"):
            verdict = formal.startswith("re.search")
        return verdict is not None and verdict == (expected == "yes")
    value = Fraction(expected)
    if same_number(value, got):
        return True
    read = _number(got)
    if read is None:
        return False
    number, half_unit = read
    if kind == "units":
        return abs(number - value) <= max(half_unit, abs(value) * Fraction(6, 10**6))
    digits = len(re.sub(r"\D", "", got.split("e")[0].split("E")[0]).lstrip("0"))
    return half_unit > 0 and digits >= 6 and abs(number - value) <= half_unit


def _verdict(got: str) -> bool | None:
    text = got.strip().casefold()
    if text.startswith(("yes", "true", "valid", "matches", "it matches")):
        return True
    if text.startswith(("no", "false", "not valid", "invalid", "does not match", "doesn't match")):
        return False
    return None


def run(agent: Any, item: Case) -> Outcome:
    """Ask ``agent`` the case's phrasing and classify the answer: right, misread (verified and wrong) or declined."""
    answer = agent.invoke(item.phrasing)
    steps = list(answer.steps or [])
    interpretation = " ; ".join(getattr(s, "interpretation", "") or "" for s in steps).strip(" ;")
    route = str(answer.route)
    if not answer.verified or route == "none":
        return Outcome(item, "declined", answer.answer, interpretation, route)
    status: Status = "right" if grade(item.kind, item.expected, answer.answer, formal=item.formal) else "misread"
    return Outcome(item, status, answer.answer, interpretation, route)
