"""Statements about dates in free text ("2027-03-14 is a Sunday", "2100 is not a leap year"), and their judging.

    >>> from agentkit.tools.dates import DatesFamily
    >>> family = DatesFamily()
    >>> [(c.text, family.check(c).ok) for c in family.find_claims("Note that 4 July 1976 was a Monday.")]
    [('4 July 1976 was a Monday', False)]

A claim names its dates outright (a claim about "tomorrow" depends on when it was written and is
not found). Its ``expression`` is the question the family reads whole, its ``stated`` the answer
given; counts of days are integers and judged exactly, weeks with a decimal by `agentkit.tools.tolerance`.
"""

from __future__ import annotations

import re
from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from agentkit.tools import tolerance
from agentkit.tools.base import Claim, Context, Verdict
from agentkit.tools.dates._phrases import (
    MARK,
    MONTH_PATTERN,
    WEEKDAY_PATTERN,
    Phrase,
    find_phrases,
    mark,
    weekday_number,
)

if TYPE_CHECKING:
    from agentkit.tools.dates import DatesFamily

__all__ = ["KIND", "find_claims", "judge"]

KIND = "dates"

_A, _B = f"{MARK}(?P<a>\\d)", f"{MARK}(?P<b>\\d)"
_COUNT = r"(?P<n>\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?)"
_OFFSET = r"(?P<n>\d{1,3}(?:,\d{3})+(?!\d)|\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_UNIT = r"(?P<unit>days?|weeks?|fortnights?|months?|years?)"
_INCLUSIVE = r"(?P<incl>,? inclusive(?:ly)?)?"
_STATEMENTS = [(name, re.compile(body.replace(" ", r"\s+"), re.IGNORECASE)) for name, body in (
    ("weekday", f"{_A} (?:is|was|will be|falls on|fell on|will fall on)(?: a| on a| on)? (?P<wd>{WEEKDAY_PATTERN})"),
    ("between", f"there (?:are|were|will be|is) {_COUNT} (?P<unit>days?|weeks?) (?P<how>between|from) {_A} "
                f"(?P<link>and|to|until) {_B}{_INCLUSIVE}"),
    ("shift", f"{_OFFSET} {_UNIT} (?P<dir>after|before|from) {_A} (?:is|was|will be|falls on|would be|=) {_B}"),
    ("shift_sum", f"{_A} (?P<op>plus|\\+|minus|-) {_OFFSET} {_UNIT} (?:is|was|will be|would be|=|equals) {_B}"),
    ("leap", r"(?<![\d,.])(?:the year )?(?P<year>\d{1,4}) (?P<verb>is not|isn't|was not|wasn't|will not be|won't be|"
             r"is|was|will be) a leap year"),
    ("month_length", f"(?P<month>{MONTH_PATTERN}),? (?P<year>\\d{{4}}) (?:has|had|will have) (?P<n>\\d+) days"),
)]


def _reading(name: str, match: re.Match[str], words: list[str]) -> tuple[str, str]:
    """The question a statement answers, and the answer it states."""
    group = match.groupdict()
    if name == "weekday":
        return f"what day of the week is {words[int(group['a'])]}", group["wd"]
    if name == "between":
        unit = group["unit"].rstrip("s") + "s"
        incl = ", inclusive" if group["incl"] else ""
        return f"how many {unit} {group['how']} {words[int(group['a'])]} {group['link']} {words[int(group['b'])]}{incl}", \
            f"{group['n']} {unit}"
    if name == "shift":
        return f"what date is {group['n']} {group['unit']} {group['dir']} {words[int(group['a'])]}", words[int(group["b"])]
    if name == "shift_sum":
        return f"{words[int(group['a'])]} {group['op']} {group['n']} {group['unit']}", words[int(group["b"])]
    if name == "leap":
        negative = "not" in group["verb"] or "n't" in group["verb"]
        return f"is {group['year']} a leap year", "no" if negative else "yes"
    return f"how many days in {group['month']} {group['year']}", group["n"]


def _marked(text: str) -> tuple[str, list[int], list[str], list[Phrase]]:
    phrases = find_phrases(text, date.today())
    marked, places = mark(text, phrases)
    words = [text[p.span[0]:p.span[1]] for p in phrases]
    return marked, places, words, phrases


def find_claims(family: DatesFamily, text: str) -> list[Claim]:
    """Every statement about named dates in ``text`` that ``family`` reads whole."""
    if MARK in text or len(text) > 100_000:
        return []
    marked, places, words, phrases = _marked(text)
    found: list[Claim] = []
    taken: list[tuple[int, int]] = []
    for name, pattern in _STATEMENTS:
        for match in pattern.finditer(marked):
            start, end = places[match.start()], places[match.end() - 1] + 1
            end -= text[end - 1] == "."  # a full stop, not an abbreviation's dot
            if any(start < e and s < end for s, e in taken):
                continue
            indexes = [int(match.group(key)) for key in ("a", "b") if key in pattern.groupindex and match.group(key)]
            if any(phrases[i].kind != "date" for i in indexes):
                continue
            question, stated = _reading(name, match, words)
            candidate = family.recognize(question, Context())
            if candidate is None or not candidate.complete:
                continue
            taken.append((start, end))
            found.append(Claim(kind=KIND, text=text[start:end], span=(start, end), stated=stated,
                               expression=question, reading={"question": question}))
    return sorted(found, key=lambda claim: claim.span)


def _from_statement(text: str) -> tuple[str, str] | None:
    marked, _, words, phrases = _marked(text.strip().rstrip(".!"))
    if not all(p.kind == "date" for p in phrases):
        return None
    for name, pattern in _STATEMENTS:
        match = pattern.fullmatch(marked)
        if match is not None:
            return _reading(name, match, words)
    return None


def _stated_matches(spec: dict[str, Any], value: dict[str, Any], stated: str, approx: bool) -> tuple[bool, str]:
    """Whether ``stated`` gives ``value``, and the rule applied."""
    operation = spec["operation"]
    if operation == "weekday":
        named = re.search(WEEKDAY_PATTERN, stated, re.IGNORECASE)
        ok = named is not None and weekday_number(named.group(0)) == ["Monday", "Tuesday", "Wednesday", "Thursday",
                                                                       "Friday", "Saturday", "Sunday"].index(value["weekday"])
        return ok, "the same weekday"
    if operation in ("date", "shift"):
        days = [p for p in find_phrases(stated, date.today()) if p.kind == "date"]
        return bool(days) and days[0].iso == value["date"], "the same day"
    if operation == "leap":
        word = stated.strip().lower()
        said = word.startswith(("yes", "true", "is a")) if not re.search(r"\bnot\b|n't|^no\b|^false", word) else False
        return said == value["leap"], "the same yes or no"
    number = re.search(r"-?\d[\d,]*(?:\.\d+)?", stated)
    if number is None:
        return False, "a number of days"
    if operation == "between" and "week" in stated.lower():
        whole = re.fullmatch(r"\s*(\d+) weeks?(?: and (\d+) days?)?\s*", stated, re.IGNORECASE)
        if whole:
            return (int(whole.group(1)) * 7 + int(whole.group(2) or 0) == abs(value["days"]),
                    "whole weeks and days, exactly")
        judgement = tolerance.judge_text(Fraction(abs(value["days"]), 7), number.group(0), approx=approx)
        return judgement.ok, judgement.rule
    judgement = tolerance.judge_text(Fraction(value["days"]), number.group(0), approx=approx)
    return judgement.ok, judgement.rule


def judge(family: DatesFamily, claim: Claim) -> Verdict:
    """The verdict on ``claim``: its question answered by the family, compared with what it states."""
    question, stated = claim.expression, claim.stated
    candidate = family.recognize(question, Context()) if question else None
    if candidate is None or not candidate.complete:
        reading = _from_statement(claim.text) if len(claim.text) <= 300 else None
        if reading is None:
            return Verdict(ok=False, check="dates.claim", judged=False,
                           detail="not a statement about dates that this family reads")
        question, stated = reading
        candidate = family.recognize(question, Context())
        if candidate is None or not candidate.complete:
            return Verdict(ok=False, check="dates.claim", judged=False, detail=f"cannot read {question!r}")
    result = family.execute(candidate)
    if result.error is not None:
        return Verdict(ok=False, check="dates.claim", detail=result.text)
    ok, rule = _stated_matches(candidate.spec, result.value, stated, claim.approx)
    return Verdict(ok=ok, check="dates.claim", detail=f"{question}: {result.text}", computed=result.text,
                   tolerance=rule)
