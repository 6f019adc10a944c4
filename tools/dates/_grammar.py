"""The steps the dates family reads whole: each a template over the step with its dates marked, and a builder.

A template must match the whole step (a polite prefix and a question mark
aside), so every word is accounted for. The spec a builder returns is plain
JSON: the operation, its days as ISO text, and how each day was found.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from agentkit.tools.dates._phrases import (
    MARK,
    MONTH_PATTERN,
    Phrase,
    find_phrases,
    mark,
    month_number,
    resolve_yearless,
)

from agentkit.errors import ToolInputError

__all__ = ["MAX_OFFSET", "Unreadable", "read_step"]

MAX_OFFSET = {"days": 3_660_000, "weeks": 522_858, "months": 120_000, "years": 10_000}

_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}


class Unreadable(ToolInputError):
    """A step about dates that the family understands only in part; ``span`` is the part it read."""

    def __init__(self, message: str, span: tuple[int, int]) -> None:
        super().__init__(message)
        self.span = span


_A, _B = f"{MARK}(?P<a>\\d)", f"{MARK}(?P<b>\\d)"
_N = r"(?P<n>\d{1,3}(?:,\d{3})+|\d{1,15}|an?|" + "|".join(list(_NUMBER_WORDS)[2:]) + ")"
_SHIFT_UNIT = r"(?P<unit>days?|weeks?|fortnights?|months?|years?)"
_COUNT_UNIT = r"(?P<unit>days|weeks)"
_WHICH_DAY = "(?:what|which) (?:day of the week|weekday|day)"
_IS = "(?:is|was|will be|would be|is it|was it|will it be|would it be)"
_THERE = ("(?: (?:are there|were there|will there be|is it|was it|will it be|are left|are|were|have passed|"
          "have gone by|has it been))?")
_INCLUSIVE = (",?(?: (?P<incl>inclusive(?:ly)?|including both(?: dates| days| ends)?|counting both(?: dates| days| ends)?"
              "|including the (?:first|start) and (?:the )?(?:last|end)(?: days?| dates?)?)"
              "| (?P<excl>exclusive(?:ly)?|not counting the (?:last|end)(?: day| date)?))?")
_YEAR = r"(?P<year>\d{1,5})"
_MONTH = f"(?P<month>{MONTH_PATTERN})"
_PREFIX = r"\s*(?:(?:please|ok|okay|so),?\s+)?(?:(?:can|could)\s+you\s+(?:please\s+)?)?(?:tell\s+me\s+)?"

_TEMPLATES_TEXT: list[tuple[str, str]] = [
    ("weekday", f"{_WHICH_DAY} (?:is|was|will be|would be)(?: it)?(?: on)? {_A}"),
    ("weekday", f"{_WHICH_DAY} (?:will|would|did|does|do) {_A} (?:be|fall on|fall|land on)"),
    ("weekday", f"on {_WHICH_DAY} (?:is|was|will be|does|did|will) {_A}(?: fall| be)?"),
    ("weekday", f"{_A} (?:is|was|will be|falls on|fell on|will fall on)(?: a| on a| on)? {_WHICH_DAY}"),
    ("weekday", f"(?:(?:what is|what's|find) )?the (?:day of the week|weekday) (?:of|for|on) {_A}"),
    ("weekday", f"(?:day of the week|weekday) (?:of|for) {_A}"),
    ("date", f"(?:what|which) date {_IS} {_A}"),
    ("date", f"(?:what is|what's|what was|what will be) (?:the date (?:of |on )?)?{_A}"),
    ("date", f"(?:(?:what is|what's|what was) )?{_A}'s date"),
    ("date", f"when(?: is|'s| was| will be) {_A}"),
    ("date", "(?:what is|what's) the date|what date is it"),
    ("shift", f"(?:(?:what|which) (?:date|day) {_IS} |(?:what is|what's|what was|what will be) (?:the date )?)?"
              f"{_N} {_SHIFT_UNIT} (?P<dir>after|before|from|later than|earlier than) {_A}"),
    ("shift", f"(?:(?:what is|what's) )?{_A} (?P<dir>plus|\\+|minus|-) {_N} {_SHIFT_UNIT}"),
    ("shift", f"(?P<dir>add) {_N} {_SHIFT_UNIT} to {_A}|(?P<dir2>subtract) {_N} {_SHIFT_UNIT} from {_A}"),
    ("shift", f"(?:(?:what|which) (?:date|day) {_IS} |(?:what is|what's|what will be) the date )?"
              f"(?P<dir>in) {_N} {_SHIFT_UNIT}(?: from {_A})?"),
    ("shift", f"(?:(?:what|which) (?:date|day) {_IS} |(?:what is|what's|what was) the date )?"
              f"{_N} {_SHIFT_UNIT} (?P<dir>ago)"),
    ("between", f"how many {_COUNT_UNIT}{_THERE} (?P<how>between|from) {_A} (?:and|to|until|till) {_B}{_INCLUSIVE}"),
    ("between", f"(?:(?:what is|what's) )?the number of {_COUNT_UNIT} (?P<how>between|from) {_A} "
                f"(?:and|to|until|till) {_B}{_INCLUSIVE}"),
    ("between", f"{_COUNT_UNIT} (?P<how>between|from) {_A} (?:and|to|until|till) {_B}{_INCLUSIVE}"),
    ("between", f"how many {_COUNT_UNIT}{_THERE} (?P<how>until|till|to) {_B}"
                f"(?: (?:from|counting from|starting from) {_A})?{_INCLUSIVE}"),
    ("between", f"how (?P<how>long) (?:is it |was it |will it be )?(?:until|till) {_B}(?: from {_A})?{_INCLUSIVE}"),
    ("between", f"how many {_COUNT_UNIT}{_THERE} (?P<how>since) {_A}(?: (?:until|till|to) {_B})?{_INCLUSIVE}"),
    ("between", f"how many {_COUNT_UNIT} (?P<how>ago) (?:was|is) {_A}"),
    ("leap", f"(?:is|was|will) (?:the year )?{_YEAR}(?: be)? a leap year(?: or not)?|is (?:the year )?{_YEAR} leap"),
    ("month_length", f"how many days (?:are there |were there |will there be |are |were )?in (?:the month of )?"
                     f"{_MONTH},? {_YEAR}|how many days (?:does|did|will|has) {_MONTH},? {_YEAR}(?: have| had| got)?"),
    ("year_length", f"how many days (?:are there |were there |will there be |are |were )?in "
                    f"(?:the year {_YEAR}|(?P<year4>\\d{{4}}))|how many days (?:does|did|will) "
                    f"(?:the year {_YEAR}|(?P<year4>\\d{{4}})) (?:have|had)"),
]


def _compile(body: str) -> re.Pattern[str]:
    # a repeated group name (two alternatives of one template) gets a numbered twin
    seen: dict[str, int] = {}

    def rename(match: re.Match[str]) -> str:
        name = match.group(1)
        seen[name] = seen.get(name, 0) + 1
        return f"(?P<{name}{'_' * (seen[name] - 1)}>"

    body = re.sub(r"\(\?P<(\w+)>", rename, body)
    return re.compile(_PREFIX + "(?:" + body.replace(" ", r"\s+") + r")\s*[?.!]*\s*", re.IGNORECASE)


_TEMPLATES = [(operation, _compile(body)) for operation, body in _TEMPLATES_TEXT]


def _group(match: re.Match[str], name: str) -> str | None:
    """A named group, or its twin from another alternative of the same template."""
    for key in (name, name + "_", name + "__"):
        if key in match.re.groupindex and match.group(key) is not None:
            return match.group(key)
    return None


class _Reading:
    """The phrases of one step, and the conventions a spec built from them took."""

    def __init__(self, text: str, phrases: list[Phrase], today: date, clock: str) -> None:
        self.text, self.phrases, self.today, self.clock = text, phrases, today, clock
        self.notes: list[str] = []
        self.origins: dict[str, dict[str, Any]] = {}
        self.relative = False

    def take(self, phrase: Phrase, key: str) -> str:
        if phrase.kind == "problem":
            raise Unreadable(phrase.note, phrase.span)
        if phrase.kind == "yearless":
            words = self.text[phrase.span[0]:phrase.span[1]]
            raise Unreadable(f"{words!r} names no year", phrase.span)
        if phrase.kind == "relative":
            self.relative = True
            if phrase.note:
                self.notes.append(phrase.note)
        self.origins[key] = phrase.origin
        return phrase.iso

    def phrase(self, match: re.Match[str], name: str) -> Phrase | None:
        index = _group(match, name)
        return None if index is None else self.phrases[int(index)]

    def today_phrase(self) -> Phrase:
        origin = {"kind": "offset", "days": 0, "today": self.today.isoformat()}
        return Phrase(span=(0, 0), kind="relative", iso=self.today.isoformat(), origin=origin)

    def spec(self, operation: str, **fields: Any) -> dict[str, Any]:
        spec: dict[str, Any] = {"operation": operation, **fields, "origins": self.origins, "notes": self.notes}
        if self.relative:
            spec["today"] = self.today.isoformat()
            spec["clock"] = self.clock
        return spec

    def whole(self, message: str) -> Unreadable:
        return Unreadable(message, (0, len(self.text)))


def _number(word: str) -> int:
    return _NUMBER_WORDS.get(word.lower()) or int(word.replace(",", ""))


def _weekday(match: re.Match[str], reading: _Reading) -> dict[str, Any]:
    return reading.spec("weekday", date=reading.take(reading.phrase(match, "a"), "date"))


def _date(match: re.Match[str], reading: _Reading) -> dict[str, Any]:
    phrase = reading.phrase(match, "a") or reading.today_phrase()
    words = reading.text[phrase.span[0]:phrase.span[1]]
    if phrase.kind == "date" and not re.search(r"[a-z]", words, re.IGNORECASE):
        raise reading.whole("a date written in digits is its own answer")
    if phrase.kind == "yearless":
        phrase = resolve_yearless(phrase, reading.today, 1)
        reading.relative = True
    return reading.spec("date", date=reading.take(phrase, "date"))


def _shift(match: re.Match[str], reading: _Reading) -> dict[str, Any]:
    word = (_group(match, "dir") or _group(match, "dir2") or "").lower()
    sign = -1 if word in ("before", "earlier than", "minus", "-", "ago", "subtract") else 1
    unit = _group(match, "unit").lower().rstrip("s") + "s"
    count = _number(_group(match, "n"))
    if unit == "fortnights":
        unit, count = "weeks", 2 * count
    start = reading.take(reading.phrase(match, "a") or reading.today_phrase(), "date")
    if unit in ("months", "years"):
        reading.notes.append(f"{unit} are counted on the calendar; a day past the month's end is clamped to its last day")
    return reading.spec("shift", date=start, count=count, unit=unit, sign=sign)


def _between(match: re.Match[str], reading: _Reading) -> dict[str, Any]:
    how = _group(match, "how").lower()
    unit = (_group(match, "unit") or "days").lower()
    first, second = reading.phrase(match, "a"), reading.phrase(match, "b")
    if (how in ("until", "till", "to", "long") and first is None and second.kind == "yearless") or (
            how in ("since", "ago") and second is None and first.kind == "yearless"):
        day = first if second is None else second
        words = reading.text[day.span[0]:day.span[1]]
        raise Unreadable(f"{words!r} names no year, and which one is meant depends on today's date "
                         f"({reading.today.isoformat()} by {reading.clock}): give the year", day.span)
    if how in ("until", "till", "to", "long"):
        first = first or reading.today_phrase()
        if second.kind == "yearless" and first.kind not in ("problem", "yearless"):
            second = resolve_yearless(second, date.fromisoformat(first.iso), 1)
    elif how in ("since", "ago"):
        second = second or reading.today_phrase()
        if first.kind == "yearless" and second.kind not in ("problem", "yearless"):
            first = resolve_yearless(first, date.fromisoformat(second.iso), -1)
    start, end = reading.take(first, "start"), reading.take(second, "end")
    inclusive = _group(match, "incl") is not None
    return reading.spec("between", start=start, end=end, unit=unit, inclusive=inclusive,
                        absolute=how == "between")


def _year(match: re.Match[str], reading: _Reading) -> int:
    year = int(_group(match, "year") or _group(match, "year4"))
    if not 1 <= year <= 9999:
        raise reading.whole(f"only years 1 to 9999 are read, not {year}")
    return year


def _leap(match: re.Match[str], reading: _Reading) -> dict[str, Any]:
    return reading.spec("leap", year=_year(match, reading))


def _month_length(match: re.Match[str], reading: _Reading) -> dict[str, Any]:
    return reading.spec("month_length", year=_year(match, reading), month=month_number(_group(match, "month")))


def _year_length(match: re.Match[str], reading: _Reading) -> dict[str, Any]:
    return reading.spec("year_length", year=_year(match, reading))


_BUILDERS: dict[str, Callable[[re.Match[str], _Reading], dict[str, Any]]] = {
    "weekday": _weekday, "date": _date, "shift": _shift, "between": _between, "leap": _leap,
    "month_length": _month_length, "year_length": _year_length}


def read_step(text: str, today: date, clock: str) -> dict[str, Any] | None:
    """The spec of a step read whole, ``None`` when it names no date calculation.

    Raises:
        Unreadable: the step names a date but is not read whole (an ambiguous or impossible
            date, a day with no year, words left over); ``span`` is the part that was read.
    """
    phrases = find_phrases(text, today)
    if len(phrases) > 9:
        raise Unreadable("too many dates in one step", phrases[0].span)
    marked, _ = mark(text, phrases)
    for operation, pattern in _TEMPLATES:
        match = pattern.fullmatch(marked)
        if match is not None:
            return _BUILDERS[operation](match, _Reading(text, phrases, today, clock))
    for phrase in phrases:
        if phrase.kind == "problem":
            raise Unreadable(phrase.note, phrase.span)
    for phrase in phrases:
        if phrase.kind in ("date", "yearless"):
            raise Unreadable("a date, in a step that is not a date calculation this tool reads", phrase.span)
    return None
