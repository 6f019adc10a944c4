"""Unit conversions claimed in free text ("5 miles is about 8 km", "100 °C = 212 °F"), and their judging.

    >>> from agentkit.tools.units import UnitsFamily
    >>> family = UnitsFamily()
    >>> [(c.text, family.check(c).ok) for c in family.find_claims("The film lasts 2 hours = 125 minutes.")]
    [('2 hours = 125 minutes', False)]

A claim is a quantity said to equal another in a unit of the same kind; the family's own recognizer
decides where the second unit ends and whether the two quantities convert at all ("5 kg = 5 m" is not a
conversion claim), under the family's conventions ("1 cup = 8 ounces" states US fluid ounces, and holds).
The verdict follows `agentkit.tools.tolerance`.
"""

from __future__ import annotations

import logging
import re
from fractions import Fraction
from typing import TYPE_CHECKING

from agentkit.tools import tolerance
from agentkit.tools.base import Claim, Context
from agentkit.tools.claim_text import prepare

if TYPE_CHECKING:
    from agentkit.tools.units import UnitsFamily

__all__ = ["KIND", "find_claims", "judge"]

logger = logging.getLogger(__name__)

KIND = "units"

_NUM = r"-?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?"
_WORD = r"[^\W\d_][^\s,;:!?=≈()\[\]]*"
_DEGREE = r"°\s?[CFK]\b|degrees?\s+(?:Celsius|Fahrenheit|Kelvin|C|F)\b"
_UNITS_CLAIM = re.compile(
    rf"(?<![\w.,\x02])(?P<lhs>{_NUM})\s*(?P<lu>{_DEGREE}|{_WORD}(?:\s+{_WORD}){{0,2}})\s*"
    rf"(?P<verb>=|≈|~|\bis\s+equal\s+to\b|\bequals\b|\bis\b|\bare\b|\bmakes\b)\s*"
    rf"(?P<approx>(?:about|approximately|roughly|around|nearly|~)\s+)?[$€£]?(?P<rhs>{_NUM})\s*"
    rf"(?P<ru>{_DEGREE}|{_WORD}(?:\s+{_WORD}){{0,2}})",
    re.IGNORECASE,
)
_COMPARATIVE = re.compile(r"\s*(?:more|less|fewer|longer|shorter|greater|higher|lower|than|times|each|apart|"
                          r"further|farther|heavier|lighter|older|younger|faster|slower)\b", re.IGNORECASE)
_INSIDE = re.compile(r"(?:%|\d|half|third|quarter|percent)\s+of$")
_LEADING_NUMBER = re.compile(r"\s*[$€£]?(?P<n>-?[\d,]*\.?\d+)")


def find_claims(family: UnitsFamily, text: str) -> list[Claim]:
    """Every conversion claim in ``text`` that ``family`` can read: "5 miles is about 8 km", "2 hours = 120 minutes"."""
    work, _ = prepare(text)
    found = []
    for m in _UNITS_CLAIM.finditer(work):
        before = work[:m.start()].rstrip()
        if before and (before[-1] in "+-*/×÷^=−" or _INSIDE.search(before)):
            continue  # part of a larger expression
        claim = _claim(family, text, m)
        if claim is not None:
            found.append(claim)
    return found


def _claim(family: UnitsFamily, text: str, m: re.Match[str]) -> Claim | None:
    lhs = f"{m.group('lhs')} {m.group('lu')}".replace(",", "")
    words = m.group("ru").split()
    for n in range(len(words), 0, -1):
        unit = " ".join(words[:n]).rstrip(".")
        end = m.start("ru") + len(unit)
        candidate = family.recognize(f"convert {lhs} to {unit}", Context())
        if candidate is None or not candidate.complete or candidate.operation != "convert":
            continue
        result = family.execute(candidate)
        if result.error or (isinstance(result.value, dict) and "refusal" in result.value):
            return None  # "5 kg = 5 m": mass against length is not a conversion claim we can judge
        if _COMPARATIVE.match(text, end):
            return None
        approx = bool(m.group("approx")) or m.group("verb") in ("≈", "~")
        return Claim(kind=KIND, text=text[m.start():end], span=(m.start(), end), stated=text[m.start("rhs"):end],
                     expression=lhs, approx=approx, stated_spans=(m.span("rhs"),))
    return None


def judge(true_value: Fraction, shown: Fraction, claim: Claim) -> tolerance.Judgement:
    """The tolerance rules on a stated quantity: the digits its number shows, and the claim's words."""
    written = _LEADING_NUMBER.match(claim.stated)
    if written is not None:
        stated = written.group("n").replace(",", "")
    else:  # no number written first: the digits the value itself shows
        places = next(d for d in range(40) if (shown * 10**d).denominator == 1 or d == 39)
        stated = f"{float(shown):.{places}f}"
    return tolerance.judge(true_value, shown, stated, approx=claim.approx)


def replacement(true_value: Fraction, claim: Claim) -> str | None:
    """The true value written like the stated number, for a repair; None when no number was written."""
    written = _LEADING_NUMBER.match(claim.stated)
    return tolerance.format_like(true_value, written.group("n")) if written else None
